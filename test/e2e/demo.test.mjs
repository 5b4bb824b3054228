// The demo site (demo/) works as the README's "The demo site" section says: every page, every feature a visitor can try.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  test, useEnvironment, ready, state, banner, dialog, categorySwitch, settle, eventually, cookieMap, UI_FILE,
} from './helpers.mjs';

const TAGS = ['/tags/analytics.js', '/tags/affiliate.js', '/tags/ads.js'];

describe('demo', () => {
  const env = useEnvironment();

  test('home: banner, nothing before consent, tags report on the page after Accept all, status panel live', async () => {
    const { page, context, pageErrors, consoleErrors } = await env.open('/');
    await banner(page).waitFor();
    await settle(page, 500);
    for (const path of TAGS) assert.equal(env.server.count(path), 0, `${path} not fetched before consent`);
    assert.match(await page.locator('#consent-summary').innerText(), /Not decided/);
    assert.equal(await page.locator('[data-tag-report="analytics"]').getAttribute('data-state'), 'waiting');

    await banner(page).getByRole('button', { name: 'Accept all', exact: true }).click();
    for (const tag of ['analytics', 'affiliate', 'advertising']) {
      await page.locator(`[data-tag-report="${tag}"][data-state="ran"]`).waitFor();
    }
    await page.locator('#ad-slot[data-state="ran"]').waitFor();
    await page.waitForFunction(() => document.getElementById('consent-summary').dataset.decided === 'true');
    const shown = JSON.parse(await page.locator('#consent-state').innerText());
    assert.deepEqual(shown, JSON.parse(JSON.stringify(await state(page))), 'the panel shows getState()');
    const cookies = await cookieMap(context);
    for (const name of ['_ga', '_ga_NW4H0ST', '_gcl_au', 'nw_ad_id', 'nw_aff_click', 'consentinel']) assert.ok(name in cookies, `${name} set`);
    await eventually(() => env.server.consentLog.length === 1, { message: 'the consent log POST did not arrive' });
    assert.equal(env.server.consentLog[0].method, 'accept-all');
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(consoleErrors.filter((m) => !/favicon/.test(m)), []);
  });

  test('partner link ?ref=partner42: credited only after consent, and the affiliate tag says so', async () => {
    const { page, context } = await env.open('/?ref=partner42');
    await banner(page).waitFor();
    assert.equal((await cookieMap(context)).affiliate_ref, undefined);
    await banner(page).getByRole('button', { name: 'Preferences', exact: true }).click();
    await categorySwitch(page, 'Affiliate referrals').click();
    await dialog(page).getByRole('button', { name: 'Save preferences' }).click();
    await page.locator('[data-tag-report="affiliate"][data-state="ran"]').waitFor();
    assert.match(await page.locator('[data-tag-report="affiliate"]').innerText(), /partner42/);
    assert.equal((await cookieMap(context)).affiliate_ref, 'partner42');
    assert.equal(env.server.count('/tags/analytics.js'), 0, 'analytics still waits');
  });

  test('withdrawal from the footer link: cookies of the category disappear and the page reloads once', async () => {
    const { page, context } = await env.open('/');
    await banner(page).getByRole('button', { name: 'Accept all', exact: true }).click();
    await page.locator('[data-tag-report="advertising"][data-state="ran"]').waitFor();
    const loads = env.server.count('/');
    await page.locator('footer [data-consentinel="preferences"]').click();
    await categorySwitch(page, 'Advertising').click();
    await dialog(page).getByRole('button', { name: 'Save preferences' }).click();
    await eventually(() => env.server.count('/') === loads + 1, { message: 'no reload' });
    await page.waitForLoadState('load');
    await ready(page);
    await settle(page, 800);
    const cookies = await cookieMap(context);
    assert.equal(cookies._gcl_au, undefined);
    assert.equal(cookies.nw_ad_id, undefined);
    assert.ok('_ga' in cookies, 'analytics cookies stay');
    assert.equal(await page.evaluate(() => localStorage.getItem('nw_ads_frequency')), null);
    assert.equal(await page.locator('[data-tag-report="advertising"]').getAttribute('data-state'), 'waiting');
    assert.equal(env.server.count('/'), loads + 1, 'reloaded once');
  });

  test('blog: the video iframe waits behind a placeholder that can allow it', async () => {
    const { page } = await env.open('/blog.html');
    await banner(page).waitFor();
    const allow = page.getByRole('button', { name: 'Allow Advertising' });
    await allow.waitFor();
    assert.equal(env.server.count('/embed/video.html'), 0);
    await allow.click();
    await eventually(() => env.server.count('/embed/video.html') === 1, { message: 'the video was not loaded' });
    assert.equal((await state(page)).granted.advertising, true);
  });

  test('privacy page: the cookie table is rendered from consent.json', async () => {
    const { page } = await env.open('/privacy.html');
    const table = page.locator('[data-consentinel="cookie-table"]').getByRole('table').first();
    await table.waitFor();
    const text = await page.locator('[data-consentinel="cookie-table"]').innerText();
    for (const word of ['_ga', '_ga_…', 'affiliate_ref', 'nw_ad_id', 'Google Analytics', 'Provider', 'Purpose', 'Duration']) {
      assert.ok(text.includes(word), `the table mentions ${word}`);
    }
  });

  test('esm.html: the ESM build with an import map shows the banner and gates the tags', async () => {
    const { page, pageErrors } = await env.open('/esm.html', { waitReady: false });
    await banner(page).waitFor();
    assert.equal(env.server.count('/dist/consentinel.js'), 0, 'no script-tag build on this page');
    assert.ok(env.server.count('/dist/index.js') >= 1 && env.server.count('/dist/ui.js') >= 1, 'the ESM entries were imported');
    await settle(page, 300);
    for (const path of TAGS) assert.equal(env.server.count(path), 0, `${path} waits`);
    await banner(page).getByRole('button', { name: 'Accept all', exact: true }).click();
    await page.locator('[data-tag-report="analytics"][data-state="ran"]').waitFor();
    assert.equal(await page.evaluate(() => window.northwindConsent.getState().method), 'accept-all');
    assert.deepEqual(pageErrors, []);
  });

  test('headless.html: own buttons drive the headless API; no UI code is loaded', async () => {
    const { page, pageErrors } = await env.open('/headless.html', { waitReady: false });
    await page.waitForFunction(() => window.northwindConsent);
    await page.locator('#headless-status').filter({ hasText: 'No choice yet' }).waitFor();
    assert.equal(await banner(page).count(), 0, 'no banner');
    await page.getByRole('checkbox', { name: /Analytics/ }).check();
    await page.getByRole('button', { name: 'Save my choices' }).click();
    await page.locator('[data-tag-report="analytics"][data-state="ran"]').waitFor();
    const s = await page.evaluate(() => window.northwindConsent.getState());
    assert.equal(s.method, 'custom');
    assert.deepEqual(s.granted, { necessary: true, analytics: true, affiliate: false, advertising: false });
    await settle(page, 300);
    assert.equal(env.server.count('/dist/ui.js') + env.server.count(UI_FILE), 0, 'no UI file requested');
    assert.equal(env.server.count(/\/node_modules\/preact\//), 0, 'no Preact requested');
    assert.deepEqual(pageErrors, []);
  });
});

describe('demo under a strict CSP (node demo/server.mjs --csp)', () => {
  const env = useEnvironment({ csp: true });

  for (const path of ['/', '/blog.html', '/esm.html']) {
    test(`${path}: works with zero CSP violations`, async () => {
      const { page, consoleErrors, pageErrors } = await env.open(path, { waitReady: false });
      await banner(page).waitFor();
      await banner(page).getByRole('button', { name: 'Accept all', exact: true }).click();
      await page.locator('[data-tag-report="analytics"][data-state="ran"]').waitFor();
      await settle(page, 300);
      assert.deepEqual(await page.evaluate(() => window.__csp), []);
      assert.deepEqual(consoleErrors.filter((m) => /Content[ -]Security[ -]Policy|Refused to/i.test(m)), []);
      assert.deepEqual(pageErrors, []);
    });
  }
});
