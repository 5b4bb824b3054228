// Consent-library benchmark: the same article page with each library, in headless Chromium with
// CPU throttling and the HTTP cache off, visited BENCH_RUNS times per library (interleaved).
// Ends with the targets of issue 15 for every Consentinel setup measured.
// See bench/README.md for what each number means.
//
//   npm run bench                     (builds dist/ first)
//   BENCH_RUNS=5 node bench/run.mjs   (fewer visits)
//   BENCH_LIBS=consentinel-spec,cc3 node bench/run.mjs
//   BENCH_VARIANTS=1 node bench/run.mjs   (also the other quick-start candidates)
import { chromium } from 'playwright-core';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as Z, gzipSync } from 'node:zlib';
import { CONFIG_URL, CONSENTINEL_SETUPS, LIBS, QUICK_START } from './libs.mjs';
import { makePages } from './make-pages.mjs';
import { interactionToPaint, kib, maxOf, median, mp, ms, p90, ratio, splitLog, targets, usualFiles } from './stats.mjs';
import { repoRoot, startServer } from './server.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS || 15));
const CPU = Math.max(1, Number(process.env.BENCH_CPU || 4));
const WARMUP = process.env.BENCH_WARMUP !== '0';
const VARIANTS = process.env.BENCH_VARIANTS === '1';
const ONLY = (process.env.BENCH_LIBS || '').split(',').map((s) => s.trim()).filter(Boolean);
const SETTLE_MS = 1000; // after the banner is visible, keep observing long tasks / shifts this long
const RETURN_SETTLE_MS = 400;
// In the dialog visit, Preferences is clicked this long after the banner is visible: about the
// time a visitor needs to read the banner, and the same as the first visit's settle time.
const DIALOG_DELAY_MS = Math.max(0, Number(process.env.BENCH_DIALOG_DELAY || 1000));
const BANNER_TIMEOUT = 15000;
const VIEWPORT = { width: 1280, height: 800 };
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic'];

// ---------------------------------------------------------------------------------------------
// In-page probe (added with addInitScript, so it runs before any page script).
//
// mode 'first': watch for the banner once per frame; 'dialog': the same, then (from the
// Preferences click on) watch for the dialog; 'return': no frame loop, only the observers.

function probeSource(lib, mode) {
  const cfg = { banner: lib.banner, dialog: lib.dialog || null, mode };
  return `(() => {
  const cfg = ${JSON.stringify(cfg)};
  const B = window.__bench = { bannerAt: null, bannerAppearAt: null, bannerInDomAt: null, contentAt: null, lt: [], shifts: [], events: [],
    clickAt: null, downAt: null, paintAfterDown: null, dialogAt: null };
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) B.lt.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true }); } catch (e) {}
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) B.shifts.push([e.startTime, e.value]); }).observe({ type: 'layout-shift', buffered: true }); } catch (e) {}
  // Event Timing: every input event whose handlers plus the next paint took 16 ms or more (the
  // smallest threshold the API allows; durations are rounded to 8 ms).
  B.eventTiming = typeof PerformanceObserver === 'function' && (PerformanceObserver.supportedEntryTypes || []).includes('event');
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) B.events.push([e.name, e.startTime, e.duration, e.interactionId || 0]); }).observe({ type: 'event', durationThreshold: 16, buffered: true }); } catch (e) {}
  addEventListener('pointerdown', (e) => {
    if (B.clickAt == null) B.clickAt = performance.now();
    B.downAt = e.timeStamp;
    B.paintAfterDown = null;
    if (cfg.mode === 'dialog' && B.dialogAt == null) requestAnimationFrame(watchDialog);
  }, true);
  // Fallback where the Event Timing API is missing: the first frame after the click's handlers
  // (this capture listener runs before the library's own), then a message, which is delivered
  // after that frame has been painted (and after any task queued before it, so it can only
  // overestimate).
  addEventListener('click', () => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { if (B.paintAfterDown == null) B.paintAfterDown = performance.now(); };
      channel.port2.postMessage(0);
    });
  }, true);
  const up = (n) => n.parentElement || (n.getRootNode() instanceof ShadowRoot ? n.getRootNode().host : null);
  function find(spec) {
    if (spec.selector) return document.querySelector(spec.selector);
    const host = document.querySelector(spec.host);
    if (!host) return null;
    const root = host.shadowRoot;
    if (!root) return host;
    const el = root.querySelector(spec.inner);
    if (el) return el;
    if (spec === cfg.dialog) return null;
    const b = root.querySelector('button');
    return b ? b.closest('section, aside, form, div') || b : null;
  }
  // Visible = rendered with a real box, at least half of it inside the viewport, visibility
  // visible and an effective opacity (product over ancestors, across shadow roots) >= 0.5.
  function visible(el, minOpacity) {
    const r = el.getBoundingClientRect();
    const area = r.width * r.height;
    if (area < 1) return false;
    const iw = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
    const ih = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
    if (iw * ih < area / 2) return false;
    if (getComputedStyle(el).visibility !== 'visible') return false;
    let op = 1;
    for (let n = el; n; n = up(n)) { op *= parseFloat(getComputedStyle(n).opacity); if (op < minOpacity) return false; }
    return true;
  }
  B.check = () => { const el = find(cfg.banner); return !!el && visible(el, 0.5); };
  B.checkDialog = () => { const el = cfg.dialog && find(cfg.dialog); return !!el && visible(el, 0.5); };
  // The dialog, with the same probe as the banner, once per frame from the click on.
  function watchDialog() {
    try {
      const el = find(cfg.dialog);
      if (el && visible(el, 0.5)) { B.dialogAt = performance.now(); return; }
    } catch (e) {}
    if (performance.now() - B.downAt < ${BANNER_TIMEOUT}) requestAnimationFrame(watchDialog);
  }
  if (cfg.mode === 'return') return;
  // Checked once per frame (before paint), so it adds no forced layout of its own.
  // The page's own first content on the same clock: the first frame in which the article's
  // heading has a box (FCP itself is a presentation time, which comes later than the frame).
  const h1 = () => { const h = document.querySelector('main h1'); return h && h.getBoundingClientRect().height > 0; };
  const tick = () => {
    try {
      if (B.contentAt == null && h1()) B.contentAt = performance.now();
      const el = find(cfg.banner);
      if (el) {
        if (B.bannerInDomAt == null) B.bannerInDomAt = performance.now();
        if (B.bannerAppearAt == null && visible(el, 0.01)) B.bannerAppearAt = performance.now();
        if (B.bannerAppearAt != null && visible(el, 0.5)) { B.bannerAt = performance.now(); return; }
      }
    } catch (e) {}
    if (performance.now() < ${BANNER_TIMEOUT + 5000}) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;
}

// Collected after a visit, inside the page.
function collectInPage() {
  const B = window.__bench;
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  return {
    timeOrigin: performance.timeOrigin,
    bannerAt: B.bannerAt,
    bannerInDomAt: B.bannerInDomAt,
    bannerAppearAt: B.bannerAppearAt,
    contentAt: B.contentAt,
    bannerVisibleNow: B.check(),
    lt: B.lt,
    shifts: B.shifts,
    events: B.events,
    eventTiming: B.eventTiming,
    clickAt: B.clickAt,
    downAt: B.downAt,
    paintAfterDown: B.paintAfterDown,
    dialogAt: B.dialogAt,
    fcp: fcp ? fcp.startTime : null,
    dcl: nav ? nav.domContentLoadedEventStart : null,
    load: nav ? nav.loadEventStart : null,
    ran: window.__ran || [],
    ranAt: window.__ranAt || {},
  };
}

// ---------------------------------------------------------------------------------------------
// Sizes of the served files, computed with zlib (gzip -9, brotli 11).

const sizeCache = new Map();
function sizesOf(entry) {
  if (!entry.file) return { raw: entry.bytes, gzip: entry.bytes, br: entry.bytes };
  const buf = readFileSync(entry.file);
  const key = createHash('sha1').update(buf).digest('hex');
  if (!sizeCache.has(key)) {
    sizeCache.set(key, {
      raw: buf.length,
      gzip: gzipSync(buf, { level: 9 }).length,
      br: brotliCompressSync(buf, { params: { [Z.BROTLI_PARAM_QUALITY]: 11, [Z.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length,
    });
  }
  return sizeCache.get(key);
}

// The site's own config file is not the library's code (the other libraries' configs are inline
// in their pages): it is counted apart, like the page HTML.
const kindOf = (e) => {
  if (e.path.startsWith('/tags/')) return 'tag';
  if (e.path.startsWith('/beacon/')) return 'beacon';
  if (e.path === CONFIG_URL) return 'config';
  if (e.type.startsWith('text/html')) return 'html';
  if (e.type.startsWith('text/javascript')) return 'js';
  if (e.type.startsWith('text/css')) return 'css';
  return 'other';
};

/** Bytes per kind of the requests in `log`; `lib` is everything the library fetched (JS, CSS, JSON). */
function summarizeRequests(log) {
  const s = { requests: log.length, libRequests: 0, configRequests: 0, files: [], fileSizes: [] };
  for (const k of ['js', 'css', 'html', 'other', 'config', 'lib']) s[k] = { raw: 0, gzip: 0, br: 0 };
  for (const e of log) {
    const k = kindOf(e);
    if (k === 'tag' || k === 'beacon') continue;
    const z = sizesOf(e);
    for (const f of ['raw', 'gzip', 'br']) s[k][f] += z[f];
    if (k === 'config') s.configRequests++;
    if (k === 'js' || k === 'css' || k === 'other') {
      for (const f of ['raw', 'gzip', 'br']) s.lib[f] += z[f];
      s.libRequests++;
      s.files.push(e.path);
      s.fileSizes.push({ path: e.path, ...z });
    }
  }
  s.gated = log.filter((e) => { const k = kindOf(e); return k === 'tag' || k === 'beacon'; }).map((e) => e.path);
  return s;
}

// ---------------------------------------------------------------------------------------------

async function preparePage(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Performance.enable');
  return { page, cdp };
}

const scriptSeconds = async (cdp) => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0;

function blocking(lt, from) {
  let tbt = 0;
  for (const [start, dur] of lt) {
    const end = start + dur;
    if (end <= from) continue;
    const counted = Math.min(dur, end - from); // only the part after FCP
    tbt += Math.max(0, counted - 50);
  }
  return tbt;
}

/** Clicks a library's button: its selector, or (Consentinel before the DOM contract) its name. */
async function clickButton(page, button) {
  let target = button.selector ? page.locator(button.selector) : null;
  if (button.role) {
    const byName = page.getByRole('button', { name: button.role, exact: true });
    target = target ? target.or(byName) : byName;
  }
  await target.first().click({ timeout: 5000 });
}

async function openFirstVisit(context, server, lib, mode, r) {
  const { page, cdp } = await preparePage(context);
  await page.addInitScript({ content: probeSource(lib, mode) });
  page.on('pageerror', (e) => r.errors.push(`pageerror (${mode}): ${e.message}`));
  server.takeLog();
  const s0 = await scriptSeconds(cdp);
  await page.goto(`${server.origin}/${lib.id}.html`, { waitUntil: 'load', timeout: 30000 });
  try {
    await page.waitForFunction(() => window.__bench.bannerAt != null, null, { polling: 50, timeout: BANNER_TIMEOUT });
  } catch { r.errors.push(`${mode} visit: banner not visible within ${BANNER_TIMEOUT} ms`); r.ok = false; }
  return { page, cdp, s0 };
}

async function visit(browser, server, lib, userAgent) {
  const r = { lib: lib.id, ok: true, errors: [] };
  const context = await browser.newContext({ viewport: VIEWPORT, userAgent });
  try {
    // ---- first visit: no stored choice
    let { page, cdp, s0 } = await openFirstVisit(context, server, lib, 'first', r);
    await page.waitForTimeout(SETTLE_MS);
    const first = await page.evaluate(collectInPage);
    const s1 = await scriptSeconds(cdp);
    const firstLog = server.takeLog();
    const [beforeBanner, afterBanner] = first.bannerAt == null ? [firstLog, []] : splitLog(firstLog, first.timeOrigin, first.bannerAt);
    r.first = {
      ...summarizeRequests(firstLog),
      beforeBanner: summarizeRequests(beforeBanner),
      afterBanner: summarizeRequests(afterBanner),
      bannerAt: first.bannerAt,
      bannerInDomAt: first.bannerInDomAt,
      bannerAppearAt: first.bannerAppearAt,
      contentAt: first.contentAt,
      bannerPerContent: first.bannerAt != null && first.contentAt ? first.bannerAt / first.contentAt : null,
      bannerPerFcp: first.bannerAt != null && first.fcp ? first.bannerAt / first.fcp : null,
      fcp: first.fcp,
      dcl: first.dcl,
      load: first.load,
      longTasks: first.lt.length,
      longTaskMs: first.lt.reduce((a, [, d]) => a + d, 0),
      tbt: first.fcp == null ? null : blocking(first.lt, first.fcp),
      cls: first.shifts.reduce((a, [, v]) => a + v, 0),
      scriptMs: (s1 - s0) * 1000,
      ranBeforeConsent: first.ran.slice(),
    };
    r.first.leak = r.first.ranBeforeConsent.length > 0 || r.first.gated.length > 0;
    if (first.bannerAt == null) { await context.close(); return r; }

    // ---- accept all
    await clickButton(page, lib.accept);
    try {
      await page.waitForFunction(() => (window.__ran || []).length >= 3 && window.__bench.paintAfterDown != null, null, { polling: 50, timeout: 8000 });
    } catch { r.errors.push('not all gated tags ran after Accept all'); }
    // Event Timing entries reach the observer some time after the paint they measure.
    await page.waitForTimeout(200);
    const acc = await page.evaluate(collectInPage);
    const ranTimes = Object.values(acc.ranAt);
    const inp = interactionToPaint(acc);
    r.accept = {
      ran: acc.ran.slice(),
      toAllTagsMs: ranTimes.length === 3 && acc.clickAt != null ? Math.max(...ranTimes) - acc.clickAt : null,
      inp: inp.ms,
      inpSource: inp.source,
      // The raw entries, for .work/last-run.json: [name, startTime, duration, interactionId].
      events: acc.events.filter(([, start]) => start >= acc.downAt - 1),
      downAt: acc.downAt, paintAfterDown: acc.paintAfterDown,
      cookies: (await context.cookies()).map((c) => c.name),
    };
    server.takeLog();
    await page.close();

    // ---- returning visitor: new navigation, cookie kept
    ({ page, cdp } = await preparePage(context));
    await page.addInitScript({ content: probeSource(lib, 'return') });
    page.on('pageerror', (e) => r.errors.push('pageerror (return): ' + e.message));
    const t0 = await scriptSeconds(cdp);
    await page.goto(`${server.origin}/${lib.id}.html`, { waitUntil: 'load', timeout: 30000 });
    try {
      await page.waitForFunction(() => (window.__ran || []).length >= 3, null, { polling: 50, timeout: 8000 });
    } catch { r.errors.push('return visit: not all gated tags ran'); }
    await page.waitForTimeout(RETURN_SETTLE_MS);
    const ret = await page.evaluate(collectInPage);
    const t1 = await scriptSeconds(cdp);
    const retLog = server.takeLog();
    const times = Object.values(ret.ranAt);
    r.ret = {
      ...summarizeRequests(retLog),
      dcl: ret.dcl,
      fcp: ret.fcp,
      firstTagAt: times.length ? Math.min(...times) : null,
      firstTagAfterDcl: times.length && ret.dcl != null ? Math.min(...times) - ret.dcl : null,
      allTags: ret.ran.length >= 3,
      bannerShown: ret.bannerVisibleNow,
      tbt: ret.fcp == null ? null : blocking(ret.lt, ret.fcp),
      scriptMs: (t1 - t0) * 1000,
    };
  } catch (e) {
    r.ok = false;
    r.errors.push(String(e && e.message || e).split('\n')[0]);
  } finally {
    await context.close().catch(() => {});
  }
  return r;
}

/** A second first visit: banner visible, DIALOG_DELAY_MS of reading, click Preferences, time
 *  pointerdown → the first frame in which the dialog is visible (the banner's probe). */
async function dialogVisit(browser, server, lib, userAgent) {
  const r = { lib: lib.id, ok: true, errors: [] };
  const context = await browser.newContext({ viewport: VIEWPORT, userAgent });
  try {
    const { page } = await openFirstVisit(context, server, lib, 'dialog', r);
    if (!r.ok) return r;
    await page.waitForTimeout(DIALOG_DELAY_MS);
    // A dialog selector that matched before the click would time nothing.
    if (await page.evaluate(() => window.__bench.checkDialog())) throw new Error('the dialog selector matches a visible element before the click');
    await clickButton(page, lib.preferences);
    try {
      await page.waitForFunction(() => window.__bench.dialogAt != null, null, { polling: 50, timeout: BANNER_TIMEOUT });
    } catch { r.errors.push('dialog visit: dialog not visible within ' + BANNER_TIMEOUT + ' ms'); r.ok = false; }
    const state = await page.evaluate(collectInPage);
    const log = server.takeLog();
    const [beforeClick, afterClick] = splitLog(log, state.timeOrigin, state.downAt);
    const [, reading] = splitLog(beforeClick, state.timeOrigin, state.bannerAt);
    r.dialog = {
      bannerAt: state.bannerAt,
      toDialogMs: state.dialogAt == null ? null : state.dialogAt - state.downAt,
      // What the library fetched while the visitor read the banner, and because of the click.
      readingFiles: summarizeRequests(reading).files,
      clickFiles: summarizeRequests(afterClick).files,
    };
  } catch (e) {
    r.ok = false;
    r.errors.push('dialog visit: ' + String(e && e.message || e).split('\n')[0]);
  } finally {
    await context.close().catch(() => {});
  }
  return r;
}

// ---------------------------------------------------------------------------------------------
// The report

function machine(browserVersion) {
  const mem = os.totalmem();
  let commit = '';
  try { commit = execSync('git rev-parse --short HEAD', { cwd: repoRoot, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(); } catch {}
  return {
    date: new Date().toISOString(),
    cpu: os.cpus()[0]?.model?.trim() || 'unknown',
    nproc: typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
    memory: `${(mem / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    chromium: browserVersion,
    node: process.version,
    commit,
  };
}

function pkgVersion(lib) {
  if (!lib.pkg) return JSON.parse(readFileSync(repoRoot + '/package.json', 'utf8')).version + ' (this repo)';
  try { return JSON.parse(readFileSync(`${repoRoot}/node_modules/${lib.pkg}/package.json`, 'utf8')).version; } catch { return '?'; }
}

function aggregate(lib, results, dialogs) {
  const ok = results.filter((r) => r.first);
  const f = (g) => ok.map(g);
  const rr = ok.filter((r) => r.ret);
  const g = (h) => rr.map(h);
  const firstSizes = ok[0]?.first;
  const retSizes = rr.map((r) => r.ret);
  const dd = dialogs.filter((r) => r.dialog);
  return {
    id: lib.id, name: lib.name, version: pkgVersion(lib), consentinel: !!lib.consentinel, setup: lib.setup,
    n: results.length, nOk: ok.filter((r) => r.first.bannerAt != null).length,
    errors: [...new Set([...results, ...dialogs].flatMap((r) => r.errors))],
    files: firstSizes ? firstSizes.files : [],
    fileSizes: firstSizes ? firstSizes.fileSizes : [],
    retFileSizes: rr[0]?.ret.fileSizes || [],
    js: median(f((r) => r.first.js.gzip)), jsRaw: median(f((r) => r.first.js.raw)), jsBr: median(f((r) => r.first.js.br)),
    css: median(f((r) => r.first.css.gzip)), cssRaw: median(f((r) => r.first.css.raw)), cssBr: median(f((r) => r.first.css.br)),
    lib: median(f((r) => r.first.lib.gzip)), libBr: median(f((r) => r.first.lib.br)),
    preBanner: median(f((r) => r.first.beforeBanner.lib.gzip)), preBannerBr: median(f((r) => r.first.beforeBanner.lib.br)),
    preBannerRequests: median(f((r) => r.first.beforeBanner.libRequests)),
    preBannerFiles: usualFiles(f((r) => r.first.beforeBanner.files)),
    postBannerFiles: usualFiles(f((r) => r.first.afterBanner.files)),
    config: median(f((r) => r.first.config.raw)), configRequests: median(f((r) => r.first.configRequests)),
    html: median(f((r) => r.first.html.gzip)),
    libRequests: median(f((r) => r.first.libRequests)),
    requests: median(f((r) => r.first.requests)),
    banner: f((r) => r.first.bannerAt), appear: f((r) => r.first.bannerAppearAt), inDom: f((r) => r.first.bannerInDomAt), fcp: f((r) => r.first.fcp), content: f((r) => r.first.contentAt), perContent: f((r) => r.first.bannerPerContent), perFcp: f((r) => r.first.bannerPerFcp), tbt: f((r) => r.first.tbt), longTasks: f((r) => r.first.longTasks),
    cls: f((r) => r.first.cls), script: f((r) => r.first.scriptMs), dcl: f((r) => r.first.dcl),
    leaks: ok.filter((r) => r.first.leak).length,
    leakDetail: [...new Set(ok.flatMap((r) => [...r.first.gated, ...r.first.ranBeforeConsent]))],
    acceptToTags: ok.map((r) => r.accept?.toAllTagsMs),
    inp: ok.map((r) => r.accept?.inp),
    inpBelowThreshold: ok.filter((r) => r.accept?.inpSource === 'below-threshold').length,
    inpFromFrames: ok.filter((r) => r.accept?.inpSource === 'frame').length,
    acceptOk: ok.filter((r) => r.accept && r.accept.ran.length >= 3).length,
    hasDialog: !!lib.preferences,
    toDialog: dd.map((r) => r.dialog.toDialogMs), nDialog: dialogs.length, nDialogOk: dd.filter((r) => r.dialog.toDialogMs != null).length,
    readingFiles: usualFiles(dd.map((r) => r.dialog.readingFiles)), clickFiles: usualFiles(dd.map((r) => r.dialog.clickFiles)),
    retFirstTag: g((r) => r.ret.firstTagAfterDcl), retFirstTagAt: g((r) => r.ret.firstTagAt), retDcl: g((r) => r.ret.dcl),
    retJs: median(retSizes.map((s) => s.js.gzip)), retJsRaw: median(retSizes.map((s) => s.js.raw)), retJsBr: median(retSizes.map((s) => s.js.br)),
    retCss: median(retSizes.map((s) => s.css.gzip)),
    retLibRequests: median(retSizes.map((s) => s.libRequests)),
    retFiles: rr[0]?.ret.files || [],
    retScript: g((r) => r.ret.scriptMs), retTbt: g((r) => r.ret.tbt),
    retBannerShown: rr.filter((r) => r.ret.bannerShown).length,
    retAllTags: rr.filter((r) => r.ret.allTags).length,
    nRet: rr.length,
  };
}

// ---------------------------------------------------------------------------------------------
function targetTables(ourSetups, others) {
  const L = [];
  if (!ourSetups.length) return ['Not evaluated: Consentinel was not measured (dist/consentinel.js missing: run `npm run build`).', ''];
  const all = ourSetups.map((a) => ({ a, rows: targets(a, others) }));
  const verdict = (t) => (t.value == null ? '**not measured**' : t.pass ? 'PASS' : '**MISS**');
  const r2 = (x) => (x == null ? '–' : `${x.toFixed(2)}×`);
  L.push('Ratio = measured ÷ target (≤ 1.00× meets it). Sizes: KiB = 1024 B. TBT, INP, the returning tag: median; dialog: p90 ("never waits visibly"); CLS: the largest of all visits.', '');
  L.push(`| Target | ${all.map(({ a }) => a.name).join(' | ')} |`);
  L.push(`|---|${all.map(() => '---').join('|')}|`);
  all[0].rows.forEach((t, i) => L.push(`| ${t.name} | ${all.map(({ rows }) => `${r2(rows[i].ratio)} ${verdict(rows[i])}`).join(' | ')} |`));
  L.push('');
  for (const { a, rows } of all) {
    L.push(`### ${a.name}: ${CONSENTINEL_SETUPS[a.setup].label}`, '');
    L.push('| Target | Measured | Target | Ratio | Result |', '|---|---|---|--:|---|');
    for (const t of rows) L.push(`| ${t.name} | ${t.measured} | ${t.limitText} | ${r2(t.ratio)} | ${verdict(t)} |`);
    L.push('');
  }
  return L;
}

function report(aggs, meta) {
  const L = [];
  const ourSetups = aggs.filter((a) => a.consentinel);
  const others = aggs.filter((a) => !a.consentinel);
  L.push(`# Consent library benchmark`, '');
  L.push(`- Date: ${meta.date}${meta.commit ? ` (commit ${meta.commit})` : ''}`);
  L.push(`- Machine: ${meta.cpu}, nproc ${meta.nproc}, ${meta.memory} RAM, ${meta.os}; load average at start ${meta.loadStart}, at end ${meta.loadEnd}`);
  L.push(`- Chromium ${meta.chromium} (headless), Node ${meta.node}, playwright-core ${meta.playwright}`);
  L.push(`- ${meta.runs} visits per library (interleaved${meta.warmup ? ', after one discarded warm-up round' : ''}), plus as many dialog visits for each library with a preferences button (Preferences clicked ${DIALOG_DELAY_MS} ms after the banner is visible); CPU throttled ${CPU}×, HTTP cache off, localhost (no network throttling), viewport ${VIEWPORT.width}×${VIEWPORT.height}; run time ${meta.duration}`);
  L.push(`- Reproduce: \`npm run bench\` (or \`BENCH_RUNS=${meta.runs}${meta.variants ? ' BENCH_VARIANTS=1' : ''} node bench/run.mjs\` after \`npm run build\`). Sizes: KiB (1024 B); gzip -9 and brotli 11 computed from the served files. Times: ms from navigation start; cells are median (p90).`);
  if (ourSetups.length) {
    L.push('- Consentinel setups (the core\'s tag in `<head>`, the same config everywhere):');
    for (const a of ourSetups) L.push(`  - ${a.name}: ${CONSENTINEL_SETUPS[a.setup].label}${a.setup === QUICK_START ? ' (the README\'s quick start)' : ''}`);
  }
  L.push('');
  const busiest = Math.max(...[meta.loadStart, meta.loadEnd].map((l) => parseFloat(l)));
  if (busiest > meta.nproc) L.push(`> **The machine was busy** (1-minute load average up to ${busiest.toFixed(1)} on ${meta.nproc} cores): timings are inflated and noisy; compare ratios within this run, or re-run on an idle machine.`, '');
  if (!ourSetups.length) L.push('> **Consentinel was not measured** (dist/consentinel.js missing: run `npm run build`).', '');

  L.push('## Targets (issue 15)', '');
  L.push(...targetTables(ourSetups, others));

  L.push('## First visit: bytes and requests', '');
  L.push('| Library | Version | **JS+CSS gzip before the banner is visible** | Library requests before the banner | JS raw | JS gzip | JS br | CSS raw | CSS gzip | CSS br | JS+CSS gzip, whole visit | JS+CSS br, whole visit | Library requests | Config file (raw; requests) | Page HTML gzip (incl. inline config) |');
  L.push('|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const a of aggs) {
    const config = a.configRequests ? `${kib(a.config)} (${a.configRequests}×)` : '–';
    L.push(`| ${a.name} | ${a.version} | **${kib(a.preBanner)}** | ${a.preBannerRequests ?? '–'} | ${kib(a.jsRaw)} | ${kib(a.js)} | ${kib(a.jsBr)} | ${kib(a.cssRaw)} | ${kib(a.css)} | ${kib(a.cssBr)} | ${kib(a.lib)} | ${kib(a.libBr)} | ${a.libRequests ?? '–'} | ${config} | ${kib(a.html)} |`);
  }
  L.push('');
  L.push('"Whole visit" is everything until 1 s after the banner is visible; JSON the library fetched (translations) counts as library bytes, the site\'s own config file does not (the other libraries\' configs are inline in their pages). A config fetched twice means a preload hint that the fetch did not reuse.', '');
  L.push('## First visit: timing (median (p90))', '');
  L.push('| Library | **Banner visible** | Banner starts to appear | Page content frame | Banner ÷ content frame | Page FCP | Banner ÷ FCP | TBT after FCP | Long tasks | CLS (max) | Script time | DOMContentLoaded | Accept all: interaction to next paint | Preferences click → dialog visible | Gated tag ran or requested before consent |');
  L.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const a of aggs) {
    const x = (v) => (v == null ? '–' : v.toFixed(2) + '×');
    const clsMax = maxOf(a.cls);
    const dialog = a.hasDialog ? mp(a.toDialog) + (a.nDialogOk < a.nDialog ? ` (${a.nDialogOk}/${a.nDialog})` : '') : 'no preferences button';
    L.push(`| ${a.name} | **${mp(a.banner)}** | ${mp(a.appear)} | ${mp(a.content)} | ${mp(a.perContent, x)} | ${mp(a.fcp)} | ${mp(a.perFcp, x)} | ${mp(a.tbt)} | ${mp(a.longTasks, (v) => String(Math.round(v)))} | ${clsMax == null ? '–' : clsMax.toFixed(4)} | ${mp(a.script)} | ${mp(a.dcl)} | ${mp(a.inp)} | ${dialog} | ${a.leaks === 0 ? 'none' : `**${a.leaks}/${a.n}**`} |`);
  }
  L.push('');
  L.push('## Returning visitor (after Accept all, cookie kept)', '');
  L.push('| Library | First gated tag (after navigation start) | First gated tag − DOMContentLoaded | DOMContentLoaded | JS raw | JS gzip | JS br | CSS gzip | Library requests | Script time | TBT | All 3 tags ran | Banner shown | Accept click → all tags ran (first visit) |');
  L.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const a of aggs) {
    L.push(`| ${a.name} | ${mp(a.retFirstTagAt)} | ${mp(a.retFirstTag)} | ${mp(a.retDcl)} | ${kib(a.retJsRaw)} | ${kib(a.retJs)} | ${kib(a.retJsBr)} | ${kib(a.retCss)} | ${a.retLibRequests ?? '–'} | ${mp(a.retScript)} | ${mp(a.retTbt)} | ${a.retAllTags}/${a.nRet} | ${a.retBannerShown}/${a.nRet} | ${mp(a.acceptToTags)} |`);
  }
  L.push('');
  L.push('Files fetched by each library, first visit: before the banner was visible | after it (within 1 s) → returning visit; dialog visit: while the banner was read | after the Preferences click:', '');
  for (const a of aggs) {
    L.push(`- ${a.name}: ${a.preBannerFiles} | ${a.postBannerFiles} → ${a.retFiles.join(', ') || '–'}` +
      (a.hasDialog ? `; dialog visit: ${a.readingFiles} | ${a.clickFiles}` : ''));
  }
  L.push('');

  if (ourSetups.length) {
    L.push('Consentinel per file (raw / gzip / brotli, bytes):', '');
    const fl = (xs) => xs.map((f) => `\`${f.path}\` ${f.raw} / ${f.gzip} / ${f.br}`).join(', ') || '–';
    for (const a of ourSetups) L.push(`- ${a.name}, first visit: ${fl(a.fileSizes)}; returning visit: ${fl(a.retFileSizes)}`);
    L.push('');
    const rows = [
      ['First visit JS+CSS gzip before the banner', (a) => a.preBanner],
      ['First visit JS+CSS gzip, whole visit', (a) => a.lib],
      ['First visit library requests', (a) => a.libRequests],
      ['Banner visible', (a) => median(a.banner)],
      ['Banner visible p90', (a) => p90(a.banner)],
      ['Page FCP', (a) => median(a.fcp)],
      ['TBT after FCP', (a) => median(a.tbt)],
      ['Script time (first visit)', (a) => median(a.script)],
      ['Accept all: interaction to next paint', (a) => median(a.inp)],
      ['Preferences click → dialog', (a) => median(a.toDialog)],
      ['Returning visit JS gzip', (a) => a.retJs],
      ['Returning visit first tag (after navigation start)', (a) => median(a.retFirstTagAt)],
      ['Returning visit first tag − DCL', (a) => median(a.retFirstTag)],
      ['Returning visit script time', (a) => median(a.retScript)],
    ];
    for (const ours of ourSetups) {
      L.push(`## Ratios: ${ours.name} ÷ each library (medians unless marked; below 1 means Consentinel is smaller/faster)`, '');
      L.push(`| Metric | ${others.map((a) => `vs ${a.name}`).join(' | ')} |`);
      L.push(`|---|${others.map(() => '--:').join('|')}|`);
      for (const [label, get] of rows) L.push(`| ${label} | ${others.map((a) => ratio(get(ours), get(a))).join(' | ')} |`);
      L.push('');
    }
  }

  const errs = aggs.filter((a) => a.errors.length);
  if (errs.length) {
    L.push('## Problems seen during the run', '');
    for (const a of errs) L.push(`- ${a.name}: ${a.errors.slice(0, 5).join('; ')}`);
    L.push('');
  }
  return L.join('\n');
}

// ---------------------------------------------------------------------------------------------

/** BENCH_LIBS names ids ("consentinel" = every Consentinel setup of the run); quick-start
 *  candidates other than the chosen one run with BENCH_VARIANTS=1 or when named. */
function selectLibs() {
  const named = (l) => ONLY.includes(l.id) || (l.consentinel && ONLY.includes('consentinel'));
  let libs = LIBS.filter((l) => (ONLY.length ? named(l) && (!l.variant || VARIANTS || ONLY.includes(l.id)) : !l.variant || VARIANTS));
  const unknown = ONLY.filter((id) => id !== 'consentinel' && !LIBS.some((l) => l.id === id));
  if (unknown.length) throw new Error(`BENCH_LIBS: unknown ${unknown.join(', ')} (known: consentinel, ${LIBS.map((l) => l.id).join(', ')})`);
  if (libs.some((l) => l.consentinel) && !existsSync(repoRoot + '/dist/consentinel.js')) {
    console.warn('[bench] dist/consentinel.js not found (run `npm run build`): measuring the other libraries only.');
    libs = libs.filter((l) => !l.consentinel);
  }
  return libs;
}

async function main() {
  const started = Date.now();
  makePages();
  const libs = selectLibs();
  if (!libs.length) throw new Error('no library to measure');
  const loadStart = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ARGS });
  try {
    // Headless Chromium says "HeadlessChrome" in its user agent, which some libraries treat as a
    // bot; every library gets the user agent of the same Chrome without "Headless".
    const probe = await browser.newContext();
    const userAgent = (await (await probe.newPage()).evaluate(() => navigator.userAgent)).replace('HeadlessChrome', 'Chrome');
    await probe.close();

    const results = Object.fromEntries(libs.map((l) => [l.id, []]));
    const dialogs = Object.fromEntries(libs.map((l) => [l.id, []]));
    const total = RUNS * libs.length;
    if (WARMUP) {
      process.stderr.write('[bench] warm-up round\n');
      for (const lib of libs) {
        await visit(browser, server, lib, userAgent);
        if (lib.preferences) await dialogVisit(browser, server, lib, userAgent);
      }
    }
    let done = 0;
    for (let run = 0; run < RUNS; run++) {
      // Rotate the order every round so no library always goes first.
      const order = libs.map((_, i) => libs[(i + run) % libs.length]);
      for (const lib of order) {
        const r = await visit(browser, server, lib, userAgent);
        results[lib.id].push(r);
        const d = lib.preferences ? await dialogVisit(browser, server, lib, userAgent) : null;
        if (d) dialogs[lib.id].push(d);
        done++;
        const errors = [...r.errors, ...(d ? d.errors : [])];
        process.stderr.write(`[bench] ${String(done).padStart(3)}/${total} ${lib.id.padEnd(22)} banner ${ms(r.first?.bannerAt).padStart(5)} ms  ` +
          `before it ${kib(r.first?.beforeBanner.lib.gzip).padStart(5)} KiB  inp ${ms(r.accept?.inp).padStart(4)}  dialog ${ms(d?.dialog?.toDialogMs).padStart(4)}  ` +
          `ret tag ${ms(r.ret?.firstTagAt).padStart(5)} (dcl${r.ret?.firstTagAfterDcl >= 0 ? '+' : ''}${ms(r.ret?.firstTagAfterDcl)})${errors.length ? '  ! ' + errors[0] : ''}\n`);
      }
    }
    const aggs = libs.map((l) => aggregate(l, results[l.id], dialogs[l.id]));
    const meta = {
      ...machine(browser.version()),
      runs: RUNS,
      warmup: WARMUP,
      variants: VARIANTS,
      playwright: JSON.parse(readFileSync(repoRoot + '/node_modules/playwright-core/package.json', 'utf8')).version,
      loadStart,
      loadEnd: os.loadavg().map((x) => x.toFixed(2)).join(' '),
      duration: `${Math.round((Date.now() - started) / 1000)} s`,
    };
    const md = report(aggs, meta);
    console.log(md);
    const resultsDir = here + 'results/';
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(resultsDir + meta.date.slice(0, 10) + '.md', md + '\n');
    writeFileSync(resultsDir + 'latest.md', md + '\n');
    mkdirSync(here + '.work', { recursive: true });
    writeFileSync(here + '.work/last-run.json', JSON.stringify({ meta, results, dialogs }, null, 1));
    process.stderr.write(`[bench] wrote bench/results/${meta.date.slice(0, 10)}.md and bench/results/latest.md (${meta.duration})\n`);
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
}

main().catch((e) => { console.error('[bench]', e); process.exit(1); });
