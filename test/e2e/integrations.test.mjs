// Affiliate referrals and Google Consent Mode v2, observed in a real browser.
import assert from 'node:assert/strict';
import { test, useEnvironment, ready, state, banner, settle, cookieMap } from './helpers.mjs';

const env = useEnvironment();

async function affiliateCookie(context) {
  return (await context.cookies()).find((c) => c.name === 'affiliate_ref');
}

test('Affiliate: ?ref=partner42 is kept in memory and written to affiliate_ref only after consent', async () => {
  const { page, context } = await env.open('/fixtures/basic.html?ref=partner42');
  await banner(page).waitFor();
  await settle(page, 400);
  assert.equal(await affiliateCookie(context), undefined, 'no cookie before consent');
  assert.equal(await page.evaluate(() => window.Consentinel.getReferral()), null, 'getReferral() is null before consent');
  assert.deepEqual(Object.keys(await cookieMap(context)), [], 'no cookie at all before consent');

  await banner(page).getByRole('button', { name: 'Accept all', exact: true }).click();
  await page.waitForFunction(() => document.cookie.includes('affiliate_ref='));
  const cookie = await affiliateCookie(context);
  assert.equal(decodeURIComponent(cookie.value), 'partner42');
  const days = (cookie.expires * 1000 - Date.now()) / 86400000;
  assert.ok(days > 29 && days <= 30.01, `kept for affiliate.expiresDays (30), got ${days.toFixed(2)} days`);
  assert.equal(await page.evaluate(() => window.Consentinel.getReferral()), 'partner42');

  // The id survives a visit without the parameter.
  await page.goto(env.url('/fixtures/basic.html'));
  await ready(page);
  assert.equal(await page.evaluate(() => window.Consentinel.getReferral()), 'partner42');
});

test('Affiliate: refused means nothing stored; granted later on the same page writes it then', async () => {
  const { page, context } = await env.open('/fixtures/basic.html?aff=partner42');
  await banner(page).getByRole('button', { name: 'Reject all', exact: true }).click();
  await page.waitForFunction(() => window.Consentinel.getState().decided);
  await settle(page, 300);
  assert.equal(await affiliateCookie(context), undefined, 'refused: not stored');
  assert.equal(await page.evaluate(() => window.Consentinel.getReferral()), null);

  await page.evaluate(() => window.Consentinel.save({ affiliate: true }));
  await page.waitForFunction(() => document.cookie.includes('affiliate_ref='));
  assert.equal(decodeURIComponent((await affiliateCookie(context)).value), 'partner42');
  assert.equal(await page.evaluate(() => window.Consentinel.getReferral()), 'partner42');
});

test('Affiliate: a junk referral id never lands in a cookie', async () => {
  for (const junk of ['%3Cscript%3Ealert(1)%3C%2Fscript%3E', 'a'.repeat(300), '%20%3B%20path%3D%2F']) {
    const { page, context } = await env.open(`/fixtures/basic.html?ref=${junk}`);
    await page.evaluate(() => window.Consentinel.acceptAll());
    await page.waitForFunction(() => window.Consentinel.getState().decided);
    await settle(page, 300);
    const cookie = await affiliateCookie(context);
    assert.equal(cookie, undefined, `junk id ${junk.slice(0, 30)} was stored as ${cookie?.value}`);
    await context.close();
  }
});

/** dataLayer with gtag's `arguments` objects turned into arrays. */
function dataLayer(page) {
  return page.evaluate(() => (window.dataLayer ?? []).map((e) => (e && typeof e === 'object' && typeof e.length === 'number' ? Array.from(e) : e)));
}

const ALL_TYPES = ['ad_personalization', 'ad_storage', 'ad_user_data', 'analytics_storage', 'functionality_storage', 'personalization_storage', 'security_storage'];

test('Consent Mode: the default is pushed before anything, denying all but the required types', async () => {
  const { page } = await env.open('/fixtures/gcm.html');
  const dl = await dataLayer(page);
  const first = dl.findIndex((e) => Array.isArray(e) && e[0] === 'consent');
  assert.ok(first >= 0, 'a consent command was pushed');
  const [cmd, kind, params] = dl[first];
  assert.equal(cmd, 'consent');
  assert.equal(kind, 'default', 'the first consent command is the default');
  assert.deepEqual(Object.keys(params).filter((k) => ALL_TYPES.includes(k)).sort(), ALL_TYPES, 'all seven types');
  for (const t of ['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage']) assert.equal(params[t], 'denied', `${t} denied`);
  for (const t of ['functionality_storage', 'security_storage', 'personalization_storage']) assert.equal(params[t], 'granted', `${t} granted (necessary)`);
  assert.equal(dl.filter((e) => Array.isArray(e) && e[1] === 'update').length, 0, 'no update before a decision');
  assert.equal(env.server.count('/fixtures/tags/gtag.js'), 0, 'gtag.js waits for analytics');
});

test('Consent Mode: the gated gtag.js sees the default, then the update, and the update holds on reload', async () => {
  const { page } = await env.open('/fixtures/gcm.html');
  await page.evaluate(() => window.Consentinel.save({ analytics: true }));
  await page.waitForFunction(() => window.__gtagSaw);
  let saw = await page.evaluate(() => window.__gtagSaw);
  let def = saw.findIndex((e) => Array.isArray(e) && e[0] === 'consent' && e[1] === 'default');
  let upd = saw.findIndex((e) => Array.isArray(e) && e[0] === 'consent' && e[1] === 'update');
  assert.ok(def >= 0, 'gtag.js saw the default');
  assert.ok(upd > def, 'and the update after it, before gtag.js ran');
  assert.equal(saw[upd][2].analytics_storage, 'granted');
  assert.equal(saw[upd][2].ad_storage, 'denied');
  // A dataLayer event Tag Manager triggers can use.
  assert.ok((await dataLayer(page)).some((e) => e && e.event === 'consentinel_update'), 'a consentinel_update event was pushed');

  await page.reload();
  await ready(page);
  await page.waitForFunction(() => window.__gtagSaw);
  saw = await page.evaluate(() => window.__gtagSaw);
  def = saw.findIndex((e) => Array.isArray(e) && e[0] === 'consent' && e[1] === 'default');
  upd = saw.findIndex((e) => Array.isArray(e) && e[0] === 'consent' && e[1] === 'update');
  assert.equal(def, 0, 'on a return visit the default is still the very first entry');
  assert.ok(upd > def, 'the stored decision is sent as an update before the tag runs');
  assert.equal(saw[upd][2].analytics_storage, 'granted');
});

test('Consent Mode: a Global Privacy Control refusal is reflected as denied', async () => {
  const { page } = await env.open('/fixtures/gcm.html', {
    initScript: () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }),
  });
  await settle(page, 300);
  assert.equal((await state(page)).method, 'global-privacy-control');
  const dl = await dataLayer(page);
  const consent = dl.filter((e) => Array.isArray(e) && e[0] === 'consent');
  assert.ok(consent.length >= 1);
  for (const [, , params] of consent) {
    for (const t of ['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage']) assert.equal(params[t] ?? 'denied', 'denied', `${t} denied`);
  }
});
