// Strict validation of what the browser's consent log POSTs (src/browser/consent-log.ts of
// consentinel). Anything else is refused with a reason a developer can act on; nothing partial
// is ever stored.

export const MAX_BODY_BYTES = 8 * 1024;
export const METHODS = ['accept-all', 'reject-all', 'custom', 'withdrawal'];
// A few minutes of clock skew between the visitor's device and this server are normal.
const MAX_FUTURE_MS = 10 * 60 * 1000;
// The browser keeps an unsent decision until a later visit; the consent cookie lives at most
// 13 months, so a decision older than that cannot be a genuine resend.
const MAX_AGE_MS = 400 * 24 * 60 * 60 * 1000;
const EARLIEST = Date.UTC(2020, 0, 1);

const HEX32 = /^[0-9a-f]{32}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const CATEGORY_ID = /^[a-z][a-z0-9_-]{0,63}$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,4}$/;
const FIELDS = ['recordId', 'id', 'createdAt', 'decidedAt', 'revision', 'method', 'granted', 'refused', 'language', 'signals', 'url'];
const SIGNALS = ['doNotTrack', 'globalPrivacyControl'];

export class InvalidRecordError extends Error {
  constructor(message, status = 400) {
    super(message);
    this.name = 'InvalidRecordError';
    this.status = status;
  }
}

const fail = (message) => {
  throw new InvalidRecordError(message);
};

/**
 * The categories a site declares, from its consentinel config (the object `createConsent` takes,
 * e.g. demo/consent.json): id → required. Records naming other categories are refused.
 * @returns {Map<string, boolean>}
 */
export function categoriesOf(siteConfig) {
  const categories = siteConfig?.categories;
  if (!categories || typeof categories !== 'object' || Array.isArray(categories) || !Object.keys(categories).length) {
    throw new TypeError('site config: expected a "categories" object (the consentinel config of the site, e.g. consent.json)');
  }
  return new Map(Object.entries(categories).map(([id, category]) => [id, category?.required === true]));
}

/**
 * Parse and check one POSTed body. Returns the record as stored (minus the server's own fields).
 * @param {string} text the request body
 * @param {{ now?: number, categories?: Map<string, boolean> | null, origins?: string[] | null }} [options]
 */
export function parseRecord(text, { now = Date.now(), categories = null, origins = null } = {}) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    fail('the body is not valid JSON');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) fail('the body must be a JSON object');
  for (const key of Object.keys(body)) if (!FIELDS.includes(key)) fail(`unknown field "${key.slice(0, 40)}" (expected ${FIELDS.join(', ')})`);
  for (const key of FIELDS) if (!(key in body)) fail(`missing field "${key}"${key === 'recordId' ? ' (sent by consentinel ≥ 0.1 with each decision; update the library)' : ''}`);

  const hex = (key) => {
    if (typeof body[key] !== 'string' || !HEX32.test(body[key])) fail(`${key}: expected 32 lowercase hex digits`);
    return body[key];
  };
  const time = (key) => {
    const value = body[key];
    if (typeof value !== 'string' || !ISO_UTC.test(value)) fail(`${key}: expected an ISO 8601 UTC time like 2026-01-02T03:04:05.000Z`);
    const ms = Date.parse(value);
    if (!Number.isFinite(ms)) fail(`${key}: not a real date`);
    if (ms > now + MAX_FUTURE_MS) fail(`${key}: in the future (the device clock is more than 10 minutes ahead of the server)`);
    if (ms < Math.max(EARLIEST, now - MAX_AGE_MS)) fail(`${key}: older than 400 days`);
    return ms;
  };

  const recordId = hex('recordId');
  const consentId = hex('id');
  const createdAt = time('createdAt');
  const decidedAt = time('decidedAt');
  if (createdAt > decidedAt) fail('createdAt: after decidedAt (the first decision cannot follow the last)');

  const { revision } = body;
  if (!Number.isSafeInteger(revision) || revision < 0 || revision > 1_000_000_000) fail('revision: expected a whole number ≥ 0');
  if (!METHODS.includes(body.method)) fail(`method: expected one of ${METHODS.join(', ')}`);

  const list = (key) => {
    const value = body[key];
    if (!Array.isArray(value) || value.length > 64) fail(`${key}: expected an array of at most 64 category ids`);
    for (const id of value) {
      if (typeof id !== 'string' || !CATEGORY_ID.test(id)) fail(`${key}: ${JSON.stringify(id).slice(0, 40)} is not a category id (a-z, 0-9, _ and -, starting with a letter)`);
      if (categories && !categories.has(id)) fail(`${key}: unknown category "${id}" (this site declares ${[...categories.keys()].join(', ')})`);
    }
    if (new Set(value).size !== value.length) fail(`${key}: a category is listed twice`);
    return value;
  };
  const granted = list('granted');
  const refused = list('refused');
  for (const id of refused) {
    if (granted.includes(id)) fail(`granted and refused both list "${id}"`);
    if (categories?.get(id)) fail(`refused: "${id}" is required and cannot be refused`);
  }

  if (typeof body.language !== 'string' || !LANGUAGE.test(body.language)) fail('language: expected a language code like "en" or "pt-BR"');

  const { signals } = body;
  if (!signals || typeof signals !== 'object' || Array.isArray(signals)) fail('signals: expected { doNotTrack, globalPrivacyControl }');
  for (const key of Object.keys(signals)) if (!SIGNALS.includes(key)) fail(`signals: unknown signal "${key.slice(0, 40)}"`);
  for (const key of SIGNALS) if (typeof signals[key] !== 'boolean') fail(`signals.${key}: expected true or false`);

  if (typeof body.url !== 'string' || body.url.length > 2048) fail('url: expected the page URL (at most 2048 characters)');
  let url;
  try {
    url = new URL(body.url);
  } catch {
    fail('url: not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail('url: expected an http or https URL');
  if (origins && !origins.includes(url.origin)) fail(`url: ${url.origin} is not one of this service's sites`);

  return {
    recordId,
    consentId,
    createdAt: new Date(createdAt).toISOString(),
    decidedAt: new Date(decidedAt).toISOString(),
    revision,
    method: body.method,
    granted,
    refused,
    language: body.language,
    gpc: signals.globalPrivacyControl,
    dnt: signals.doNotTrack,
    // The query string and fragment can carry personal data (e-mail addresses, tokens): only the
    // page itself is kept.
    pageOrigin: url.origin,
    pagePath: url.pathname,
  };
}
