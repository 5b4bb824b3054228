// What loads when: the banner's file is requested in parallel with the config on a first visit,
// the dialog's file follows at idle (or on intent, or when needed), and a returning visitor or a
// crawler fetches neither until the preferences are opened.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, useEnvironment, banner, dialog, ready, state, eventually, GOOGLEBOT, FIXTURES } from './helpers.mjs';

const env = useEnvironment();
const PAGE = '/fixtures/basic.html';
const UI = '/dist/consentinel-ui.mjs';
const DIALOG = '/dist/consentinel-dialog-layer.mjs';
const CONFIG = readFileSync(join(FIXTURES, 'consent.json'), 'utf8');

test('First visit: the UI is requested before the config has answered; the dialog file follows at idle, and opening the dialog needs no request', async () => {
  // The config answers only once the UI file was asked for (or after 5 s, so a failure is a
  // failed assertion, not a hang).
  let uiBeforeConfig = false;
  env.server.route('/fixtures/consent.json', async (req, res) => {
    for (let waited = 0; waited < 5000 && !env.server.count(UI); waited += 10) await new Promise((r) => setTimeout(r, 10));
    uiBeforeConfig = env.server.count(UI) > 0;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(CONFIG);
  });
  const { page, pageErrors, consoleErrors } = await env.open(PAGE);
  await banner(page).waitFor();
  assert.ok(uiBeforeConfig, 'consentinel-ui.mjs was requested while the config was still on its way');
  await eventually(() => env.server.count(DIALOG) === 1, { message: 'the dialog file is fetched once the page is idle' });
  env.server.clear();
  await banner(page).getByRole('button', { name: 'Preferences' }).click();
  await dialog(page).waitFor();
  assert.equal(env.server.count(/\/dist\//), 0, 'opening the dialog fetched nothing more');
  // The console's 404 line is the page's favicon (basic.html has none).
  assert.deepEqual([...pageErrors, ...consoleErrors.filter((m) => m.includes('[consentinel]'))], []);
});

test('Intent: pointing at "Preferences" fetches the dialog file at once', async () => {
  // A page that is never idle: requestIdleCallback never calls back, so only intent can fetch it.
  const { page } = await env.open(PAGE, { initScript: () => (window.requestIdleCallback = () => 0) });
  await banner(page).waitFor();
  assert.equal(env.server.count(DIALOG), 0, 'not fetched without idle time or intent');
  await banner(page).getByRole('button', { name: 'Preferences' }).hover();
  await eventually(() => env.server.count(DIALOG) === 1, { message: 'the dialog file is fetched on hover' });
});

test('Returning visitor: neither UI file is fetched, until the preferences are opened; then the dialog shows', async () => {
  const { page, context } = await env.open(PAGE);
  await banner(page).getByRole('button', { name: 'Reject all' }).click();
  await page.waitForFunction(() => window.Consentinel.getState().decided);
  env.server.clear();
  const again = await context.newPage();
  await again.goto(env.url(PAGE));
  await ready(again);
  assert.equal((await state(again)).method, 'reject-all');
  // The gate and the reopen button are up: the core has finished its start.
  await again.locator('[data-consentinel-reopen]').getByRole('button').waitFor();
  assert.equal(env.server.count(UI) + env.server.count(DIALOG), 0, 'no UI file on a return visit');
  await again.locator('[data-consentinel-reopen]').getByRole('button').click();
  await dialog(again).waitFor();
  assert.equal(env.server.count(UI), 1);
  assert.equal(env.server.count(DIALOG), 1);
});

test('A crawler fetches no UI file', async () => {
  const { page } = await env.open(PAGE, { userAgent: GOOGLEBOT });
  assert.equal(await page.evaluate(() => window.Consentinel.getView()), null);
  assert.equal(env.server.count(UI) + env.server.count(DIALOG), 0);
});
