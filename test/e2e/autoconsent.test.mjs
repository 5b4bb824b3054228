// DuckDuckGo's autoconsent (the engine of DuckDuckGo's and Ghostery's cookie pop-up protection)
// runs its own bundled content script in Chromium against rules/consentinel.json, the rule we
// ship for it. Node plays the part the browser extension's background plays: it answers the
// engine's "init" with a config and the rules, runs its "eval" requests and records every message,
// so the tests can assert what the engine reports and what the visitor ends up with.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  test, useEnvironment, state, ran, banner, assertNothingGatedFetched, cookieMap, decodeConsentCookie,
  FIXTURES, ROOT,
} from './helpers.mjs';

const env = useEnvironment();
const PAGE = '/fixtures/basic.html';
const OTHER_CMP_PAGE = '/fixtures/other-cmp.html';

const require = createRequire(import.meta.url);
// The package's own build for Playwright/Puppeteer: an IIFE that talks through
// window.autoconsentSendMessage and listens on window.autoconsentReceiveMessage.
const ENGINE = readFileSync(join(ROOT, 'node_modules', '@duckduckgo', 'autoconsent', 'dist', 'autoconsent.playwright.js'), 'utf8');
const RULE = JSON.parse(readFileSync(join(ROOT, 'rules', 'consentinel.json'), 'utf8'));
// Every hand-written and generated rule the package ships (the ones its browsers run).
const BUNDLED = require('@duckduckgo/autoconsent/rules/rules.json').autoconsent;
const CONFIG = JSON.parse(readFileSync(join(FIXTURES, 'consent.json'), 'utf8'));
const OPTIONAL = ['analytics', 'affiliate', 'advertising'];
const OPTIONAL_RAN = ['analytics', 'analytics-inline', 'affiliate', 'advertising', 'affiliate+advertising'];

// As in the engine's documentation and its own Playwright runner, with prehiding on as in
// DuckDuckGo's browsers. The prehide timeout outlasts the engine's popup search (10 tries, 500 ms
// apart), so "prehide lifted" without an opt-out is the engine saying it found no pop-up.
const ENGINE_CONFIG = {
  enabled: true,
  autoAction: 'optOut',
  disabledCmps: [],
  enablePrehide: true,
  prehideTimeout: 60_000,
  enableCosmeticRules: true,
  enableGeneratedRules: true,
  enableHeuristicDetection: false,
  detectRetries: 20,
  isMainWorld: false,
  logs: { lifecycle: false, rulesteps: false, detectionsteps: false, evals: false, errors: true, messages: false, waits: false },
};

/**
 * Install the engine in every page of `context` before any page script runs (an extension's
 * content script at document_start), with `rules`. Returns the engine's messages as they come.
 */
async function withAutoconsent(context, { rules = [RULE], autoAction = 'optOut' } = {}) {
  const messages = [];
  const reply = (frame, message) =>
    frame.evaluate((m) => window.autoconsentReceiveMessage(m), message).catch(() => { /* the frame went away */ });
  await context.exposeBinding('autoconsentSendMessage', async ({ frame }, message) => {
    if (!message || typeof message !== 'object') return;
    const mainFrame = frame.parentFrame() === null;
    messages.push({ ...message, mainFrame });
    if (message.type === 'init') {
      await reply(frame, { type: 'initResp', config: { ...ENGINE_CONFIG, autoAction }, rules: { autoconsent: rules } });
    } else if (message.type === 'eval') {
      const result = await frame.evaluate(message.code).catch(() => false);
      await reply(frame, { type: 'evalResp', id: message.id, result });
    }
  });
  await context.addInitScript({ content: ENGINE });
  const top = () => messages.filter((m) => m.mainFrame && m.type !== 'report');
  const lastReport = () => messages.filter((m) => m.mainFrame && m.type === 'report').at(-1)?.state;
  return {
    messages,
    /** The engine's messages of the top document, reports left out. */
    top,
    /** Wait for a top-document message of `type` (and `cmp`, if given). */
    waitFor(type, cmp, timeout = 30_000) {
      return until(() => top().find((m) => m.type === type && (cmp == null || m.cmp === cmp)), timeout, () => (
        `the engine sent no ${type}${cmp ? ` for ${cmp}` : ''} in ${timeout} ms; it sent ${JSON.stringify(top().map(({ type: t, cmp: c, result }) => ({ type: t, cmp: c, result })))}; its last state: ${JSON.stringify(lastReport())}`
      ));
    },
    /** Ask the engine in the top document to run the rule's `test` steps (what its test runner does). */
    selfTest(page) {
      return reply(page.mainFrame(), { type: 'selfTest' });
    },
    /** The engine's last reported state in the top document. */
    lastReport,
  };
}

/** Poll `fn` until it returns something truthy; on time-out, fail with `explain()` (what is known by then). */
async function until(fn, timeout, explain) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = fn();
    if (value) return value;
    if (Date.now() > end) throw new Error(explain());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Names of the rules the engine reported for `type` in the top document. */
const named = (engine, type) => [...new Set(engine.top().filter((m) => m.type === type).map((m) => m.cmp))];

const grantedIds = (granted) => Object.keys(granted).filter((id) => granted[id]).sort();

/** Inside the UI's shadow root: is a banner there, and is the engine's prehiding style gone? */
function uiFacts(page) {
  return page.evaluate(() => ({
    host: Boolean(document.querySelector('#consentinel[data-consentinel-root]')),
    banner: Boolean(document.querySelector('[data-consentinel-root]')?.shadowRoot?.querySelector('.consentinel-banner')),
    prehide: Boolean(document.querySelector('style#autoconsent-prehide')),
  }));
}

test('autoconsent opt-out: the engine detects Consentinel, finds the banner, and every optional category is refused', async () => {
  const context = await env.context();
  const engine = await withAutoconsent(context);
  const { page, pageErrors } = await env.open(PAGE, { context });

  const done = await engine.waitFor('autoconsentDone', 'consentinel');
  assert.equal(done.isCosmetic, false, 'a real opt-out, not a pop-up hidden by CSS');
  assert.deepEqual(named(engine, 'cmpDetected'), ['consentinel']);
  assert.deepEqual(named(engine, 'popupFound'), ['consentinel']);
  const result = engine.top().find((m) => m.type === 'optOutResult');
  assert.equal(result?.result, true, `opt-out succeeded: ${JSON.stringify(result)}`);
  assert.equal(result.scheduleSelfTest, true, 'the rule has a self-test');
  engine.selfTest(page);
  const selfTest = await engine.waitFor('selfTestResult', 'consentinel');
  assert.equal(selfTest.result, true, 'the rule\'s own test step (the consent cookie says reject-all) passes');
  assert.deepEqual(engine.top().filter((m) => m.type === 'autoconsentError'), []);

  // What the visitor has now.
  const facts = await uiFacts(page);
  assert.equal(facts.host, true, 'the UI host is #consentinel');
  assert.equal(facts.banner, false, 'the banner is gone');
  assert.equal(facts.prehide, false, 'the engine lifted its prehiding');
  assert.equal(await banner(page).count(), 0, 'no banner region for the visitor either');
  const s = await state(page);
  assert.equal(s.decided, true);
  assert.equal(s.method, 'reject-all');
  assert.deepEqual(grantedIds(s.granted), ['necessary'], 'only the required category is granted');
  const cookie = decodeConsentCookie((await cookieMap(context)).consentinel);
  assert.equal(cookie.method, 'reject-all', 'the consent cookie stores the refusal');
  assert.deepEqual(cookie.granted, ['necessary']);
  // The tags gated on the optional categories never ran, and nothing of theirs was fetched.
  const r = await ran(page);
  assert.deepEqual(r.filter((name) => OPTIONAL_RAN.includes(name)), [], `no gated tag ran (ran: ${r})`);
  assertNothingGatedFetched(env.server);
  assert.deepEqual(pageErrors, []);
});

test('autoconsent opt-in: the engine\'s "accept" grants every category', async () => {
  const context = await env.context();
  const engine = await withAutoconsent(context, { autoAction: 'optIn' });
  const { page, pageErrors } = await env.open(PAGE, { context });

  await engine.waitFor('autoconsentDone', 'consentinel');
  const result = engine.top().find((m) => m.type === 'optInResult');
  assert.equal(result?.result, true, `opt-in succeeded: ${JSON.stringify(result)}`);
  assert.equal((await uiFacts(page)).banner, false, 'the banner is gone');
  const s = await state(page);
  assert.equal(s.method, 'accept-all');
  assert.deepEqual(grantedIds(s.granted), ['necessary', ...OPTIONAL].sort());
  assert.equal(decodeConsentCookie((await cookieMap(context)).consentinel).method, 'accept-all');
  await page.waitForFunction((names) => names.every((n) => (window.__ran ?? []).includes(n)), OPTIONAL_RAN);
  assert.deepEqual(pageErrors, []);
});

test('autoconsent with every rule the package ships: only the Consentinel rule claims the banner', async () => {
  const context = await env.context();
  const engine = await withAutoconsent(context, { rules: [...BUNDLED, RULE] });
  const { page } = await env.open(PAGE, { context });

  await engine.waitFor('autoconsentDone', 'consentinel');
  assert.deepEqual(named(engine, 'cmpDetected'), ['consentinel'], 'no other rule detects Consentinel');
  assert.deepEqual(named(engine, 'popupFound'), ['consentinel'], 'no other rule claims its banner');
  assert.deepEqual(engine.top().filter((m) => m.type === 'autoconsentError'), [], 'no "multiple CMPs" error');
  assert.deepEqual(grantedIds((await state(page)).granted), ['necessary']);
});

test('autoconsent on a page without Consentinel (vanilla-cookieconsent): the rule claims nothing', async () => {
  const context = await env.context();
  const engine = await withAutoconsent(context, { rules: [...BUNDLED, RULE] });
  const { page } = await env.open(OTHER_CMP_PAGE, { context, waitReady: false });

  // The engine tries every generic rule at once and reports each one that matched before it looks
  // for a pop-up, so once that pop-up is handled, every detection of that pass is in.
  await engine.waitFor('autoconsentDone', 'cookieconsent3');
  assert.deepEqual(named(engine, 'cmpDetected'), ['cookieconsent3'], 'the engine found the other CMP, and only it');
  assert.ok(!engine.messages.some((m) => m.cmp === 'consentinel'), 'no message names the Consentinel rule');
  assert.equal(await page.evaluate(() => document.querySelector('[data-consentinel-root], [data-consentinel-reopen]')), null);
});

test('autoconsent on a returning visitor: Consentinel is detected, no pop-up is found, the stored choice stays', async () => {
  const context = await env.context();
  // A visitor who accepted everything a minute ago (so an opt-out by the engine would show).
  const updated = Math.floor(Date.now() / 1000) - 60;
  const value = ['1', 'c'.repeat(32), updated - 10, updated, 0, 'accept-all', ['necessary', ...OPTIONAL].join('+')].join('.');
  await context.addCookies([{ name: 'consentinel', value, url: env.origin }]);
  const engine = await withAutoconsent(context);
  const { page, pageErrors } = await env.open(PAGE, { context });

  // Only the reopen button is on the page: the UI file is not even loaded.
  await engine.waitFor('cmpDetected', 'consentinel');
  await until(
    () => engine.messages.some((m) => m.mainFrame && m.type === 'report' && m.state.lifecycle === 'cmpDetected' && !m.state.prehideOn),
    30_000,
    () => `the engine did not finish its pop-up search: ${JSON.stringify(engine.lastReport())}`,
  );
  assert.deepEqual(engine.lastReport().detectedPopups, [], 'no pop-up found');
  for (const type of ['popupFound', 'optOutResult', 'optInResult', 'autoconsentDone']) {
    assert.deepEqual(engine.top().filter((m) => m.type === type), [], `no ${type}`);
  }
  assert.equal(engine.lastReport().clicks, 0, 'the engine clicked nothing');
  const s = await state(page);
  assert.equal(s.method, 'accept-all', 'the stored choice is unchanged');
  assert.deepEqual(grantedIds(s.granted), ['necessary', ...OPTIONAL].sort());
  assert.equal(await page.locator('[data-consentinel-reopen]').count(), 1, 'the reopen button is there');
  assert.deepEqual(pageErrors, []);
});

test('autoconsent on the opt-out notice ("Do not sell or share"): the engine refuses every optional category', async (t) => {
  env.server.route('/fixtures/consent.json', (req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify({ ...CONFIG, mode: 'opt-out' }));
  });
  t.after(() => env.server.unroute('/fixtures/consent.json'));
  const context = await env.context();
  const engine = await withAutoconsent(context);
  const { page } = await env.open(PAGE, { context });

  await engine.waitFor('autoconsentDone', 'consentinel');
  assert.equal(engine.top().find((m) => m.type === 'optOutResult')?.result, true);
  // Refusing what already ran reloads the page; the new page has the refusal and no notice.
  const reloaded = () => page.evaluate(() => performance.getEntriesByType('navigation')[0]?.type === 'reload' && window.Consentinel?.getState().decided === true)
    .catch(() => false); // evaluated while the page reloads
  for (const end = Date.now() + 15_000; !(await reloaded());) {
    if (Date.now() > end) throw new Error('the refusal did not reload the page');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.deepEqual(grantedIds((await state(page)).granted), ['necessary']);
  assert.equal(decodeConsentCookie((await cookieMap(context)).consentinel).method, 'reject-all');
});

test('autoconsent in German: the rule\'s selectors do not depend on the visible texts', async () => {
  const context = await env.context({ locale: 'de-DE' });
  const engine = await withAutoconsent(context);
  const { page } = await env.open('/fixtures/no-config.html', { context });

  await engine.waitFor('autoconsentDone', 'consentinel');
  assert.equal(env.server.count('/dist/i18n/de.json'), 1, 'the banner was in German');
  assert.equal(engine.top().find((m) => m.type === 'optOutResult')?.result, true);
  assert.deepEqual(grantedIds((await state(page)).granted), ['necessary']);
});
