// First visit, the three first-layer choices, return visits, corrupt cookies, revisions and the
// consent log, on a page with every kind of gated element (fixtures/basic.html).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  test, useEnvironment, ready, state, ran, banner, dialog, categorySwitch, settle, eventually,
  assertNothingGatedFetched, cookieMap, decodeConsentCookie, GATED, UI_FILE, FIXTURES,
} from './helpers.mjs';

const env = useEnvironment();
const PAGE = '/fixtures/basic.html';

test('first visit: the banner shows with three equal choices, nothing gated is fetched or run', async () => {
  const { page, context, pageErrors } = await env.open(PAGE);
  const region = banner(page);
  await region.waitFor();
  assert.ok(await region.getAttribute('aria-label') || await region.getAttribute('aria-labelledby'), 'the banner region is labelled');
  const buttons = ['Accept all', 'Reject all', 'Preferences'].map((name) => region.getByRole('button', { name, exact: true }));
  for (const b of buttons) assert.ok(await b.isVisible(), 'first-layer button visible');

  // Equal prominence: same size, weight and colours for the three choices.
  const looks = await Promise.all(buttons.map((b) => b.evaluate((el) => {
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return { font: s.fontSize + ' ' + s.fontWeight, bg: s.backgroundColor, color: s.color, border: s.borderTopWidth + ' ' + s.borderTopColor, height: Math.round(r.height) };
  })));
  assert.deepEqual(looks[1], looks[0], 'Reject all looks like Accept all');
  assert.deepEqual(looks[2], looks[0], 'Preferences looks like Accept all');

  const s = await state(page);
  assert.equal(s.decided, false);
  assert.equal(s.granted.necessary, true, 'required category granted');
  for (const id of ['analytics', 'affiliate', 'advertising']) assert.equal(s.granted[id], false, `${id} not granted`);
  assert.equal(s.method, null);

  await settle(page, 600);
  assertNothingGatedFetched(env.server);
  assert.deepEqual(await ran(page), []);
  assert.equal(await page.locator('#video').getAttribute('src'), null, 'the iframe has no src yet');
  assert.equal(await page.locator('#pixel').getAttribute('src'), null, 'the pixel has no src yet');
  assert.equal((await cookieMap(context)).consentinel, undefined, 'no consent cookie before a choice');
  assert.deepEqual(pageErrors, []);
});

test('first visit: navigator.webdriver alone does not make the visitor a bot', async () => {
  const { page } = await env.open(PAGE);
  assert.equal(await page.evaluate(() => navigator.webdriver), true);
  await banner(page).waitFor();
});

test('Accept all: every category granted, gated elements run once, the cookie is written', async () => {
  const { page, context, pageErrors } = await env.open(PAGE);
  await banner(page).getByRole('button', { name: 'Accept all', exact: true }).click();
  await page.waitForFunction(() => (window.__ran ?? []).length >= 5);
  await settle(page);
  const s = await state(page);
  assert.equal(s.decided, true);
  assert.equal(s.method, 'accept-all');
  assert.deepEqual(s.granted, { necessary: true, analytics: true, affiliate: true, advertising: true });
  assert.match(s.id, /^[0-9a-f]{32}$/);

  const r = await ran(page);
  for (const name of ['analytics', 'analytics-inline', 'affiliate', 'advertising', 'affiliate+advertising']) {
    assert.equal(r.filter((x) => x === name).length, 1, `${name} ran exactly once`);
  }
  assert.ok(!r.includes('!analytics'), '!analytics does not run when analytics is granted');
  for (const path of Object.values(GATED).flat()) assert.equal(env.server.count(path), 1, `${path} fetched once`);
  assert.match(await page.locator('#video').getAttribute('src'), /\/fixtures\/frame\.html$/);
  assert.match(await page.locator('#pixel').getAttribute('src'), /pixel\.gif/);
  assert.equal(await banner(page).count(), 0, 'the banner is gone');

  const stored = (await context.cookies()).find((c) => c.name === 'consentinel');
  assert.equal(stored.path, '/');
  assert.equal(stored.sameSite, 'Lax');
  assert.equal(stored.httpOnly, false);
  const days = (stored.expires * 1000 - Date.now()) / 86400000;
  assert.ok(days > 181 && days <= 182.01, `kept 182 days by default, got ${days.toFixed(2)}`);
  const cookie = decodeConsentCookie((await cookieMap(context)).consentinel);
  assert.equal(cookie.version, '1');
  assert.equal(cookie.id, s.id);
  assert.equal(cookie.method, 'accept-all');
  assert.deepEqual(cookie.granted.sort(), ['advertising', 'affiliate', 'analytics', 'necessary']);
  const events = await page.evaluate(() => window.__events.map((e) => e.type));
  assert.deepEqual(events, ['ready', 'change']);
  assert.deepEqual(pageErrors, []);
});

test('Reject all: nothing optional runs or is fetched, !analytics runs, the choice is stored', async () => {
  const { page, context } = await env.open(PAGE);
  await banner(page).getByRole('button', { name: 'Reject all', exact: true }).click();
  await page.waitForFunction(() => window.Consentinel.getState().decided);
  await settle(page, 600);
  const s = await state(page);
  assert.equal(s.method, 'reject-all');
  assert.deepEqual(s.granted, { necessary: true, analytics: false, affiliate: false, advertising: false });
  assertNothingGatedFetched(env.server);
  assert.deepEqual(await ran(page), ['!analytics']);
  assert.equal(await banner(page).count(), 0);
  const cookies = await cookieMap(context);
  assert.deepEqual(decodeConsentCookie(cookies.consentinel).granted, ['necessary']);
  assert.deepEqual(Object.keys(cookies).sort(), ['consentinel'], 'no cookie but the consent cookie');
});

test('Preferences: the dialog saves exactly the switched categories', async () => {
  const { page } = await env.open(PAGE);
  await banner(page).getByRole('button', { name: 'Preferences', exact: true }).click();
  const d = dialog(page);
  await d.waitFor();
  assert.equal(await d.getAttribute('aria-modal'), 'true');
  const necessary = categorySwitch(page, 'Necessary');
  assert.ok(await necessary.isChecked(), 'the required category is shown on');
  assert.ok(await necessary.isDisabled(), 'the required category cannot be switched off');
  for (const title of ['Analytics', 'Affiliate referrals', 'Advertising']) {
    assert.equal(await categorySwitch(page, title).isChecked(), false, `${title} starts off`);
  }
  await categorySwitch(page, 'Analytics').click();
  assert.equal(await categorySwitch(page, 'Analytics').isChecked(), true);
  // A draft: nothing is granted until Save.
  assert.equal((await state(page)).granted.analytics, false, 'toggling alone decides nothing');
  await settle(page, 200);
  assert.equal(env.server.count('/fixtures/tags/analytics.js'), 0);

  await d.getByRole('button', { name: 'Save preferences' }).click();
  await page.waitForFunction(() => window.Consentinel.getState().decided);
  await page.waitForFunction(() => (window.__ran ?? []).includes('analytics'));
  await settle(page);
  const s = await state(page);
  assert.equal(s.method, 'custom');
  assert.deepEqual(s.granted, { necessary: true, analytics: true, affiliate: false, advertising: false });
  assert.deepEqual((await ran(page)).sort(), ['analytics', 'analytics-inline']);
  for (const path of [...GATED.affiliate, ...GATED.advertising]) assert.equal(env.server.count(path), 0, `${path} not fetched`);
  assert.equal(await dialog(page).count(), 0, 'the dialog closed');
  assert.equal(await banner(page).count(), 0, 'the banner closed');
});

test('Closing the dialog without a choice decides nothing', async () => {
  const { page } = await env.open(PAGE);
  await banner(page).getByRole('button', { name: 'Preferences', exact: true }).click();
  await dialog(page).waitFor();
  await page.keyboard.press('Escape');
  await dialog(page).waitFor({ state: 'detached' });
  assert.equal((await state(page)).decided, false);
  await settle(page);
  assertNothingGatedFetched(env.server);
});

test('Return visit: the choice holds, the UI file is not fetched, tags run again', async () => {
  const { page, context } = await env.open(PAGE);
  await banner(page).getByRole('button', { name: 'Accept all', exact: true }).click();
  await page.waitForFunction(() => window.Consentinel.getState().decided);
  // Let every tag of this first load finish, so the counts below are the reload's own.
  await page.waitForFunction(() => ['analytics', 'affiliate', 'advertising'].every((n) => (window.__ran ?? []).includes(n)));
  await settle(page, 200);
  assert.equal(env.server.count(UI_FILE), 1);
  const before = await state(page);
  env.server.clear();

  await page.reload();
  await ready(page);
  await page.waitForFunction(() => (window.__ran ?? []).includes('analytics'));
  await settle(page, 600);
  const s = await state(page);
  assert.equal(s.decided, true);
  assert.equal(s.id, before.id, 'same consent id');
  assert.equal(s.method, 'accept-all');
  assert.equal(await banner(page).count(), 0, 'no banner on a return visit');
  assert.equal(env.server.count(UI_FILE), 0, 'consentinel-ui.mjs is not requested on a return visit');
  assert.equal(env.server.count(/\/dist\/i18n\//), 0, 'no translation requested on a return visit');
  assert.equal(env.server.count('/fixtures/tags/analytics.js'), 1);

  // A second page of the same site in the same context sees the same choice.
  const other = await context.newPage();
  await other.goto(env.url('/fixtures/gcm.html'));
  await ready(other);
  assert.equal((await state(other)).id, before.id);
});

test('A corrupt, foreign or tampered consent cookie counts as no choice', async () => {
  const now = Math.floor(Date.now() / 1000);
  const id = 'a'.repeat(32);
  const values = {
    garbage: 'not-a-consent-record',
    'wrong version': `2.${id}.${now}.${now}.0.accept-all.necessary+analytics`,
    'bad id': `1.${'z'.repeat(32)}.${now}.${now}.0.accept-all.necessary+analytics`,
    'too few fields': `1.${id}.${now}.${now}.0.accept-all`,
    'future timestamp': `1.${id}.${now + 86400 * 30}.${now + 86400 * 30}.0.accept-all.necessary+analytics`,
    'unknown method': `1.${id}.${now}.${now}.0.sure.necessary+analytics`,
    'markup injected': encodeURIComponent(`1.${id}.${now}.${now}.0.accept-all.<img src=x onerror=alert(1)>`),
    'too long': `1.${id}.${now}.${now}.0.accept-all.${'analytics+'.repeat(120)}analytics`,
    'json from another library': encodeURIComponent(JSON.stringify({ categories: ['analytics'], level: ['all'] })),
  };
  for (const [label, value] of Object.entries(values)) {
    const context = await env.context();
    await context.addCookies([{ name: 'consentinel', value, url: env.origin }]);
    const { page, pageErrors } = await env.open(PAGE, { context });
    await banner(page).waitFor();
    const s = await state(page);
    assert.equal(s.decided, false, `${label}: asked again`);
    assert.equal(s.granted.analytics, false, `${label}: analytics not granted`);
    await settle(page, 300);
    assert.deepEqual(await ran(page), [], `${label}: nothing ran`);
    assert.deepEqual(pageErrors, [], `${label}: no exception escaped`);
    await context.close();
  }
  assertNothingGatedFetched(env.server);
});

test('A valid cookie written by a server is honoured (the documented format)', async () => {
  const now = Math.floor(Date.now() / 1000);
  const id = '0123456789abcdef0123456789abcdef';
  const context = await env.context();
  await context.addCookies([{ name: 'consentinel', value: `1.${id}.${now - 60}.${now - 60}.0.custom.necessary+analytics`, url: env.origin }]);
  const { page } = await env.open(PAGE, { context });
  await page.waitForFunction(() => (window.__ran ?? []).includes('analytics'));
  const s = await state(page);
  assert.equal(s.decided, true);
  assert.equal(s.id, id);
  assert.equal(s.method, 'custom');
  assert.deepEqual(s.granted, { necessary: true, analytics: true, affiliate: false, advertising: false });
  assert.equal(await banner(page).count(), 0);
});

test('A revision bump asks again and says the policy changed', async () => {
  const config = JSON.parse(readFileSync(join(FIXTURES, 'consent.json'), 'utf8'));
  let revision = 1;
  env.server.route('/fixtures/consent.json', (req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify({ ...config, revision }));
  });
  try {
    const { page } = await env.open(PAGE);
    await banner(page).getByRole('button', { name: 'Accept all', exact: true }).click();
    await page.waitForFunction(() => ['analytics', 'affiliate', 'advertising'].every((n) => (window.__ran ?? []).includes(n)));
    await settle(page, 200);
    assert.equal((await state(page)).revision, 1);

    revision = 2;
    env.server.clear();
    await page.reload();
    await ready(page);
    const region = banner(page);
    await region.waitFor();
    const s = await state(page);
    assert.equal(s.decided, false, 'asked again');
    assert.equal(s.outdated, true, 'the state says the stored choice is outdated');
    assert.match(await region.innerText(), /updated our policy/i, 'the banner says what changed');
    await settle(page, 500);
    assertNothingGatedFetched(env.server, 'an outdated choice must not keep running tags');

    await region.getByRole('button', { name: 'Reject all', exact: true }).click();
    await page.waitForFunction(() => window.Consentinel.getState().decided);
    assert.equal((await state(page)).revision, 2);
    // The decision's consent-log POST arrives before the test ends, not in the next test's log.
    await eventually(() => env.server.consentLog.some((r) => r.method === 'reject-all' && r.revision === 2), { message: 'the consent-log POST of the decision arrived' });
  } finally {
    env.server.unroute('/fixtures/consent.json');
  }
});

test('Consent log: each decision is POSTed with id, revision, method and granted categories', async () => {
  const { page } = await env.open(PAGE);
  await settle(page, 300);
  assert.equal(env.server.consentLog.length, 0, 'nothing is logged before a decision');
  await banner(page).getByRole('button', { name: 'Reject all', exact: true }).click();
  const [first] = await eventually(() => env.server.consentLog.length >= 1 && env.server.consentLog, { message: 'no consent-log POST arrived' });
  const s = await state(page);
  assert.equal(typeof first, 'object', 'the body is JSON');
  assert.equal(first.id, s.id);
  assert.equal(first.revision, 0);
  assert.equal(first.method, 'reject-all');
  assert.deepEqual(grantedIds(first.granted), ['necessary']);

  await page.evaluate(() => window.Consentinel.save({ analytics: true, advertising: true }));
  const second = (await eventually(() => env.server.consentLog.length >= 2 && env.server.consentLog))[1];
  assert.equal(second.method, 'custom');
  assert.equal(second.id, (await state(page)).id, 'the id of the record now stored');
  assert.deepEqual(grantedIds(second.granted), ['advertising', 'analytics', 'necessary']);

  // A withdrawal reloads the page: its log entry must still arrive.
  page.evaluate(() => window.Consentinel.save({ analytics: false })).catch(() => {});
  const third = (await eventually(() => env.server.consentLog.length >= 3 && env.server.consentLog, { message: 'the withdrawal was not logged' }))[2];
  assert.equal(third.method, 'custom');
  assert.deepEqual(grantedIds(third.granted), ['advertising', 'necessary']);
  const posts = env.server.matching((r) => r.path === '/consent-log');
  assert.equal(posts.length, 3, 'one POST per decision');
  assert.ok(posts.every((r) => r.method === 'POST'));
  // Let the withdrawal's reload finish, so closing the context does not race a navigation.
  await eventually(
    () => page.evaluate(() => performance.getEntriesByType('navigation')[0]?.type === 'reload' && document.readyState === 'complete').catch(() => false),
    { timeout: 10000, message: 'the withdrawal did not reload the page' },
  );
});

test('consentinel:ready: a listener can already use window.Consentinel', async () => {
  const { page } = await env.open(PAGE, {
    initScript: () => document.addEventListener('consentinel:ready', () => {
      window.__atReady = typeof window.Consentinel?.getState === 'function' ? window.Consentinel.getState().decided : 'window.Consentinel missing';
    }),
  });
  assert.equal(await page.evaluate(() => window.__atReady), false);
});

test('Inline config (data-config="#id"): custom categories and texts; markup in texts is shown as text', async () => {
  const { page, pageErrors } = await env.open('/fixtures/inline-config.html');
  const region = page.locator('[data-consentinel-root]').getByRole('region');
  await region.waitFor();
  assert.match(await region.innerText(), /Cookies at <b>Northwind<\/b>/, 'the override is used, its markup shown as text');
  assert.equal(await page.locator('[data-consentinel-root]').locator('b').count(), 0, 'no <b> element was created from a text');
  assert.deepEqual(Object.keys((await state(page)).granted).sort(), ['necessary', 'support-chat']);
  await region.getByRole('button', { name: 'Preferences', exact: true }).click();
  await categorySwitch(page, 'Support chat').click();
  await dialog(page).getByRole('button', { name: 'Save preferences' }).click();
  await page.waitForFunction(() => (window.__ran ?? []).includes('chat'));
  assert.deepEqual(pageErrors, []);
});

for (const [label, respond, pattern] of [
  ['an unknown key', (res, config) => res.end(JSON.stringify({ ...config, categoreis: {} })), /categoreis/],
  ['a wrong type', (res, config) => res.end(JSON.stringify({ ...config, revision: 'two' })), /revision/],
  ['a 404', (res) => { res.statusCode = 404; res.end('not found'); }, /consent\.json|404|config/],
  ['broken JSON', (res) => res.end('{ "categories": '), /\[consentinel\]/],
]) {
  test(`A config with ${label}: a [consentinel] console error naming the problem, nothing granted, no exception`, async () => {
    const config = JSON.parse(readFileSync(join(FIXTURES, 'consent.json'), 'utf8'));
    env.server.route('/fixtures/consent.json', (req, res) => {
      res.setHeader('Content-Type', 'application/json');
      respond(res, config);
    });
    try {
      const { page, pageErrors, consoleErrors } = await env.open(PAGE, { waitReady: false });
      await page.waitForFunction(() => window.Consentinel);
      await settle(page, 500);
      const ours = consoleErrors.filter((m) => m.startsWith('[consentinel]'));
      assert.equal(ours.length, 1, `one [consentinel] error (console: ${JSON.stringify(consoleErrors)})`);
      assert.match(ours[0], pattern);
      assert.equal(await page.evaluate(() => window.Consentinel.isGranted('analytics')), false);
      await page.evaluate(() => window.Consentinel.acceptAll());
      await settle(page, 300);
      assertNothingGatedFetched(env.server, 'a broken config never lets a tag run');
      assert.deepEqual(pageErrors, []);
    } finally {
      env.server.unroute('/fixtures/consent.json');
    }
  });
}

test('Opt-out mode: a notice with "Do not sell or share", tags run until the visitor says no', async () => {
  const config = JSON.parse(readFileSync(join(FIXTURES, 'consent.json'), 'utf8'));
  env.server.route('/fixtures/consent.json', (req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ ...config, mode: 'opt-out' }));
  });
  try {
    const { page } = await env.open(PAGE);
    const notice = page.locator('[data-consentinel-root]').getByRole('region');
    await notice.waitFor();
    await page.waitForFunction(() => (window.__ran ?? []).includes('analytics'));
    const optOut = notice.getByRole('button', { name: 'Do not sell or share my personal information' });
    await optOut.click();
    // The refusal withdraws what ran, so the page reloads (once its consent-log POST is answered).
    await eventually(
      () => page.evaluate(() => performance.getEntriesByType('navigation')[0]?.type === 'reload' && document.readyState === 'complete').catch(() => false),
      { timeout: 10000, message: 'the refusal did not reload the page' },
    );
    await page.waitForFunction(() => window.Consentinel?.getState().decided);
    const s = await state(page);
    for (const id of ['analytics', 'affiliate', 'advertising']) assert.equal(s.granted[id], false, `${id} refused`);
  } finally {
    env.server.unroute('/fixtures/consent.json');
  }
});

test('Config sources: an inline data-consentinel-config block, window.consentinelConfig, or the defaults', async () => {
  const inline = await env.open('/fixtures/inline-attr-config.html');
  assert.deepEqual(Object.keys((await state(inline.page)).granted).sort(), ['necessary', 'statistics']);

  const global = await env.open('/fixtures/no-config.html', {
    initScript: () => { window.consentinelConfig = { categories: { necessary: { required: true }, chat: { required: false } } }; },
  });
  assert.deepEqual(Object.keys((await state(global.page)).granted).sort(), ['chat', 'necessary']);

  const defaults = await env.open('/fixtures/no-config.html');
  assert.deepEqual(Object.keys((await state(defaults.page)).granted).sort(), ['advertising', 'affiliate', 'analytics', 'necessary']);
  await banner(defaults.page).waitFor();
  assert.equal(env.server.count('/fixtures/tags/analytics.js'), 0);
});

test('Language auto: a page without lang follows the browser (de-DE → German, loaded on demand)', async () => {
  const { page } = await env.open('/fixtures/no-config.html', { locale: 'de-DE' });
  const region = page.locator('[data-consentinel-root]').getByRole('region');
  await region.waitFor();
  const names = await region.getByRole('button').allInnerTexts();
  assert.ok(!names.includes('Accept all'), `German buttons, got ${names}`);
  assert.equal(env.server.count('/dist/i18n/de.json'), 1);
});

/** `granted` may be a list of ids or a `{ id: boolean }` map; both are fine proofs. */
function grantedIds(granted) {
  if (Array.isArray(granted)) return [...granted].sort();
  if (granted && typeof granted === 'object') return Object.keys(granted).filter((k) => granted[k]).sort();
  if (typeof granted === 'string') return granted.split(/[+, ]/).filter(Boolean).sort();
  return granted;
}
