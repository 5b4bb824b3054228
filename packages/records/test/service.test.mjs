// The service on embedded PGlite, over real HTTP: what a site and an auditor can observe.
import test from 'node:test';
import assert from 'node:assert/strict';
import { makeRecord, hex, SITE, TOKEN, startService } from './helpers.mjs';

let service;
test.before(async () => {
  service = await startService({ siteConfig: SITE, origins: ['https://www.example.com'] });
});
test.after(() => service.close());

const count = () => service.store.count();

test('a record is stored once: 201, then 200 (duplicate) for a resend, and show returns it', async () => {
  const body = makeRecord({ url: 'https://www.example.com/pricing?email=someone@example.com#plans' });
  const first = await service.post(body);
  assert.equal(first.status, 201);
  assert.deepEqual(await first.json(), { stored: true, recordId: body.recordId, consentId: body.id, method: 'custom', seq: await count() });
  const before = await count();
  const again = await service.post(body);
  assert.equal(again.status, 200);
  assert.equal((await again.json()).duplicate, true);
  assert.equal(await count(), before, 'a resend stores nothing');
  const shown = await (await service.read(`consents/${body.id}`)).json();
  assert.equal(shown.records.length, 1);
  const [record] = shown.records;
  assert.deepEqual(
    { method: record.method, granted: record.granted, refused: record.refused, language: record.language, pageOrigin: record.pageOrigin, pagePath: record.pagePath, decidedAt: record.decidedAt },
    { method: 'custom', granted: ['necessary', 'analytics'], refused: ['affiliate', 'advertising'], language: 'en', pageOrigin: 'https://www.example.com', pagePath: '/pricing', decidedAt: body.decidedAt },
  );
  assert.ok(!JSON.stringify(shown).includes('someone@example.com'), 'the query string is not kept');
});

test('a replayed record id with other content is refused (409) and changes nothing', async () => {
  const body = makeRecord();
  assert.equal((await service.post(body)).status, 201);
  const before = await count();
  const replay = await service.post({ ...body, method: 'accept-all', granted: ['necessary', 'analytics', 'affiliate', 'advertising'], refused: [] });
  assert.equal(replay.status, 409);
  assert.match((await replay.json()).error, /recordId: already stored/);
  assert.equal(await count(), before);
  const shown = await (await service.read(`consents/${body.id}`)).json();
  assert.equal(shown.records[0].method, 'custom');
});

const BAD = [
  ['not JSON', '{"id": ', 400, /not valid JSON/],
  ['a JSON array', '[]', 400, /JSON object/],
  ['an unknown field', makeRecord({ ip: '1.2.3.4' }), 400, /unknown field "ip"/],
  ['no recordId', (() => { const r = makeRecord(); delete r.recordId; return r; })(), 400, /missing field "recordId"/],
  ['a consent id that is not hex', makeRecord({ id: 'Z'.repeat(32) }), 400, /id: expected 32 lowercase hex/],
  ['SQL in the consent id', makeRecord({ id: "x'); DROP TABLE consent_records; --" }), 400, /id: expected 32 lowercase hex/],
  ['SQL in a category', makeRecord({ granted: ["necessary'); DELETE FROM consent_records; --"] }), 400, /is not a category id/],
  ['a number as revision text', makeRecord({ revision: '1' }), 400, /revision/],
  ['a negative revision', makeRecord({ revision: -1 }), 400, /revision/],
  ['an unknown method', makeRecord({ method: 'accept-some' }), 400, /method: expected one of/],
  ['granted as a string', makeRecord({ granted: 'analytics' }), 400, /granted: expected an array/],
  ['an unknown category', makeRecord({ granted: ['necessary', 'tracking'], refused: [] }), 400, /unknown category "tracking" \(this site declares necessary, analytics, affiliate, advertising\)/],
  ['a refused required category', makeRecord({ granted: [], refused: ['necessary'] }), 400, /"necessary" is required/],
  ['a category both granted and refused', makeRecord({ granted: ['necessary', 'analytics'], refused: ['analytics'] }), 400, /both list "analytics"/],
  ['a time in the future', makeRecord({ decidedAt: new Date(Date.now() + 3600e3).toISOString() }), 400, /decidedAt: in the future/],
  ['a time before 2020', makeRecord({ createdAt: '1970-01-01T00:00:00.000Z' }), 400, /createdAt: older than 400 days/],
  ['a time that is not ISO', makeRecord({ decidedAt: 'yesterday' }), 400, /decidedAt: expected an ISO 8601/],
  ['createdAt after decidedAt', makeRecord({ createdAt: new Date(Date.now() - 1000).toISOString(), decidedAt: new Date(Date.now() - 5000).toISOString() }), 400, /createdAt: after decidedAt/],
  ['signals with a string', makeRecord({ signals: { doNotTrack: 'no', globalPrivacyControl: false } }), 400, /signals.doNotTrack/],
  ['a javascript: url', makeRecord({ url: 'javascript:alert(1)' }), 400, /url: expected an http or https URL/],
  ['a page of another site', makeRecord({ url: 'https://evil.example/' }), 400, /not one of this service's sites/],
  ['a language with markup', makeRecord({ language: '<script>' }), 400, /language/],
  ['a body over 8 KB', JSON.stringify(makeRecord({ language: 'en', url: 'https://www.example.com/' + 'a'.repeat(9000) })), 413, /larger than 8192 bytes/],
];

for (const [name, body, status, message] of BAD) {
  test(`bad input: ${name} → ${status} with a reason, nothing stored`, async () => {
    const before = await count();
    const response = await service.post(body);
    assert.equal(response.status, status);
    const { error } = await response.json();
    assert.match(error, message);
    assert.equal(await count(), before);
  });
}

test('bad input: not JSON content type → 415; GET on the POST endpoint → 405', async () => {
  const before = await count();
  const response = await service.post(makeRecord(), { headers: { 'content-type': 'text/plain' } });
  assert.equal(response.status, 415);
  assert.equal((await fetch(service.url)).status, 405);
  assert.equal(await count(), before);
});

test('a body over 8 KB sent without Content-Length (chunked) is cut off at 8 KB', async () => {
  const before = await count();
  const big = JSON.stringify(makeRecord({ url: 'https://www.example.com/' + 'b'.repeat(20000) }));
  const stream = new ReadableStream({ start(controller) { controller.enqueue(new TextEncoder().encode(big)); controller.close(); } });
  const response = await fetch(service.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' });
  assert.equal(response.status, 413);
  assert.equal(await count(), before);
});

test('CORS: an allowed site gets its preflight and can read the answer; another site is refused', async () => {
  const preflight = await fetch(service.url, { method: 'OPTIONS', headers: { origin: 'https://www.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://www.example.com');
  assert.match(preflight.headers.get('access-control-allow-headers'), /content-type/);
  const allowed = await service.post(makeRecord(), { headers: { origin: 'https://www.example.com' } });
  assert.equal(allowed.status, 201);
  assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://www.example.com');

  const before = await count();
  const other = await fetch(service.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
  assert.equal(other.status, 403);
  assert.equal(other.headers.get('access-control-allow-origin'), null);
  const posted = await service.post(makeRecord(), { headers: { origin: 'https://evil.example' } });
  assert.equal(posted.status, 403);
  assert.equal(await count(), before);
});

test('reads need the token: records, export, verify and stats answer 401 without it', async () => {
  const id = hex();
  for (const path of [`consents/${id}`, 'export?format=csv', 'verify', 'stats.json']) {
    assert.equal((await service.read(path, {})).status, 401, path);
    assert.equal((await service.read(path, { authorization: 'Bearer wrong' })).status, 401, path);
  }
  assert.equal((await service.read(`stats.json?token=${TOKEN}`, {})).status, 200, 'the stats page takes the token in its URL too');
  assert.equal((await service.read(`verify?token=${TOKEN}`, {})).status, 401, 'other reads take it in the header only');
  const page = await service.read('stats', { accept: 'text/html' });
  assert.equal(page.status, 401);
  assert.match(await page.text(), /<form method="get"/, 'a browser is asked for the token');
  assert.equal((await service.read(`consents/${id}`)).status, 404);
  assert.equal((await service.read('consents/not-an-id')).status, 400);
});

test('the stats page: SVG drawn on the server, no script, and the same numbers as JSON', async () => {
  const day = new Date(Date.now() - 1000).toISOString();
  for (const overrides of [
    { method: 'accept-all', granted: ['necessary', 'analytics', 'affiliate', 'advertising'], refused: [] },
    { method: 'reject-all', granted: ['necessary'], refused: ['analytics', 'affiliate', 'advertising'], signals: { doNotTrack: false, globalPrivacyControl: true } },
  ]) assert.equal((await service.post(makeRecord({ ...overrides, decidedAt: day, createdAt: day }))).status, 201);
  const stats = await (await service.read('stats.json')).json();
  const today = stats.days.at(-1);
  assert.equal(today.day, day.slice(0, 10));
  assert.ok(today['accept-all'] >= 1 && today['reject-all'] >= 1 && today.signal >= 1);
  const analytics = stats.categories.find((c) => c.category === 'analytics');
  assert.ok(analytics.granted >= 1 && analytics.refused >= 1);
  const page = await service.read('stats', { authorization: `Bearer ${TOKEN}`, accept: 'text/html' });
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-security-policy'), /default-src 'none'/);
  const html = await page.text();
  assert.match(html, /<svg viewBox="0 0 640 270" role="img"/);
  assert.match(html, /class="s-accept-all"/);
  assert.match(html, /<span class="category">analytics<\/span><svg class="bar"[^>]*aria-label="analytics: granted in \d+% of \d+ decisions"/);
  assert.match(html, new RegExp(`<b>${stats.totals.total}</b><span>records`));
  assert.doesNotMatch(html, /<script|https?:\/\/(?!www\.w3)/i, 'no script and nothing fetched from elsewhere');
  const svg = await service.read('stats.svg');
  assert.equal(svg.headers.get('content-type'), 'image/svg+xml; charset=utf-8');
  assert.match(await svg.text(), /^<\?xml[^]*<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
});

test('export: CSV and JSON Lines carry every record with its hash, and the JSON Lines verify on their own', async () => {
  const { verifyJsonLines } = await import('../src/export.mjs');
  const total = await count();
  const jsonl = await (await service.read('export?format=jsonl')).text();
  assert.equal(jsonl.trim().split('\n').length, total);
  assert.deepEqual(verifyJsonLines(jsonl).problems, []);
  const tampered = jsonl.replace('"method":"custom"', '"method":"accept-all"');
  assert.equal(verifyJsonLines(tampered).ok, false);
  const csv = await (await service.read('export?format=csv')).text();
  assert.equal(csv.trim().split('\r\n').length, total + 1);
  assert.match(csv.split('\r\n')[0], /^seq,recordId,consentId,receivedAt/);
  assert.equal((await service.read('export?format=xml')).status, 400);
});

test('a per-client rate limit answers 429 with Retry-After', async () => {
  const limited = await startService({ rateLimit: { perMinute: 60, burst: 3 } });
  try {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await limited.post(makeRecord({ url: 'https://www.example.com/' }))).status);
    assert.deepEqual(statuses, [201, 201, 201, 429, 429]);
    const response = await limited.post(makeRecord());
    assert.ok(Number(response.headers.get('retry-after')) >= 1);
    assert.equal(await limited.store.count(), 3);
  } finally {
    await limited.close();
  }
});

test('the database gone: 503 for a POST, never a 2xx, and the error says nothing about internals', async () => {
  const lines = [];
  const doomed = await startService({ log: (line) => lines.push(line) });
  await doomed.store.db.close();
  const body = makeRecord({ url: 'https://www.example.com/private-path' });
  const response = await doomed.post(body);
  assert.equal(response.status, 503);
  assert.equal(response.headers.get('retry-after'), '5');
  const text = await response.text();
  assert.doesNotMatch(text, /pglite|postgres|sql|at \w+ \(|\/work|node_modules/i);
  assert.equal((await doomed.read('health', {})).status, 503);
  assert.ok(!lines.join('\n').includes(body.id) && !lines.join('\n').includes('private-path'), 'the log holds no body');
  await doomed.close().catch(() => {});
});

test('a load of 50 concurrent clients × 20 records: every record stored exactly once, the chain intact', async () => {
  const { pool } = await import('./helpers.mjs');
  const bodies = Array.from({ length: 1000 }, () => makeRecord());
  const before = await count();
  const statuses = await pool(bodies, 50, async (body) => (await service.post(body)).status);
  assert.deepEqual([...new Set(statuses)], [201]);
  assert.equal(await count(), before + bodies.length);
  const verify = await (await service.read('verify')).json();
  assert.equal(verify.ok, true);
  assert.equal(verify.checked, before + bodies.length);
});

test('the request log names no consent id and no body', async () => {
  const lines = [];
  const logged = await startService({ log: (line) => lines.push(line) });
  try {
    const body = makeRecord();
    assert.equal((await logged.post(body)).status, 201);
    assert.equal((await logged.read(`consents/${body.id}`)).status, 200);
    assert.deepEqual(lines.map((line) => line.replace(/\d+ms$/, 'Nms')), ['POST / 201 Nms', 'GET /consents/<consent-id> 200 Nms']);
  } finally {
    await logged.close();
  }
});

test('a large export streams every record in chain order', async () => {
  const big = await startService();
  try {
    const { pool } = await import('./helpers.mjs');
    await pool(Array.from({ length: 2500 }, () => makeRecord()), 20, (body) => big.post(body));
    const lines = (await (await big.read('export?format=jsonl')).text()).trim().split('\n').map((line) => JSON.parse(line).seq);
    assert.deepEqual(lines, Array.from({ length: 2500 }, (_, index) => index + 1));
  } finally {
    await big.close();
  }
});
