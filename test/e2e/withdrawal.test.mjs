// Withdrawing consent: declared cookies (also on the parent domain) and storage keys are deleted,
// the page reloads once, and the withdrawn tag never runs again. Also: other open tabs follow.
import assert from 'node:assert/strict';
import {
  test, useEnvironment, ready, state, ran, banner, dialog, categorySwitch, settle, eventually, cookieMap, afterReload
} from './helpers.mjs';

const env = useEnvironment();
const PAGE = '/fixtures/basic.html';

test('Withdrawing analytics in the dialog deletes its cookies and storage, reloads once, and stops the tag', async () => {
  // www.northwind.test → the local server (see CHROMIUM_ARGS), so a parent-domain cookie exists.
  const host = `www.northwind.test:${env.server.port}`;
  const url = `http://${host}${PAGE}`;
  const { page, context, pageErrors } = await env.open(url);
  await banner(page).getByRole('button', { name: 'Accept all', exact: true }).click();
  await page.waitForFunction(() => ['analytics', 'advertising'].every((n) => (window.__ran ?? []).includes(n)));
  // Google Analytics writes _ga on the registrable domain; the library must find it there too.
  await context.addCookies([
    { name: '_ga', value: 'GA1.2.parent', domain: '.northwind.test', path: '/' },
    { name: '_ga_PARENT1', value: 'GS1.2.parent', domain: '.northwind.test', path: '/' },
    { name: 'unrelated', value: 'stays', domain: '.northwind.test', path: '/' },
  ]);
  const names = (await context.cookies()).map((c) => `${c.name}@${c.domain}`).sort();
  for (const expected of ['_ga@www.northwind.test', '_ga@.northwind.test', '_ga_TEST123@www.northwind.test', '_ga_PARENT1@.northwind.test', 'ad_id@www.northwind.test']) {
    assert.ok(names.includes(expected), `set up: ${expected} exists (have ${names})`);
  }
  assert.equal(await page.evaluate(() => localStorage.getItem('analytics_id')), 'a1');

  const pageLoads = () => env.server.count(PAGE);
  const loadsBefore = pageLoads();
  const analyticsFetches = env.server.count('/fixtures/tags/analytics.js');

  await page.locator('#settings-link').click();
  await dialog(page).waitFor();
  assert.equal(await categorySwitch(page, 'Analytics').isChecked(), true);
  await categorySwitch(page, 'Analytics').click();
  await dialog(page).getByRole('button', { name: 'Save preferences' }).click();

  await eventually(() => pageLoads() === loadsBefore + 1, { message: 'the page did not reload after the withdrawal' });
  await page.waitForLoadState('load');
  await ready(page);
  await settle(page, 1500);
  assert.equal(pageLoads(), loadsBefore + 1, 'reloaded exactly once');

  const after = (await context.cookies()).map((c) => `${c.name}@${c.domain}`).sort();
  assert.deepEqual(after.filter((n) => n.startsWith('_ga')), [], `analytics cookies deleted on the host and the parent domain (left: ${after})`);
  assert.ok(after.includes('ad_id@www.northwind.test'), 'the advertising cookie stays');
  assert.ok(after.includes('unrelated@.northwind.test'), 'an undeclared cookie stays');
  assert.ok(after.some((n) => n.startsWith('consentinel@')), 'the consent cookie stays');
  const storage = await page.evaluate(() => ({ local: Object.keys(localStorage).sort(), session: Object.keys(sessionStorage).sort() }));
  assert.ok(!storage.local.includes('analytics_id'), 'localStorage key of analytics deleted');
  assert.ok(!storage.session.includes('analytics_session'), 'sessionStorage key of analytics deleted');
  assert.ok(storage.local.includes('ads_seen'), 'advertising storage stays');
  assert.ok(storage.local.includes('keep_me'), 'undeclared storage stays');

  const s = await state(page);
  assert.equal(s.decided, true);
  assert.equal(s.granted.analytics, false);
  assert.equal(s.granted.advertising, true);
  const r = await ran(page);
  assert.ok(!r.includes('analytics') && !r.includes('analytics-inline'), `the analytics tag does not run again (ran: ${r})`);
  assert.ok(r.includes('!analytics'), 'the refusal fallback runs now');
  assert.equal(env.server.count('/fixtures/tags/analytics.js'), analyticsFetches, 'analytics.js not fetched again');
  assert.equal((await cookieMap(context))._ga, undefined, 'the tag did not set _ga again');
  assert.deepEqual(pageErrors, []);
});

test('Withdrawing through the API (save) cleans up too; reset() asks again', async () => {
  const { page, context } = await env.open(PAGE);
  await page.evaluate(() => window.Consentinel.acceptAll());
  await page.waitForFunction(() => (window.__ran ?? []).includes('advertising'));
  assert.equal((await cookieMap(context)).ad_id, 'ad1');
  const loads = env.server.count(PAGE);
  await afterReload(page, () => page.evaluate(() => window.Consentinel.save({ advertising: false })));
  assert.equal(env.server.count(PAGE), loads + 1, 'one reload after the withdrawal');
  assert.equal((await cookieMap(context)).ad_id, undefined, 'ad_id deleted');
  assert.equal(await page.evaluate(() => localStorage.getItem('ads_seen')), null, 'ads_ storage deleted');
  assert.equal((await state(page)).granted.advertising, false);

  // reset() withdraws every category granted, so it reloads too; the new page asks again.
  await afterReload(page, () => page.evaluate(() => window.Consentinel.reset()));
  await banner(page).waitFor();
  assert.equal((await state(page)).decided, false);
});

test('Multi-tab: a decision in one tab applies in the other without a reload', async () => {
  const context = await env.context();
  const a = await env.open(PAGE, { context });
  const b = await env.open(PAGE, { context });
  await banner(a.page).waitFor();
  await banner(b.page).waitFor();
  assert.equal(env.server.count(PAGE), 2);

  await banner(a.page).getByRole('button', { name: 'Accept all', exact: true }).click();
  await b.page.waitForFunction(() => window.Consentinel.getState().decided, null, { timeout: 5000 });
  const sb = await state(b.page);
  assert.equal(sb.method, 'accept-all');
  assert.equal(sb.id, (await state(a.page)).id, 'the same record in both tabs');
  await banner(b.page).waitFor({ state: 'detached' });
  await b.page.waitForFunction(() => (window.__ran ?? []).includes('analytics'));
  const changes = await b.page.evaluate(() => window.__events.filter((e) => e.type === 'change').length);
  assert.ok(changes >= 1, 'the other tab fired consentinel:change');
  assert.equal(env.server.count(PAGE), 2, 'no tab reloaded');
});
