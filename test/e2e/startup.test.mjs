// How the script tag starts: where the config comes from and when it is used.
import assert from 'node:assert/strict';
import { test, useEnvironment, state } from './helpers.mjs';

const env = useEnvironment();

test('An inline config after the script tag is used before the next script of the page runs', async () => {
  const { page, pageErrors } = await env.open('/fixtures/startup-config-after.html');
  const seen = await page.evaluate(() => window.__seenByNextScript);
  assert.equal(seen.started, true, 'window.Consentinel exists when the next script runs');
  const defaults = seen.dataLayer.filter((entry) => entry[0] === 'consent' && entry[1] === 'default');
  assert.equal(defaults.length, 1, `the Consent Mode default is in dataLayer already: ${JSON.stringify(seen.dataLayer)}`);
  assert.equal(defaults[0][2].analytics_storage, 'denied');
  assert.deepEqual(pageErrors, []);
});

test('data-config="#id" pointing at a <div> (user content) is refused with a clear error', async () => {
  // A config that cannot be used leaves an API that grants nothing (and sends no ready event).
  const { page, consoleErrors, pageErrors } = await env.open('/fixtures/startup-id-on-div.html', { waitReady: false });
  await page.waitForFunction(() => typeof window.Consentinel?.getState === 'function');
  assert.ok(
    consoleErrors.some((e) => e.startsWith('[consentinel] data-config: #site-consent must be a <script type="application/json"> element')),
    `console.error says what to fix: ${JSON.stringify(consoleErrors)}`,
  );
  const s = await state(page);
  assert.equal(s.granted.analytics ?? false, false, 'the div\'s opt-out config grants nothing');
  assert.deepEqual(pageErrors, []);
});
