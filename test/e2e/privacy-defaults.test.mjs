// Defaults that keep a visitor's choice theirs: forged controls in user content, referral ids in
// the address bar.
import assert from 'node:assert/strict';
import { test, useEnvironment, state, banner, dialog, eventually } from './helpers.mjs';

const env = useEnvironment();

test('Controls: an accept-all link inside [data-consentinel-ignore] (user content) does nothing', async () => {
  const { page, context } = await env.open('/fixtures/controls-user-content.html');
  await banner(page).waitFor();
  await page.click('#forged-accept');
  // The site's own control, outside the region, still works: once it has acted, the forged click
  // before it has had every chance to act too.
  await page.click('#site-reject');
  await page.waitForFunction(() => window.Consentinel.getState().decided);
  const s = await state(page);
  assert.equal(s.method, 'reject-all');
  assert.equal(s.granted.analytics, false);
  assert.equal(env.server.consentLog.filter((r) => r.method === 'accept-all').length, 0, 'no accept-all was logged');
  assert.ok((await context.cookies()).some((c) => c.name === 'consentinel'));
});

test('Controls: with controls "no-accept-all" an accept-all control is ignored, preferences still opens', async () => {
  const { page } = await env.open('/fixtures/controls-no-accept-all.html');
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await banner(page).waitFor();
  await page.click('#forged-accept');
  await eventually(() => warnings.some((w) => w.includes('accept-all" control was ignored')), { message: 'a console warning says the control was ignored' });
  assert.equal((await state(page)).decided, false);
  await page.click('#site-preferences');
  await dialog(page).waitFor();
});

test('Affiliate: the referral parameter leaves the address bar at once, so tags and Referer headers never see it', async () => {
  const { page } = await env.open('/fixtures/basic.html?ref=partner42&page=2#top');
  assert.equal(await page.evaluate(() => location.search + location.hash), '?page=2#top');
  await banner(page).getByRole('button', { name: 'Accept all', exact: true }).click();
  await page.waitForFunction(() => (window.__ran ?? []).includes('analytics-inline'));
  assert.equal(await page.evaluate(() => window.Consentinel.getReferral()), 'partner42', 'the id was kept in memory and credited');
  const tag = await eventually(() => env.server.requests.find((r) => r.path === '/fixtures/tags/analytics.js'));
  assert.doesNotMatch(String(tag.headers.referer), /ref=partner42/, `Referer of the gated tag: ${tag.headers.referer}`);
});
