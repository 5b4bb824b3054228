// Shared set-up for the real-browser tests: one local server and one Chromium per test file,
// a fresh browser context per test, and helpers that read what a visitor (or the server) can
// observe. Every count of "what was fetched" comes from the server's request log.
import { before, after, afterEach, test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../demo/server.mjs';
import { CHROMIUM_ARGS as SCANNER_CHROMIUM_ARGS } from '../../packages/scanner/src/scan.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(ROOT, 'test', 'e2e', 'fixtures');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// The flags this workplace requires, as the scanner starts Chromium with them (one list).
export const CHROMIUM_ARGS = [
  ...SCANNER_CHROMIUM_ARGS,
  // *.northwind.test resolves to the local server, so cookies on a parent domain
  // (.northwind.test, as Google Analytics sets them) can be tested.
  '--host-resolver-rules=MAP *.northwind.test 127.0.0.1',
];

/** node:test's `test` with a time limit, so a stuck page fails one test instead of hanging the run. */
export function test(name, fn) {
  return nodeTest(name, { timeout: 90_000 }, fn);
}

/** The resources each fixture page gates; none may be requested before consent. */
export const GATED = {
  analytics: ['/fixtures/tags/analytics.js'],
  affiliate: ['/fixtures/tags/affiliate.js', '/fixtures/pixel.gif'],
  advertising: ['/fixtures/tags/ads.js', '/fixtures/frame.html'],
};
export const ALL_GATED = Object.values(GATED).flat();
export const UI_FILE = '/dist/consentinel-ui.mjs';

export const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

// Runs in every page before any of its scripts: records the library's DOM events and any CSP
// violation, and snapshots the page's own styles before the UI could touch them.
const RECORDER = () => {
  const clone = (value) => {
    try { return JSON.parse(JSON.stringify(value)); } catch { return String(value); }
  };
  window.__events = [];
  window.__csp = [];
  document.addEventListener('consentinel:ready', (e) => window.__events.push({ type: 'ready', detail: clone(e.detail), at: performance.now() }));
  document.addEventListener('consentinel:change', (e) => window.__events.push({ type: 'change', detail: clone(e.detail), at: performance.now() }));
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile, line: e.lineNumber }));
  window.__shifts = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts.push(entry.value);
    }).observe({ type: 'layout-shift', buffered: true });
  } catch { /* not supported */ }
};

/**
 * Register the per-file set-up and return the environment the tests use.
 * @param {{ csp?: boolean }} [options] csp: the server sends a strict CSP with nonces on HTML
 */
export function useEnvironment(options = {}) {
  const env = {
    /** @type {Awaited<ReturnType<typeof startServer>>} */ server: null,
    /** @type {import('playwright-core').Browser} */ browser: null,
    contexts: [],
    get origin() { return env.server.origin; },
    url(path) { return env.server.origin + path; },
    /** A fresh, isolated context (no cookies, no storage, no cache). */
    async context(contextOptions = {}) {
      const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
      context.setDefaultTimeout(15_000);
      await context.addInitScript(RECORDER);
      env.contexts.push(context);
      return context;
    },
    /** Open `path` in a new page (of `context`, or of a fresh context) and collect its errors. */
    async open(path, { context, initScript, waitReady = true, ...contextOptions } = {}) {
      context ??= await env.context(contextOptions);
      const page = await context.newPage();
      const watch = watchPage(page);
      if (initScript) await page.addInitScript(initScript);
      await page.goto(path.startsWith('http') ? path : env.url(path));
      if (waitReady) await ready(page);
      return { context, page, ...watch };
    },
  };

  before(async () => {
    if (!existsSync(join(ROOT, 'dist', 'consentinel.js'))) {
      throw new Error('dist/consentinel.js is missing: run `npm run build` first');
    }
    env.server = await startServer({ port: 0, quiet: true, csp: options.csp ?? false, mounts: { '/fixtures/': 'test/e2e/fixtures' } });
    env.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterEach(async () => {
    const closing = Promise.all(env.contexts.splice(0).map((c) => c.close().catch(() => {})));
    await withTimeout(closing, 15_000, 'closing the browser contexts');
    env.server?.clear();
  }, { timeout: 30_000 });
  after(async () => {
    await withTimeout(env.browser?.close(), 15_000, 'closing Chromium').catch((error) => {
      console.error(String(error.message));
      env.browser?.process?.()?.kill('SIGKILL');
    });
    await withTimeout(env.server?.close(), 5_000, 'closing the server').catch(() => {});
  }, { timeout: 30_000 });
  return env;
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, fail) => { timer = setTimeout(() => fail(new Error(`timed out after ${ms} ms: ${what}`)), ms); });
  return Promise.race([Promise.resolve(promise), timeout]).finally(() => clearTimeout(timer));
}

/** Collect uncaught errors and console errors of a page (CSP reports land in the console). */
export function watchPage(page) {
  const pageErrors = [];
  const consoleErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error?.stack || error)));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  return { pageErrors, consoleErrors };
}

/** Wait for `consentinel:ready` and `window.Consentinel`. */
export async function ready(page) {
  await page.waitForFunction(() => window.__events?.some((e) => e.type === 'ready') && typeof window.Consentinel?.getState === 'function');
}

/**
 * Run `action` (which makes the page reload, e.g. a withdrawal) and wait until the new document
 * has started the library. The old document is marked first, so its own ready state never counts.
 */
export async function afterReload(page, action) {
  await page.evaluate(() => (window.__oldDocument = true));
  await action();
  await page.waitForFunction(() => !window.__oldDocument && window.__events?.some((e) => e.type === 'ready') && typeof window.Consentinel?.getState === 'function', null, { timeout: 20_000 });
}

export function state(page) {
  return page.evaluate(() => window.Consentinel.getState());
}

export function ran(page) {
  return page.evaluate(() => window.__ran ?? []);
}

/** The first-layer banner: a region holding the three first-layer buttons. */
export function banner(page) {
  return page.getByRole('region').filter({ has: page.getByRole('button', { name: 'Reject all', exact: true }) });
}

export function dialog(page) {
  return page.getByRole('dialog');
}

/** The switch of a category in the dialog (a switch or a checkbox, whichever the UI uses). */
export function categorySwitch(page, title) {
  const name = new RegExp(`^\\s*${title}\\b`);
  const d = dialog(page);
  return d.getByRole('switch', { name }).or(d.getByRole('checkbox', { name }));
}

/** Let the page settle: the library loads its config and UI asynchronously. */
export function settle(page, ms = 400) {
  return page.waitForTimeout(ms);
}

/** Count requests the server received for each path of a list. */
export function counts(server, paths) {
  return Object.fromEntries(paths.map((p) => [p, server.count(p)]));
}

export function assertNothingGatedFetched(server, message = 'a gated resource was fetched before consent') {
  const seen = ALL_GATED.filter((p) => server.count(p) > 0);
  assert.deepEqual(seen, [], message);
}

/** Cookies of the context by name (value), for the page's host. */
export async function cookieMap(context) {
  const out = {};
  for (const c of await context.cookies()) out[c.name] = c.value;
  return out;
}

/** The consent cookie's decoded fields (see docs/ARCHITECTURE.md "The consent cookie"). */
export function decodeConsentCookie(value) {
  const parts = decodeURIComponent(value).split('.');
  const [version, id, created, updated, revision, method, granted] = parts;
  return { parts, version, id, created: Number(created), updated: Number(updated), revision: Number(revision), method, granted: granted ? granted.split('+') : [] };
}

/** Poll until `fn()` is truthy (for things the server, not the page, observes). */
export async function eventually(fn, { timeout = 5000, interval = 50, message = 'condition not met in time' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > end) throw new Error(message);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** The element focused inside shadow roots, described by role-ish facts. */
export function deepFocus(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    let inShadow = false;
    while (el?.shadowRoot?.activeElement) {
      el = el.shadowRoot.activeElement;
      inShadow = true;
    }
    if (!el || el === document.body) return { tag: 'BODY', name: '', inShadow: false, inDialog: false };
    const dialogEl = el.closest('[role="dialog"]');
    return {
      tag: el.tagName,
      id: el.id,
      name: (el.getAttribute('aria-label') || el.textContent || '').trim().replace(/\s+/g, ' '),
      inShadow,
      inDialog: Boolean(dialogEl),
      inRegion: Boolean(el.closest('[role="region"]')),
    };
  });
}

/** Press Tab until `predicate(focus)` holds; returns the focus or null after `max` presses. */
export async function tabUntil(page, predicate, max = 40, key = 'Tab') {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const focus = await deepFocus(page);
    if (predicate(focus)) return focus;
  }
  return null;
}
