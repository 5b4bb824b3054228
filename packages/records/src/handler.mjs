// The records service as one fetch-API handler: (Request, { clientAddress }) → Promise<Response>.
// Node's http, Express, Fastify and framework route handlers all reach it through adapters
// (node.mjs) or directly (frameworks that speak Request/Response).
import { createHash, timingSafeEqual } from 'node:crypto';
import { DatabaseUnavailableError, isUnavailable } from './database.mjs';
import { InvalidRecordError, MAX_BODY_BYTES, parseRecord } from './validate.mjs';
import { createRateLimit } from './rate-limit.mjs';
import { renderStatsPage, renderTokenPage, renderStatsSvg } from './stats-page.mjs';
import { csvHeader, csvLine, jsonLine } from './export.mjs';

const HEX32 = /^[0-9a-f]{32}$/;

/**
 * @param {object} options
 * @param {ReturnType<import('./store.mjs').createStore>} options.store
 * @param {string[]} [options.origins] the sites allowed to POST (CORS allowlist), e.g. ['https://www.example.com']
 * @param {string} [options.token] the read token; without one, nothing can be read over HTTP
 * @param {Map<string, boolean>} [options.categories] the site's declared categories (see categoriesOf)
 * @param {string} [options.basePath] where the service is mounted, default '/'
 * @param {{ perMinute?: number, burst?: number } | false} [options.rateLimit] per client; false turns it off
 * @param {(line: string) => void} [options.log] one line per request (method, path, status, time; never a body)
 * @param {() => number} [options.now]
 */
export function createRecordsHandler(options) {
  const { store, origins = [], token = '', categories = null, log = () => {}, now = Date.now } = options;
  const base = normaliseBase(options.basePath ?? '/');
  const limiter = options.rateLimit === false ? null : createRateLimit({ ...options.rateLimit, now });
  const tokenDigest = token ? digest(token) : null;

  const authorised = (request, url, allowQuery) => {
    if (!tokenDigest) return false;
    const header = request.headers.get('authorization') ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7) : allowQuery ? (url.searchParams.get('token') ?? '') : '';
    return given !== '' && timingSafeEqual(digest(given), tokenDigest);
  };

  async function route(request, url, client) {
    const method = request.method.toUpperCase();
    const path = url.pathname.slice(base.length - 1);
    const origin = request.headers.get('origin');
    const originAllowed = !origin || origin === url.origin || origins.includes(origin);

    if (path === '/' || path === '') {
      if (method === 'OPTIONS') {
        if (!origin || !originAllowed) return json(403, { error: 'origin not allowed' });
        return new Response(null, { status: 204, headers: corsHeaders(origin, { preflight: true }) });
      }
      if (method !== 'POST') return json(405, { error: 'POST a consent record here' }, { Allow: 'POST, OPTIONS' });
      if (!originAllowed) return json(403, { error: `origin ${origin.slice(0, 100)} is not allowed to post records` });
      const wait = limiter?.take(client);
      if (wait) return json(429, { error: 'too many requests' }, { 'Retry-After': String(wait) });
      return receive(request);
    }

    if (method !== 'GET' && method !== 'HEAD') return json(405, { error: 'method not allowed' }, { Allow: 'GET' });
    const wait = limiter?.take(client);
    if (wait) return json(429, { error: 'too many requests' }, { 'Retry-After': String(wait) });

    if (path === '/health') {
      try {
        await store.ping();
        return json(200, { ok: true });
      } catch {
        return json(503, { ok: false, error: 'the records database is unavailable' }, { 'Retry-After': '5' });
      }
    }

    const statsPage = path === '/stats' || path === '/stats.json' || path === '/stats.svg';
    if (statsPage || path === '/export' || path === '/verify' || path.startsWith('/consents/')) {
      if (!authorised(request, url, statsPage)) {
        const reason = tokenDigest ? 'a valid read token is needed (Authorization: Bearer <token>)' : 'reading is off: start the service with CONSENTINEL_RECORDS_TOKEN set';
        if (path === '/stats' && (request.headers.get('accept') ?? '').includes('text/html')) {
          return html(401, renderTokenPage({ action: url.pathname, failed: url.searchParams.has('token'), enabled: Boolean(tokenDigest) }), { 'WWW-Authenticate': 'Bearer' });
        }
        return json(401, { error: reason }, { 'WWW-Authenticate': 'Bearer' });
      }
    }
    if (statsPage) {
      const days = clampDays(url.searchParams.get('days'));
      if (days === null) return json(400, { error: 'days: expected a whole number from 1 to 366' });
      const stats = await store.stats({ days });
      if (path === '/stats.json') return json(200, stats);
      if (path === '/stats.svg') return new Response(renderStatsSvg(stats), { status: 200, headers: { ...SAFE_HEADERS, 'Content-Type': 'image/svg+xml; charset=utf-8' } });
      return html(200, renderStatsPage(stats, { jsonHref: `${base}stats.json?days=${days}` }));
    }
    if (path.startsWith('/consents/')) {
      const consentId = path.slice('/consents/'.length);
      if (!HEX32.test(consentId)) return json(400, { error: 'consent id: expected 32 lowercase hex digits' });
      const records = await store.show(consentId);
      if (!records.length) return json(404, { error: 'no records for this consent id', consentId });
      return json(200, { consentId, records });
    }
    if (path === '/export') {
      const format = url.searchParams.get('format') ?? 'jsonl';
      if (format !== 'csv' && format !== 'jsonl') return json(400, { error: 'format: expected csv or jsonl' });
      // Streamed a page of rows at a time: an export never holds the whole table in memory.
      const rows = store.all();
      const encoder = new TextEncoder();
      let header = format === 'csv';
      const body = new ReadableStream({
        async pull(controller) {
          if (header) {
            header = false;
            return controller.enqueue(encoder.encode(csvHeader()));
          }
          const { value, done } = await rows.next();
          if (done) controller.close();
          else controller.enqueue(encoder.encode(format === 'csv' ? csvLine(value) : jsonLine(value)));
        },
        cancel: () => void rows.return?.(),
      });
      return new Response(body, {
        status: 200,
        headers: {
          ...SAFE_HEADERS,
          'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
          'Content-Disposition': `attachment; filename="consent-records.${format}"`,
        },
      });
    }
    if (path === '/verify') {
      const result = await store.verify();
      return json(result.ok ? 200 : 409, result);
    }
    return json(404, { error: 'not found' });
  }

  async function receive(request) {
    const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') return json(415, { error: 'Content-Type must be application/json' });
    const declared = Number(request.headers.get('content-length') ?? 0);
    if (declared > MAX_BODY_BYTES) return json(413, { error: `the body is larger than ${MAX_BODY_BYTES} bytes` });
    const text = await readLimited(request, MAX_BODY_BYTES);
    if (text === null) return json(413, { error: `the body is larger than ${MAX_BODY_BYTES} bytes` });
    let record;
    try {
      record = parseRecord(text, { now: now(), categories, origins: origins.length ? [...origins, new URL(request.url).origin] : null });
    } catch (error) {
      if (error instanceof InvalidRecordError) return json(error.status, { error: error.message });
      throw error;
    }
    try {
      const result = await store.append(record);
      // 201 only now: the transaction has committed.
      return result.duplicate
        ? json(200, { stored: true, duplicate: true, recordId: record.recordId })
        : json(201, { stored: true, recordId: record.recordId, consentId: record.consentId, method: record.method, seq: result.seq });
    } catch (error) {
      if (error?.status === 409) return json(409, { error: error.message });
      throw error;
    }
  }

  /** @param {Request} request @param {{ clientAddress?: string }} [info] */
  return async function handleRecords(request, info = {}) {
    const started = now();
    let url;
    try {
      url = new URL(request.url);
    } catch {
      return json(400, { error: 'bad request URL' });
    }
    let response;
    try {
      if (!url.pathname.startsWith(base) && url.pathname !== base.slice(0, -1)) response = json(404, { error: 'not found' });
      else response = await route(request, url, info.clientAddress ?? 'unknown');
    } catch (error) {
      if (error instanceof DatabaseUnavailableError || isUnavailable(error)) {
        response = json(503, { error: 'the records database is unavailable; the record was not stored, send it again later' }, { 'Retry-After': '5' });
      } else {
        // Internals (SQL, stack, paths) stay in the server's log, and even there no body: a
        // database error is logged by its SQLSTATE, as its message may quote a value.
        const detail = error?.code ? `SQLSTATE ${error.code}` : String(error?.message ?? error).slice(0, 200);
        log(`error ${request.method} ${loggedPath(url.pathname)}: ${error?.name ?? 'Error'} ${detail}`);
        response = json(500, { error: 'internal error' });
      }
    }
    // An allowed site's page must be able to read every answer, a 503 included, to know whether
    // to keep the record for later.
    const origin = request.headers.get('origin');
    if (origin && origin !== url.origin && origins.includes(origin) && !response.headers.has('access-control-allow-origin')) {
      for (const [key, value] of Object.entries(corsHeaders(origin))) response.headers.set(key, value);
    }
    log(`${request.method} ${loggedPath(url.pathname)} ${response.status} ${now() - started}ms`);
    return response;
  };
}

const SAFE_HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };

function json(status, value, headers = {}) {
  return new Response(JSON.stringify(value, null, status < 300 && !('stored' in value) ? 2 : undefined) + '\n', {
    status,
    headers: { ...SAFE_HEADERS, 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });
}

function html(status, body, headers = {}) {
  return new Response(body, {
    status,
    headers: {
      ...SAFE_HEADERS,
      'Content-Type': 'text/html; charset=utf-8',
      // No script at all; the one stylesheet is inline.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
      ...headers,
    },
  });
}

function corsHeaders(origin, { preflight = false } = {}) {
  const headers = { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
  if (preflight) {
    headers['Access-Control-Allow-Methods'] = 'POST';
    headers['Access-Control-Allow-Headers'] = 'content-type';
    headers['Access-Control-Max-Age'] = '86400';
  }
  return headers;
}

/** A path for the log: a consent id in it is a visitor's, so it is left out. */
const loggedPath = (path) => path.replace(/[0-9a-f]{32}/g, '<consent-id>');

function digest(text) {
  return createHash('sha256').update(text).digest();
}

function normaliseBase(path) {
  if (!path.startsWith('/')) throw new TypeError(`basePath: expected a path starting with "/", got ${JSON.stringify(path)}`);
  return path.endsWith('/') ? path : path + '/';
}

function clampDays(value) {
  if (value === null) return 30;
  if (!/^\d{1,3}$/.test(value)) return null;
  const days = Number(value);
  return days >= 1 && days <= 366 ? days : null;
}

/** The body as text, or null once it passes `limit` bytes (the rest is not read). */
async function readLimited(request, limit) {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
