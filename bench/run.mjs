// Consent-library benchmark: the same article page with each library, in headless Chromium with
// CPU throttling and the HTTP cache off, visited BENCH_RUNS times per library (interleaved).
// See bench/README.md for what each number means.
//
//   npm run bench                     (builds dist/ first)
//   BENCH_RUNS=5 node bench/run.mjs   (fewer visits)
//   BENCH_LIBS=consentinel,cc3 node bench/run.mjs
import { chromium } from 'playwright-core';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as Z, gzipSync } from 'node:zlib';
import { LIBS } from './libs.mjs';
import { makePages } from './make-pages.mjs';
import { repoRoot, startServer } from './server.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS || 15));
const CPU = Math.max(1, Number(process.env.BENCH_CPU || 4));
const WARMUP = process.env.BENCH_WARMUP !== '0';
const ONLY = (process.env.BENCH_LIBS || '').split(',').map((s) => s.trim()).filter(Boolean);
const SETTLE_MS = 1000; // after the banner is visible, keep observing long tasks / shifts this long
const RETURN_SETTLE_MS = 400;
const BANNER_TIMEOUT = 15000;
const VIEWPORT = { width: 1280, height: 800 };
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic'];

// ---------------------------------------------------------------------------------------------
// In-page probe (added with addInitScript, so it runs before any page script).

function probeSource(lib, mode) {
  const cfg = { ...lib.banner, mode };
  return `(() => {
  const cfg = ${JSON.stringify(cfg)};
  const B = window.__bench = { bannerAt: null, bannerAppearAt: null, bannerInDomAt: null, contentAt: null, lt: [], shifts: [], clickAt: null };
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) B.lt.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true }); } catch (e) {}
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) B.shifts.push([e.startTime, e.value]); }).observe({ type: 'layout-shift', buffered: true }); } catch (e) {}
  addEventListener('pointerdown', () => { if (B.clickAt == null) B.clickAt = performance.now(); }, true);
  const up = (n) => n.parentElement || (n.getRootNode() instanceof ShadowRoot ? n.getRootNode().host : null);
  function find() {
    if (cfg.selector) return document.querySelector(cfg.selector);
    const host = document.querySelector(cfg.host);
    if (!host) return null;
    const root = host.shadowRoot;
    if (!root) return host;
    const el = root.querySelector(cfg.inner);
    if (el) return el;
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
  B.check = () => { const el = find(); return !!el && visible(el, 0.5); };
  if (cfg.mode !== 'first') return;
  // Checked once per frame (before paint), so it adds no forced layout of its own.
  // The page's own first content on the same clock: the first frame in which the article's
  // heading has a box (FCP itself is a presentation time, which comes later than the frame).
  const h1 = () => { const h = document.querySelector('main h1'); return h && h.getBoundingClientRect().height > 0; };
  const tick = () => {
    try {
      if (B.contentAt == null && h1()) B.contentAt = performance.now();
      const el = find();
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
    bannerAt: B.bannerAt,
    bannerInDomAt: B.bannerInDomAt,
    bannerAppearAt: B.bannerAppearAt,
    contentAt: B.contentAt,
    bannerVisibleNow: B.check(),
    lt: B.lt,
    shifts: B.shifts,
    clickAt: B.clickAt,
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

const kindOf = (e) => {
  if (e.path.startsWith('/tags/')) return 'tag';
  if (e.path.startsWith('/beacon/')) return 'beacon';
  if (e.type.startsWith('text/html')) return 'html';
  if (e.type.startsWith('text/javascript')) return 'js';
  if (e.type.startsWith('text/css')) return 'css';
  return 'other';
};

function summarizeRequests(log) {
  const s = { requests: log.length, libRequests: 0, files: [], fileSizes: [] };
  for (const k of ['js', 'css', 'html', 'other']) s[k] = { raw: 0, gzip: 0, br: 0 };
  for (const e of log) {
    const k = kindOf(e);
    if (k === 'tag' || k === 'beacon') continue;
    const z = sizesOf(e);
    for (const f of ['raw', 'gzip', 'br']) s[k][f] += z[f];
    if (k !== 'html') { s.libRequests++; s.files.push(e.path); s.fileSizes.push({ path: e.path, ...z }); }
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

async function clickAccept(page, lib) {
  if (lib.accept.role) await page.getByRole('button', { name: lib.accept.role, exact: true }).first().click({ timeout: 5000 });
  else await page.click(lib.accept.selector, { timeout: 5000 });
}

async function visit(browser, server, lib, userAgent) {
  const r = { lib: lib.id, ok: true, errors: [] };
  const context = await browser.newContext({ viewport: VIEWPORT, userAgent });
  try {
    // ---- first visit: no stored choice
    let { page, cdp } = await preparePage(context);
    await page.addInitScript({ content: probeSource(lib, 'first') });
    page.on('pageerror', (e) => r.errors.push('pageerror: ' + e.message));
    server.takeLog();
    const s0 = await scriptSeconds(cdp);
    await page.goto(`${server.origin}/${lib.id}.html`, { waitUntil: 'load', timeout: 30000 });
    try {
      await page.waitForFunction(() => window.__bench.bannerAt != null, null, { polling: 50, timeout: BANNER_TIMEOUT });
    } catch { r.errors.push('banner not visible within ' + BANNER_TIMEOUT + ' ms'); r.ok = false; }
    await page.waitForTimeout(SETTLE_MS);
    const first = await page.evaluate(collectInPage);
    const s1 = await scriptSeconds(cdp);
    const firstLog = server.takeLog();
    r.first = {
      ...summarizeRequests(firstLog),
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
    await clickAccept(page, lib);
    try {
      await page.waitForFunction(() => (window.__ran || []).length >= 3, null, { polling: 50, timeout: 8000 });
    } catch { r.errors.push('not all gated tags ran after Accept all'); }
    const acc = await page.evaluate(collectInPage);
    const ranTimes = Object.values(acc.ranAt);
    r.accept = {
      ran: acc.ran.slice(),
      toAllTagsMs: ranTimes.length === 3 && acc.clickAt != null ? Math.max(...ranTimes) - acc.clickAt : null,
      cookies: (await context.cookies()).map((c) => c.name),
    };
    await page.waitForTimeout(200);
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
      uiFetched: retLog.some((e) => e.path === '/dist/consentinel-ui.js'),
    };
  } catch (e) {
    r.ok = false;
    r.errors.push(String(e && e.message || e).split('\n')[0]);
  } finally {
    await context.close().catch(() => {});
  }
  return r;
}

// ---------------------------------------------------------------------------------------------
// Statistics and formatting

const sorted = (xs) => xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
function median(xs) { const s = sorted(xs); if (!s.length) return null; const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; }
function p90(xs) { const s = sorted(xs); if (!s.length) return null; return s[Math.min(s.length - 1, Math.ceil(0.9 * s.length) - 1)]; }
const maxOf = (xs) => { const s = sorted(xs); return s.length ? s[s.length - 1] : null; };
const kib = (b) => (b == null ? '–' : (b / 1024).toFixed(1));
const ms = (x) => (x == null ? '–' : Math.round(x).toString());
const mp = (xs, f = ms) => { const m = median(xs); return m == null ? '–' : `${f(m)} (${f(p90(xs))})`; };
const ratio = (a, b) => (a == null || b == null ? '–' : b === 0 ? (a === 0 ? '1.00×' : '∞') : `${(a / b).toFixed(2)}×`);

function machine(browserVersion) {
  let chromiumVersion = browserVersion;
  const mem = os.totalmem();
  let commit = '';
  try { commit = execSync('git rev-parse --short HEAD', { cwd: repoRoot, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(); } catch {}
  return {
    date: new Date().toISOString(),
    cpu: os.cpus()[0]?.model?.trim() || 'unknown',
    nproc: typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
    memory: `${(mem / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    chromium: chromiumVersion,
    node: process.version,
    commit,
  };
}

function pkgVersion(lib) {
  if (!lib.pkg) return JSON.parse(readFileSync(repoRoot + '/package.json', 'utf8')).version + ' (this repo)';
  try { return JSON.parse(readFileSync(`${repoRoot}/node_modules/${lib.pkg}/package.json`, 'utf8')).version; } catch { return '?'; }
}

function aggregate(lib, results) {
  const ok = results.filter((r) => r.first);
  const f = (g) => ok.map(g);
  const rr = ok.filter((r) => r.ret);
  const g = (h) => rr.map(h);
  const firstSizes = ok[0]?.first;
  const retSizes = rr.map((r) => r.ret);
  return {
    id: lib.id, name: lib.name, version: pkgVersion(lib), n: results.length, nOk: ok.filter((r) => r.first.bannerAt != null).length,
    errors: [...new Set(results.flatMap((r) => r.errors))],
    files: firstSizes ? firstSizes.files : [],
    fileSizes: firstSizes ? firstSizes.fileSizes : [],
    retFileSizes: rr[0]?.ret.fileSizes || [],
    js: median(f((r) => r.first.js.gzip)), jsRaw: median(f((r) => r.first.js.raw)), jsBr: median(f((r) => r.first.js.br)),
    css: median(f((r) => r.first.css.gzip)), cssRaw: median(f((r) => r.first.css.raw)), cssBr: median(f((r) => r.first.css.br)),
    other: median(f((r) => r.first.other.gzip)),
    html: median(f((r) => r.first.html.gzip)),
    libRequests: median(f((r) => r.first.libRequests)),
    requests: median(f((r) => r.first.requests)),
    banner: f((r) => r.first.bannerAt), appear: f((r) => r.first.bannerAppearAt), inDom: f((r) => r.first.bannerInDomAt), fcp: f((r) => r.first.fcp), content: f((r) => r.first.contentAt), perContent: f((r) => r.first.bannerPerContent), perFcp: f((r) => r.first.bannerPerFcp), tbt: f((r) => r.first.tbt), longTasks: f((r) => r.first.longTasks),
    cls: f((r) => r.first.cls), script: f((r) => r.first.scriptMs), dcl: f((r) => r.first.dcl),
    leaks: ok.filter((r) => r.first.leak).length,
    leakDetail: [...new Set(ok.flatMap((r) => [...r.first.gated, ...r.first.ranBeforeConsent]))],
    acceptToTags: ok.map((r) => r.accept?.toAllTagsMs),
    acceptOk: ok.filter((r) => r.accept && r.accept.ran.length >= 3).length,
    retFirstTag: g((r) => r.ret.firstTagAfterDcl), retDcl: g((r) => r.ret.dcl),
    retJs: median(retSizes.map((s) => s.js.gzip)), retJsRaw: median(retSizes.map((s) => s.js.raw)), retJsBr: median(retSizes.map((s) => s.js.br)),
    retCss: median(retSizes.map((s) => s.css.gzip)),
    retLibRequests: median(retSizes.map((s) => s.libRequests)),
    retFiles: rr[0]?.ret.files || [],
    retScript: g((r) => r.ret.scriptMs), retTbt: g((r) => r.ret.tbt),
    retBannerShown: rr.filter((r) => r.ret.bannerShown).length,
    retAllTags: rr.filter((r) => r.ret.allTags).length,
    retUiFetched: rr.filter((r) => r.ret.uiFetched).length,
    nRet: rr.length,
  };
}

function report(aggs, meta) {
  const L = [];
  const ours = aggs.find((a) => a.id === 'consentinel');
  const others = aggs.filter((a) => a.id !== 'consentinel');
  L.push(`# Consent library benchmark`, '');
  L.push(`- Date: ${meta.date}${meta.commit ? ` (commit ${meta.commit})` : ''}`);
  L.push(`- Machine: ${meta.cpu}, nproc ${meta.nproc}, ${meta.memory} RAM, ${meta.os}; load average at start ${meta.loadStart}, at end ${meta.loadEnd}`);
  L.push(`- Chromium ${meta.chromium} (headless), Node ${meta.node}, playwright-core ${meta.playwright}`);
  L.push(`- ${meta.runs} visits per library (interleaved${meta.warmup ? ', after one discarded warm-up round' : ''}), CPU throttled ${CPU}×, HTTP cache off, localhost (no network throttling), viewport ${VIEWPORT.width}×${VIEWPORT.height}; run time ${meta.duration}`);
  L.push(`- Reproduce: \`npm run bench\` (or \`BENCH_RUNS=${meta.runs} node bench/run.mjs\` after \`npm run build\`). Sizes: KiB (1024 B); gzip -9 and brotli 11 computed from the served files. Times: ms from navigation start; cells are median (p90).`, '');
  const busiest = Math.max(...[meta.loadStart, meta.loadEnd].map((l) => parseFloat(l)));
  if (busiest > meta.nproc) L.push(`> **The machine was busy** (1-minute load average up to ${busiest.toFixed(1)} on ${meta.nproc} cores): timings are inflated and noisy; compare ratios within this run, or re-run on an idle machine.`, '');
  if (!ours) L.push('> **Consentinel was not measured** (dist/consentinel.js missing: run `npm run build`).', '');

  L.push('## First visit: bytes and requests', '');
  L.push('| Library | Version | JS raw | JS gzip | JS br | CSS raw | CSS gzip | CSS br | **JS+CSS gzip** | JS+CSS br | Library requests | Page HTML gzip (incl. inline config) |');
  L.push('|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const a of aggs) {
    L.push(`| ${a.name} | ${a.version} | ${kib(a.jsRaw)} | ${kib(a.js)} | ${kib(a.jsBr)} | ${kib(a.cssRaw)} | ${kib(a.css)} | ${kib(a.cssBr)} | **${kib(a.js + a.css + a.other)}** | ${kib(a.jsBr + a.cssBr)} | ${a.libRequests ?? '–'} | ${kib(a.html)} |`);
  }
  L.push('');
  L.push('## First visit: timing (median (p90))', '');
  L.push('| Library | **Banner visible** | Banner starts to appear | Page content frame | Banner ÷ content frame | Page FCP | Banner ÷ FCP | TBT after FCP | Long tasks | CLS (max) | Script time | DOMContentLoaded | Gated tag ran or requested before consent |');
  L.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const a of aggs) {
    const x = (v) => (v == null ? '–' : v.toFixed(2) + '×');
    const clsMax = maxOf(a.cls);
    L.push(`| ${a.name} | **${mp(a.banner)}** | ${mp(a.appear)} | ${mp(a.content)} | ${mp(a.perContent, x)} | ${mp(a.fcp)} | ${mp(a.perFcp, x)} | ${mp(a.tbt)} | ${mp(a.longTasks, (x) => String(Math.round(x)))} | ${clsMax == null ? '–' : clsMax.toFixed(4)} | ${mp(a.script)} | ${mp(a.dcl)} | ${a.leaks === 0 ? 'none' : `**${a.leaks}/${a.n}**`} |`);
  }
  L.push('');
  L.push('## Returning visitor (after Accept all, cookie kept)', '');
  L.push('| Library | First gated tag − DOMContentLoaded | DOMContentLoaded | JS raw | JS gzip | JS br | CSS gzip | Library requests | Script time | TBT | All 3 tags ran | Banner shown | Accept click → all tags ran (first visit) |');
  L.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const a of aggs) {
    L.push(`| ${a.name} | ${mp(a.retFirstTag)} | ${mp(a.retDcl)} | ${kib(a.retJsRaw)} | ${kib(a.retJs)} | ${kib(a.retJsBr)} | ${kib(a.retCss)} | ${a.retLibRequests ?? '–'} | ${mp(a.retScript)} | ${mp(a.retTbt)} | ${a.retAllTags}/${a.nRet} | ${a.retBannerShown}/${a.nRet} | ${mp(a.acceptToTags)} |`);
  }
  L.push('');
  L.push('Files fetched by each library (first visit → returning visit):', '');
  for (const a of aggs) L.push(`- ${a.name}: ${a.files.join(', ') || '–'} → ${a.retFiles.join(', ') || '–'}`);
  L.push('');

  if (ours) {
    L.push('Consentinel per file (raw / gzip / brotli, bytes):', '');
    const fl = (xs) => xs.map((f) => `\`${f.path}\` ${f.raw} / ${f.gzip} / ${f.br}`).join(', ') || '–';
    L.push(`- first visit: ${fl(ours.fileSizes)}`, `- returning visit: ${fl(ours.retFileSizes)}`, '');
    L.push('## Ratios: Consentinel ÷ each library (medians; below 1 means Consentinel is smaller/faster)', '');
    const rows = [
      ['First visit JS+CSS gzip', (a) => a.js + a.css + a.other],
      ['First visit JS+CSS brotli', (a) => a.jsBr + a.cssBr],
      ['First visit library requests', (a) => a.libRequests],
      ['Banner visible', (a) => median(a.banner)],
      ['Page FCP', (a) => median(a.fcp)],
      ['TBT after FCP', (a) => median(a.tbt)],
      ['Script time (first visit)', (a) => median(a.script)],
      ['Returning visit JS gzip', (a) => a.retJs],
      ['Returning visit first tag − DCL', (a) => median(a.retFirstTag)],
      ['Returning visit script time', (a) => median(a.retScript)],
    ];
    L.push(`| Metric | ${others.map((a) => `vs ${a.name}`).join(' | ')} |`);
    L.push(`|---|${others.map(() => '--:').join('|')}|`);
    for (const [label, get] of rows) L.push(`| ${label} | ${others.map((a) => ratio(get(ours), get(a))).join(' | ')} |`);
    L.push('');
  }

  L.push('## Targets (issue 7)', '');
  L.push(...targets(ours, others));
  L.push('');
  const errs = aggs.filter((a) => a.errors.length);
  if (errs.length) {
    L.push('## Problems seen during the run', '');
    for (const a of errs) L.push(`- ${a.name}: ${a.errors.slice(0, 5).join('; ')}`);
    L.push('');
  }
  return L.join('\n');
}

function targets(ours, others) {
  if (!ours) return ['Not evaluated: Consentinel was not measured.'];
  const out = ['| Target | Measured | Result |', '|---|---|---|'];
  const row = (name, measured, pass, miss) => out.push(`| ${name} | ${measured} | ${pass ? 'PASS' : `**MISS**${miss ? ': ' + miss : ''}`} |`);
  const B = (b) => `${b} B (${kib(b)} KiB)`;

  const firstBytes = ours.js + ours.css + ours.other;
  row('First visit JS+CSS ≤ 10 KiB gzip (10240 B)', B(firstBytes), firstBytes <= 10240, `${firstBytes - 10240} B over (${(firstBytes / 10240).toFixed(2)}× the budget)`);

  if (ours.retJs == null) row('Returning visitor JS ≤ 4 KiB gzip (4096 B) and the UI file never fetched', 'no return visit completed', false, 'not measured');
  else {
    const retOk = ours.retJs <= 4096 && ours.retUiFetched === 0;
    row('Returning visitor JS ≤ 4 KiB gzip (4096 B) and the UI file never fetched',
      `${B(ours.retJs)}; UI fetched on ${ours.retUiFetched}/${ours.nRet} return visits`, retOk,
      [ours.retJs > 4096 ? `${ours.retJs - 4096} B over (${(ours.retJs / 4096).toFixed(2)}× the budget)` : '', ours.retUiFetched ? `UI fetched ${ours.retUiFetched}×` : ''].filter(Boolean).join('; '));
  }

  const bOurs = median(ours.banner);
  const fastest = others.map((a) => ({ a, m: median(a.banner) })).filter((x) => x.m != null).sort((x, y) => x.m - y.m)[0];
  const T1 = 'Banner visible ≤ 0.7× the fastest other library';
  if (bOurs == null) row(T1, 'banner never visible', false, 'not measured');
  else if (!fastest) row(T1, `${ms(bOurs)} ms; no other library measured`, false, 'nothing to compare');
  else {
    const lim = 0.7 * fastest.m;
    row(T1, `${ms(bOurs)} ms vs ${fastest.a.name} ${ms(fastest.m)} ms = ${(bOurs / fastest.m).toFixed(2)}× (limit ${ms(lim)} ms)`,
      bOurs <= lim, `${ms(bOurs - lim)} ms over`);
  }
  const T2 = "Banner visible ≤ 1.3× the page's first contentful paint";
  const pc = median(ours.perContent), pf = median(ours.perFcp);
  if (bOurs == null || pc == null) row(T2, 'banner never visible', false, 'not measured');
  else {
    row(T2, `banner ÷ first content frame (same clock): median ${pc.toFixed(2)}×, p90 ${p90(ours.perContent).toFixed(2)}× ` +
      `(page content ${ms(median(ours.content))} ms; banner ÷ FCP entry ${pf.toFixed(2)}×)`, pc <= 1.3,
      `${pc.toFixed(2)}× against a 1.3× limit: the banner shows ${ms(median(ours.banner) - 1.3 * median(ours.content))} ms too late at the median`);
  }
  const tbt = median(ours.tbt);
  row('Total blocking time ≤ 10 ms', `median ${ms(tbt)} ms, p90 ${ms(p90(ours.tbt))} ms`, tbt != null && tbt <= 10, tbt == null ? 'not measured' : `${ms(tbt - 10)} ms over`);
  const cls = maxOf(ours.cls);
  row('Cumulative layout shift 0', `max ${cls == null ? '–' : cls.toFixed(4)} over ${ours.cls.length} visits`, cls === 0, cls == null ? 'not measured' : `CLS ${cls.toFixed(4)}`);
  const ft = median(ours.retFirstTag);
  row('Return visit: first gated tag within 40 ms of DOMContentLoaded', `median ${ms(ft)} ms, p90 ${ms(p90(ours.retFirstTag))} ms after DCL`, ft != null && ft <= 40, ft == null ? 'no tag ran' : `${ms(ft - 40)} ms late`);
  row('No gated tag ran or was requested before consent (first visit)', `${ours.leaks}/${ours.n} visits leaked`, ours.leaks === 0, ours.leakDetail.join(', '));
  return out;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  makePages();
  let libs = LIBS.filter((l) => !ONLY.length || ONLY.includes(l.id));
  if (libs.some((l) => l.id === 'consentinel') && !existsSync(repoRoot + '/dist/consentinel.js')) {
    console.warn('[bench] dist/consentinel.js not found (run `npm run build`): measuring the other libraries only.');
    libs = libs.filter((l) => l.id !== 'consentinel');
  }
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
    const total = RUNS * libs.length;
    if (WARMUP) {
      process.stderr.write('[bench] warm-up round\n');
      for (const lib of libs) await visit(browser, server, lib, userAgent);
    }
    let done = 0;
    for (let run = 0; run < RUNS; run++) {
      // Rotate the order every round so no library always goes first.
      const order = libs.map((_, i) => libs[(i + run) % libs.length]);
      for (const lib of order) {
        const r = await visit(browser, server, lib, userAgent);
        results[lib.id].push(r);
        done++;
        const b = r.first?.bannerAt;
        process.stderr.write(`[bench] ${String(done).padStart(3)}/${total} ${lib.id.padEnd(14)} banner ${ms(b).padStart(5)} ms  fcp ${ms(r.first?.fcp).padStart(5)}  ret tag−dcl ${ms(r.ret?.firstTagAfterDcl).padStart(5)}${r.errors.length ? '  ! ' + r.errors[0] : ''}\n`);
      }
    }
    const aggs = libs.map((l) => aggregate(l, results[l.id]));
    const meta = {
      ...machine(browser.version()),
      runs: RUNS,
      warmup: WARMUP,
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
    writeFileSync(here + '.work/last-run.json', JSON.stringify({ meta, results }, null, 1));
    process.stderr.write(`[bench] wrote bench/results/${meta.date.slice(0, 10)}.md and bench/results/latest.md (${meta.duration})\n`);
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
}

main().catch((e) => { console.error('[bench]', e); process.exit(1); });
