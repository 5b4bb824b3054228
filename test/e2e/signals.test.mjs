// Do Not Track, Global Privacy Control and crawlers: no banner, nothing granted, nothing run.
import assert from 'node:assert/strict';
import {
  test, useEnvironment, state, ran, banner, dialog, categorySwitch, settle,
  assertNothingGatedFetched, cookieMap, UI_FILE, GOOGLEBOT,
} from './helpers.mjs';

const env = useEnvironment();
const PAGE = '/fixtures/basic.html';

const DNT = () => Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1', configurable: true });
const WINDOW_DNT = () => {
  Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => null, configurable: true });
  Object.defineProperty(window, 'doNotTrack', { value: '1', configurable: true });
};
const GPC = () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });

for (const [label, initScript, method, signal] of [
  ['Do Not Track (navigator.doNotTrack = "1")', DNT, 'do-not-track', 'doNotTrack'],
  ['Do Not Track (window.doNotTrack = "1")', WINDOW_DNT, 'do-not-track', 'doNotTrack'],
  ['Global Privacy Control', GPC, 'global-privacy-control', 'globalPrivacyControl'],
]) {
  test(`${label}: decided, every optional category refused, no banner, nothing gated`, async () => {
    const { page, context, pageErrors } = await env.open(PAGE, { initScript });
    await settle(page, 800);
    const s = await state(page);
    assert.equal(s.decided, true);
    assert.equal(s.method, method);
    assert.equal(s.signals[signal], true);
    assert.deepEqual(s.granted, { necessary: true, analytics: false, affiliate: false, advertising: false });
    assert.equal(await banner(page).count(), 0, 'no banner');
    assert.equal(env.server.count(UI_FILE), 0, 'the UI file is not even fetched');
    assertNothingGatedFetched(env.server);
    assert.deepEqual(await ran(page), ['!analytics'], 'only the refusal fallback ran');
    assert.equal((await cookieMap(context)).consentinel, undefined, 'a signal refusal is not written');
    assert.deepEqual(pageErrors, []);
  });
}

test('Do Not Track: the dialog says the signal was honoured, and an explicit yes wins and is stored', async () => {
  const { page, context } = await env.open(PAGE, { initScript: DNT });
  await page.locator('#settings-link').click();
  const d = dialog(page);
  await d.waitFor();
  assert.match(await d.innerText(), /Do Not Track/, 'the dialog names the signal');
  assert.equal(await categorySwitch(page, 'Analytics').isChecked(), false);
  await categorySwitch(page, 'Analytics').click();
  await d.getByRole('button', { name: 'Save preferences' }).click();
  await page.waitForFunction(() => (window.__ran ?? []).includes('analytics'));
  const s = await state(page);
  assert.equal(s.method, 'custom');
  assert.equal(s.granted.analytics, true);
  assert.equal(s.granted.advertising, false);
  assert.ok((await cookieMap(context)).consentinel, 'the explicit choice is stored');

  await page.reload();
  await page.waitForFunction(() => (window.__ran ?? []).includes('analytics'));
  assert.equal((await state(page)).method, 'custom', 'the stored explicit choice wins over the signal');
});

test('Global Privacy Control: the dialog names the signal', async () => {
  const { page } = await env.open(PAGE, { initScript: GPC });
  await page.evaluate(() => window.Consentinel.showPreferences());
  await dialog(page).waitFor();
  assert.match(await dialog(page).innerText(), /Global Privacy Control/);
});

test('Crawlers (Googlebot): no banner, nothing granted, nothing gated fetched', async () => {
  const { page, context, pageErrors } = await env.open(PAGE, { userAgent: GOOGLEBOT });
  await settle(page, 800);
  const s = await state(page);
  for (const id of ['analytics', 'affiliate', 'advertising']) assert.equal(s.granted[id], false, `${id} not granted to a bot`);
  assert.equal(await banner(page).count(), 0, 'no banner for a bot');
  assert.equal(env.server.count(UI_FILE), 0, 'the UI file is not fetched for a bot');
  assertNothingGatedFetched(env.server);
  assert.deepEqual((await ran(page)).filter((x) => x !== '!analytics'), []);
  assert.equal((await cookieMap(context)).consentinel, undefined);
  assert.deepEqual(pageErrors, []);
});
