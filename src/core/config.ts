import type { Config, ConsentConfig } from '../types';
import { DEFAULT_CONSENT_MAPPING } from './consent-mode';
import { check, fail, freeze, record, type Rule, type Spec } from './validate';

/** Category ids go into cookies, selectors and attribute values unescaped, so they are restricted. */
export const CATEGORY_ID = /^[a-z][a-z0-9_-]*$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const COOKIE_NAME = [/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'a cookie name'];
const CATEGORY = [CATEGORY_ID, 'a category id'];
const TEXT = [/^/, 'a string'];
const URL = [/^(https?:\/\/|\/|\.{0,2}\/|[^:]*$)/, 'a URL (http, https or relative)'];
const DAYS = (d?: number) => [1, 395, d];

/** A regular expression source; compiled once here so a bad pattern fails at start-up. */
const REGEX: Rule = (v, p) => {
  check(TEXT, v, p);
  try {
    new RegExp(v as string);
  } catch {
    fail(p, 'not a valid regular expression');
  }
  return v;
};

const COOKIE_DECLARATION: Rule = (v, p) => {
  const d = check({ name: COOKIE_NAME, pattern: REGEX, provider: TEXT, purpose: TEXT, duration: TEXT }, v, p) as { name?: string; pattern?: string };
  return d.name || d.pattern ? d : fail(p, 'needs "name" or "pattern"');
};

const CATEGORIES = record(CATEGORY_ID, 'a category id (a-z, 0-9, _ and -, starting with a letter)', {
  required: false,
  cookies: [COOKIE_DECLARATION, , []],
  storage: [REGEX, , []],
});

const MESSAGES: Rule = record(/^[A-Za-z][A-Za-z0-9_-]*$/, 'a message key', (x, q) => (typeof x == 'string' ? x : MESSAGES(x, q)));

const GOOGLE_CONSENT_MODE: Spec = {
  ...Object.fromEntries(Object.keys(DEFAULT_CONSENT_MAPPING).map((k) => [k, CATEGORY])),
  wait_for_update: [0, 60000],
  region: [[/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'an ISO 3166 region code like "US-CA"']],
  url_passthrough: null,
  ads_data_redaction: null,
};

/** Every key a site may write, with its default (SPEC §3). parseConfig freezes the defaults it hands out. */
const CONFIG: Spec = {
  $schema: TEXT,
  // The cookie keeps at most 9 digits of it (core/codec.ts).
  revision: [0, 999999999, 0],
  mode: ['opt-in', 'opt-out'],
  categories: CATEGORIES,
  respectDoNotTrack: true,
  respectGlobalPrivacyControl: true,
  cookie: {
    name: [...COOKIE_NAME, 'consentinel'],
    domain: [/^[A-Za-z0-9.-]*$/, 'a domain name', ''],
    path: [/^\//, 'a path starting with "/"', '/'],
    expiresDays: DAYS(182),
    sameSite: ['Lax', 'Strict', 'None'],
  },
  language: [/^(auto|[a-z]{2,3}(-[A-Za-z0-9]{2,8})*)$/, '"auto" or a language code like "pt-BR"', 'auto'],
  translations: record(LANGUAGE, 'a language code', MESSAGES),
  links: { privacyPolicy: URL, cookiePolicy: URL },
  affiliate: {
    // Checked against the categories when given (parseConfig); a custom set may have no "affiliate".
    category: CATEGORY,
    params: [[/^[\w.-]+$/, 'a URL parameter name'], , ['ref', 'aff']],
    cookie: [...COOKIE_NAME, 'affiliate_ref'],
    expiresDays: DAYS(30),
    // On by default: a referral id left in the address bar reaches analytics' page URLs, the
    // Referer of third-party requests and every copied link, whether or not affiliate is granted.
    stripParam: true,
  },
  googleConsentMode: (v, p) => (typeof v == 'boolean' ? v : check(GOOGLE_CONSENT_MODE, v, p)),
  consentLog: (v, p) => {
    const log = check({ endpoint: URL }, v, p) as { endpoint?: string };
    return log.endpoint != null ? log : fail(`${p}.endpoint`, 'is required');
  },
  ui: {
    layout: ['bar', 'box'],
    position: ['bottom', 'top', 'bottom-left', 'bottom-right', 'top-left', 'top-right', 'center'],
    theme: ['auto', 'light', 'dark'],
    reopenButton: true,
  },
  hideFromBots: true,
  controls: ['all', 'no-accept-all'],
  reloadOnWithdraw: true,
  debug: false,
};

/**
 * Validate what a site wrote and fill in every default. Throws a TypeError naming the key path
 * on the first problem. The result is deeply frozen.
 * @example parseConfig({ revision: 2, categories: { necessary: { required: true }, analytics: {} } })
 */
export function parseConfig(input: ConsentConfig | undefined | null = {}): Config {
  const { $schema: _schema, ...given } = check(CONFIG, input ?? {}, 'config') as Record<string, any>;
  const categories = (given.categories ??= CATEGORIES(
    {
      necessary: { required: true },
      analytics: { cookies: [{ pattern: '^_ga(_.*)?$', provider: 'Google Analytics' }, { name: '_gid', provider: 'Google Analytics' }] },
      affiliate: { cookies: [{ name: 'affiliate_ref' }] },
      advertising: { cookies: [{ pattern: '^_gcl_', provider: 'Google Ads' }, { name: '_fbp', provider: 'Meta' }] },
    },
    '',
  ));
  const order = (given.order = Object.keys(categories));
  if (!order.length) fail('config.categories', 'needs at least one category');
  const known = (id: string, path: string) => Object.hasOwn(categories, id) || fail(path, `"${id}" is not one of the categories (${order.join(', ')})`);

  const { affiliate } = given;
  if (affiliate.category) known(affiliate.category, 'config.affiliate.category');
  else affiliate.category = 'affiliate';

  const gcm = given.googleConsentMode;
  const mapping: Record<string, string> = { ...DEFAULT_CONSENT_MAPPING };
  // Consent types go into the mapping; the other keys are passed to gtag as they are.
  const mode: Record<string, unknown> = { mapping };
  for (const k in gcm) (Object.hasOwn(mapping, k) && known(gcm[k], `config.googleConsentMode.${k}`) ? mapping : mode)[k] = gcm[k];
  given.googleConsentMode = gcm ? mode : null;
  given.translations ??= {};
  given.consentLog ??= null;
  return freeze(given) as Config;
}
