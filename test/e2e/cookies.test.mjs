// The consent cookie and the declared cookies on real sites: several consent cookies of one name
// (a parent-domain or a path variant), cleanup of refused categories at every start and decision,
// tabs that must not lose or undo a change, partitioned (CHIPS) cookies and sandboxed iframes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  test, useEnvironment, ready, state, ran, banner, dialog, categorySwitch, eventually, FIXTURES,
} from './helpers.mjs';

const env = useEnvironment();
const PAGE = '/fixtures/basic.html';
const SHOP = '/fixtures/shop/';
const CLEANER = '/dist/consentinel-cleaner.mjs';
const CONFIG = JSON.parse(readFileSync(join(FIXTURES, 'consent.json'), 'utf8'));
const EVERY = ['necessary', 'analytics', 'affiliate', 'advertising'];

/** An encoded consent record (docs/ARCHITECTURE.md "The consent cookie"), `updated` seconds ago. */
function record({ method = 'accept-all', granted = EVERY, age = 60, revision = 0, id = 'a'.repeat(32) } = {}) {
  const updated = Math.floor(Date.now() / 1000) - age;
  return ['1', id, updated - 10, updated, revision, method, granted.join('+')].join('.');
}

/** Serves the fixture config with `changes` merged in, until the test ends. */
function serveConfig(t, changes) {
  env.server.route('/fixtures/consent.json', (req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify({ ...CONFIG, ...changes }));
  });
  t.after(() => env.server.unroute('/fixtures/consent.json'));
}

const consentCookies = async (context) => (await context.cookies()).filter((c) => c.name === 'consentinel');
const names = async (context) => (await context.cookies()).map((c) => c.name).sort();

/** Reject all in the dialog (the banner is not shown to a visitor who has decided). */
async function rejectInDialog(page) {
  await page.locator('#settings-link').click();
  await dialog(page).getByRole('button', { name: 'Reject all', exact: true }).click();
}

/** Runs `action`, which must make the page reload, and waits until the new page has started. */
async function reloadsAfter(page, action) {
  await page.evaluate(() => (window.__oldPage = true));
  await action();
  await page.waitForFunction(() => !window.__oldPage && window.__events?.some((e) => e.type === 'ready') && window.Consentinel, null, { timeout: 10_000 });
}

// ---- 1. Several consent cookies of one name -------------------------------------------------

test('A parent-domain consent cookie cannot bring an accept-all back after Reject all', async () => {
  const host = `www.northwind.test:${env.server.port}`;
  const { page, context, pageErrors } = await env.open(`http://${host}${PAGE}`, { waitReady: false });
  // Left by an earlier cookie.domain, or planted by a sibling subdomain.
  await context.addCookies([{ name: 'consentinel', value: record(), domain: '.northwind.test', path: '/' }]);
  await page.reload();
  await ready(page);
  assert.equal((await state(page)).granted.analytics, true, 'set up: the parent-domain record is read');

  await reloadsAfter(page, () => rejectInDialog(page));
  await page.reload();
  await ready(page);
  const s = await state(page);
  assert.equal(s.method, 'reject-all', 'the latest choice holds after two reloads');
  assert.equal(s.granted.analytics, false);
  assert.ok(!(await ran(page)).includes('analytics'), 'the analytics tag did not run again');
  const left = await consentCookies(context);
  assert.deepEqual(left.map((c) => c.domain), ['www.northwind.test'], 'the parent-domain variant was deleted when the choice was written');
  assert.deepEqual(pageErrors, []);
});

test('A Path=/shop consent cookie cannot bring an accept-all back on /shop/ pages after Reject all', async () => {
  const { page, context } = await env.open(SHOP, { waitReady: false });
  await context.addCookies([{ name: 'consentinel', value: record(), domain: '127.0.0.1', path: '/fixtures/shop' }]);
  await page.reload();
  await ready(page);
  assert.equal((await state(page)).granted.analytics, true, 'set up: the path variant is read');

  await reloadsAfter(page, () => rejectInDialog(page));
  await page.reload();
  await ready(page);
  assert.equal((await state(page)).method, 'reject-all');
  const left = await consentCookies(context);
  assert.deepEqual(left.map((c) => c.path), ['/'], 'only the configured cookie is left');
});

test('Of two consent cookies, the newer record wins at start, whichever document.cookie lists first', async () => {
  const host = `www.northwind.test:${env.server.port}`;
  const context = await env.context();
  // The older accept-all is created first, so document.cookie lists it first.
  await context.addCookies([
    { name: 'consentinel', value: record({ age: 3600 }), domain: '.northwind.test', path: '/' },
    { name: 'consentinel', value: record({ method: 'reject-all', granted: ['necessary'], age: 60 }), domain: 'www.northwind.test', path: '/' },
  ]);
  const { page } = await env.open(`http://${host}${PAGE}`, { context });
  assert.match(await page.evaluate(() => document.cookie), /consentinel=1\.a+\.\d+\.\d+\.0\.accept-all.*consentinel=1\.a+\.\d+\.\d+\.0\.reject-all/, 'set up: the accept-all comes first');
  const s = await state(page);
  assert.equal(s.method, 'reject-all');
  assert.equal(s.granted.analytics, false);
  assert.ok(!(await ran(page)).includes('analytics'));
});

test('With a parent-domain consent cookie, a withdrawal in one tab reaches the other tab', async (t) => {
  serveConfig(t, { reloadOnWithdraw: false });
  const host = `www.northwind.test:${env.server.port}`;
  const context = await env.context();
  await context.addCookies([{ name: 'consentinel', value: record(), domain: '.northwind.test', path: '/' }]);
  const a = await env.open(`http://${host}${PAGE}`, { context });
  const b = await env.open(`http://${host}${PAGE}`, { context });
  assert.equal((await state(b.page)).granted.analytics, true);
  await a.page.evaluate(() => window.Consentinel.rejectAll());
  await b.page.waitForFunction(() => window.Consentinel.getState().method === 'reject-all', null, { timeout: 5000 });
  assert.equal((await state(b.page)).granted.analytics, false);
});

// ---- 2. Cleanup at every start and every decision --------------------------------------------

/** What a tag of each category leaves (the fixture config declares these). */
async function plantTagData(context, page) {
  await context.addCookies(['_ga', '_ga_TEST1', 'ad_id', 'affiliate_ref', 'unrelated'].map((name) => ({ name, value: 'x', url: env.url('/') })));
  await page.evaluate(() => {
    localStorage.setItem('analytics_id', '1');
    localStorage.setItem('ads_seen', '1');
    localStorage.setItem('keep_me', '1');
  });
}
// What the page's tags left, without the library's own strictly necessary entries: the consent
// cookie, and the consent-log queue (`consentinel:log`, there until the endpoint has answered).
const planted = async (context, page) => ({
  cookies: (await names(context)).filter((n) => n !== 'consentinel'),
  storage: await page.evaluate(() => Object.keys(localStorage).filter((k) => !k.startsWith('consentinel:')).sort()),
});

test('A revision bump plus Reject all deletes what the earlier accept-all left', async (t) => {
  serveConfig(t, { revision: 2 });
  const { page, context } = await env.open('/fixtures/tags/probe.js', { waitReady: false });
  await context.addCookies([{ name: 'consentinel', value: record({ revision: 1 }), url: env.url('/') }]);
  await plantTagData(context, page);
  await page.goto(env.url(PAGE));
  await ready(page);
  await banner(page).getByRole('button', { name: 'Reject all', exact: true }).click();
  await eventually(async () => (await planted(context, page)).cookies.length === 1, { message: 'the declared cookies were not deleted' });
  assert.deepEqual(await planted(context, page), { cookies: ['unrelated'], storage: ['keep_me'] });
});

for (const [label, setup] of [
  ['an expired record', { cookie: () => record({ age: 200 * 86400 }) }],
  ['a Global Privacy Control refusal', { initScript: () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true }) }],
  ['a stored refusal (a tag wrote again just before the withdrawal’s reload)', { cookie: () => record({ method: 'reject-all', granted: ['necessary'] }), noReload: true }],
  ['a first visit before any choice', {}],
]) {
  test(`At start, ${label}: the declared cookies and storage of refused categories are deleted`, async () => {
    const context = await env.context();
    if (setup.initScript) await context.addInitScript(setup.initScript);
    const { page } = await env.open('/fixtures/tags/probe.js', { context, waitReady: false });
    if (setup.cookie) await context.addCookies([{ name: 'consentinel', value: setup.cookie(), url: env.url('/') }]);
    await plantTagData(context, page);
    env.server.clear();
    await page.goto(env.url(PAGE));
    await ready(page);
    await eventually(async () => (await planted(context, page)).storage.length === 1, { message: 'storage was not cleaned' });
    assert.deepEqual(await planted(context, page), { cookies: ['unrelated'], storage: ['keep_me'] });
    assert.equal(env.server.count(PAGE), 1, 'a cleanup at start never reloads the page');
  });
}

test('At start, the granted categories’ cookies stay, and the cleanup code is not even fetched when nothing is left over', async () => {
  const context = await env.context();
  const { page } = await env.open('/fixtures/tags/probe.js', { context, waitReady: false });
  await context.addCookies([{ name: 'consentinel', value: record({ method: 'custom', granted: ['necessary', 'analytics'] }), url: env.url('/') }]);
  await context.addCookies([{ name: '_ga', value: 'kept', url: env.url('/') }]);
  await page.goto(env.url(PAGE));
  await ready(page);
  await page.waitForFunction(() => (window.__ran ?? []).includes('analytics'));
  await page.waitForLoadState('networkidle');
  assert.equal(env.server.count(CLEANER), 0, 'no refused category has anything stored: the cleaner chunk is not loaded');
  assert.ok((await names(context)).includes('_ga'), 'a granted category keeps its cookies');

  await context.addCookies([{ name: 'ad_id', value: 'left over', url: env.url('/') }]);
  await page.reload();
  await ready(page);
  await eventually(async () => !(await names(context)).includes('ad_id'), { message: 'ad_id of the refused advertising category was not deleted' });
  assert.ok((await names(context)).includes('_ga'));
  assert.equal(env.server.count(CLEANER), 1);
});

// ---- 5. Tabs -----------------------------------------------------------------------------------

test('An open preferences dialog follows a refusal made in another tab, and Save does not grant it back', async (t) => {
  serveConfig(t, { reloadOnWithdraw: false });
  const context = await env.context();
  const a = await env.open(PAGE, { context });
  await a.page.evaluate(() => window.Consentinel.acceptAll());
  const b = await env.open(PAGE, { context });
  await b.page.locator('#settings-link').click();
  assert.equal(await categorySwitch(b.page, 'Analytics').isChecked(), true, 'set up: analytics is on in the dialog');

  await a.page.evaluate(() => window.Consentinel.rejectAll());
  await b.page.waitForFunction(() => window.Consentinel.getState().method === 'reject-all');
  await eventually(async () => !(await categorySwitch(b.page, 'Analytics').isChecked()), { message: 'the open dialog still shows analytics on' });
  assert.equal(await categorySwitch(b.page, 'Advertising').isChecked(), false);

  await dialog(b.page).getByRole('button', { name: 'Save preferences' }).click();
  const s = await state(b.page);
  assert.deepEqual(s.granted, { necessary: true, analytics: false, affiliate: false, advertising: false }, 'Save kept the other tab’s refusal');
  await a.page.reload();
  await ready(a.page);
  assert.equal((await state(a.page)).granted.analytics, false, 'the stored record kept it too');
});

test('An open preferences dialog in another tab follows a withdrawal with reloadOnWithdraw on', async () => {
  const context = await env.context();
  const a = await env.open(PAGE, { context });
  await a.page.evaluate(() => window.Consentinel.acceptAll());
  const b = await env.open(PAGE, { context });
  await b.page.locator('#settings-link').click();
  await categorySwitch(b.page, 'Analytics').waitFor();
  // Both tabs are visible, so b reloads too: its dialog cannot save the stale switches.
  await reloadsAfter(b.page, () => a.page.evaluate(() => window.Consentinel.save({ analytics: false })));
  assert.equal((await state(b.page)).granted.analytics, false);
  await b.page.locator('#settings-link').click();
  assert.equal(await categorySwitch(b.page, 'Analytics').isChecked(), false);
});

test('A change is not lost when the other tab hears of it before the cookie write is visible there', async (t) => {
  serveConfig(t, { reloadOnWithdraw: false });
  const context = await env.context();
  const a = await env.open(PAGE, { context });
  await a.page.evaluate(() => window.Consentinel.acceptAll());
  // Tab b reads document.cookie as it was while window.__stale is set: the browser can deliver
  // the cross-tab message before its cookie store shows b the other tab's write.
  const b = await env.open(PAGE, {
    context,
    initScript: () => {
      const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
      Object.defineProperty(document, 'cookie', {
        configurable: true,
        get: () => window.__stale ?? cookie.get.call(document),
        set: (value) => cookie.set.call(document, value),
      });
    },
  });
  assert.equal((await state(b.page)).method, 'accept-all');
  await b.page.evaluate(() => (window.__stale = document.cookie));
  await a.page.evaluate(() => window.Consentinel.rejectAll());
  assert.match(await b.page.evaluate(() => document.cookie), /accept-all/, 'set up: tab b still sees the old cookie');
  await b.page.waitForFunction(() => window.Consentinel.getState().method === 'reject-all', null, { timeout: 5000 });
  assert.equal((await state(b.page)).granted.analytics, false);

  await b.page.evaluate(() => (window.__stale = undefined));
  await b.page.reload();
  await ready(b.page);
  assert.equal((await state(b.page)).method, 'reject-all');
});

// ---- 10. Partitioned cookies, sandboxed iframes -------------------------------------------------

test('A partitioned (CHIPS) cookie that a refused category declares is deleted', async () => {
  // Partitioned cookies must be Secure; Chromium treats http://127.0.0.1 as secure for cookies.
  const { page, context } = await env.open('/fixtures/tags/probe.js', { waitReady: false });
  await page.evaluate(() => {
    document.cookie = '_ga=partitioned; Path=/; Secure; SameSite=None; Partitioned';
    document.cookie = '_ga_TEST1=plain; Path=/';
  });
  const before = await context.cookies();
  assert.ok(before.some((c) => c.name === '_ga' && c.partitionKey), `set up: _ga is partitioned (${JSON.stringify(before)})`);
  await page.goto(env.url(PAGE));
  await ready(page);
  await eventually(async () => !(await names(context)).some((n) => n.startsWith('_ga')), { message: 'the _ga cookies were not deleted' });
});

test('In a sandboxed iframe (document.cookie throws), deciding and withdrawing never throw into the page', async () => {
  // A page served from a CDN with CORS, as a sandboxed (opaque-origin) frame needs for module
  // chunks (the demo server sends it for every dist/ file; said here so the test stands alone).
  const CHUNKS = [CLEANER];
  for (const chunk of CHUNKS) {
    env.server.route(chunk, (req, res, { serveFile }) => serveFile(join(FIXTURES, '..', '..', '..', chunk), { 'Access-Control-Allow-Origin': '*' }));
  }
  try {
    const { page, pageErrors, consoleErrors } = await env.open('/fixtures/sandboxed.html', { waitReady: false });
    const frame = page.frameLocator('#sandboxed');
    await frame.getByRole('button', { name: 'Accept all', exact: true }).waitFor();
    const inner = page.frames().find((f) => f.url().endsWith('sandboxed-inner.html'));
    assert.equal(await inner.evaluate(() => { try { document.cookie; return 'readable'; } catch (e) { return e.name; } }), 'SecurityError', 'set up: document.cookie throws');
    const loads = env.server.count('/fixtures/sandboxed-inner.html');
    const thrown = await inner.evaluate(() => {
      try {
        window.Consentinel.acceptAll();
        window.Consentinel.save({ analytics: false });
        return null;
      } catch (e) {
        return String(e);
      }
    });
    assert.equal(thrown, null);
    await eventually(() => env.server.count('/fixtures/sandboxed-inner.html') > loads, { message: 'the frame did not reload after the withdrawal' });
    assert.deepEqual(pageErrors, []);
    // (Storing the choice fails there, and says so; that is not the cleaner's.)
    assert.deepEqual(consoleErrors.filter((m) => /could not load or run/.test(m)), [], 'the cleanup ran without an error');
  } finally {
    for (const chunk of CHUNKS) env.server.unroute(chunk);
  }
});
