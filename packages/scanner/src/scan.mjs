// The crawl: breadth-first over same-origin links, a few pages at a time, each page visited three
// times (visit.mjs). Returns the raw observations; analyze.mjs turns them into findings.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { declarationsOf, validateConfig } from './declarations.mjs';
import { ScanError } from './errors.mjs';
import { visitPage } from './visit.mjs';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * Pages visited at the same time. A visit mostly waits (for the network to go quiet, for the
 * page's tags), so more than one per core pays: 20 pages took 67–88 s with 2, 52 s with 3 and
 * 50 s with 4 on a busy 2-core machine.
 */
export const DEFAULT_CONCURRENCY = 3;

/** The flags the project runs Chromium with: quiet, no background traffic to Google. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Links to these are files, not pages: never visited. */
const NOT_A_PAGE = /\.(?:pdf|zip|gz|tgz|rar|7z|dmg|exe|msi|jpe?g|png|gif|webp|avif|svg|ico|bmp|mp[34]|m4a|webm|ogg|wav|mov|avi|css|m?js|json|xml|txt|csv|woff2?|ttf|otf|eot)$/i;

/** The canonical form of a crawlable URL: no fragment. */
export function normalizeUrl(href, origin) {
  let url;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.origin !== origin || !/^https?:$/.test(url.protocol)) return null;
  if (NOT_A_PAGE.test(url.pathname)) return null;
  url.hash = '';
  return url.href;
}

/**
 * Find Chromium and start it.
 * @param {{ chromiumPath?: string, chromiumArgs?: string[] }} options
 */
export async function launchChromium({ chromiumPath, chromiumArgs = [] } = {}) {
  const path = chromiumPath || process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  if (!existsSync(path)) {
    throw new ScanError('chromium', `Chromium not found at ${path}. Install it (Debian/Ubuntu: \`apt-get install chromium\`), or point the scanner at a Chromium or Chrome binary with --chromium <path> or CHROMIUM_PATH=<path>.`);
  }
  try {
    // Ctrl+C is the scan's to handle (stop, then write the partial report), not Playwright's.
    return await chromium.launch({ executablePath: path, args: [...CHROMIUM_ARGS, ...chromiumArgs], timeout: 60_000, handleSIGINT: false, handleSIGTERM: false });
  } catch (error) {
    throw new ScanError('chromium', `Chromium at ${path} did not start: ${error.message.split('\n')[0]}. Check that it runs (\`${path} --version\`), or pick another one with --chromium <path>.`);
  }
}

/**
 * Crawl and visit.
 * @param {object} options
 * @param {string} options.url the start page
 * @param {number} [options.pages] at most this many pages (default 20)
 * @param {number} [options.concurrency] pages visited at the same time (default 3)
 * @param {{ raw: object, parsed: object, source: string } | null} [options.config] from --config
 * @param {string} [options.chromiumPath]
 * @param {string[]} [options.chromiumArgs] extra Chromium flags (e.g. --host-resolver-rules=…)
 * @param {object} [options.timeouts] see visit.mjs DEFAULT_TIMEOUTS
 * @param {boolean} [options.screenshots] default true
 * @param {AbortSignal} [options.signal] stops the crawl; what was visited is returned
 * @param {(event: object) => void} [options.onProgress]
 */
export async function crawl(options) {
  const start = parseStart(options.url);
  const limit = options.pages ?? 20;
  const concurrency = Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, limit));
  const onProgress = options.onProgress ?? (() => {});
  const startedAt = new Date();
  const browser = await launchChromium(options);
  const abort = () => browser.close().catch(() => {});
  options.signal?.addEventListener('abort', abort, { once: true });

  const result = {
    startUrl: start.href,
    origin: start.origin,
    startedAt: startedAt.toISOString(),
    finishedAt: null,
    durationMs: 0,
    limit,
    interrupted: false,
    config: options.config ? { source: options.config.source, raw: options.config.raw, error: null } : null,
    pages: [],
    errors: [],
  };
  let parsedConfig = options.config?.parsed ?? null;

  const queue = [{ url: start.href, depth: 0, order: 0 }];
  const seen = new Set([start.href]);
  /** Where visited pages ended up after redirects: /index.html and / are one page. */
  const landedOn = new Set();
  let claimed = 0;
  let discovered = 1;
  let active = 0;
  const inFlight = () => active;

  try {
    // The start page first and alone: an unreachable site fails fast with one clear message,
    // and a config the page points at is read before the other pages are judged.
    const first = await visitOne(browser, queue.shift(), options).catch((error) => {
      if (options.signal?.aborted) return null;
      throw new ScanError('unreachable', `cannot load ${start.href}: ${firstLine(error)}. Is the site running and the address right?`);
    });
    claimed = 1;
    if (first) {
      if (!first.html) throw new ScanError('unreachable', `${start.href} is not an HTML page (status ${first.status}); start the scan at a page of the site`);
      if (first.status >= 400) throw new ScanError('unreachable', `${start.href} answered HTTP ${first.status}; start the scan at a page that loads`);
      if (!options.config && first.configHint) {
        const found = await readPageConfig(browser, first.configHint, options);
        result.config = found.entry;
        parsedConfig = found.parsed;
      }
      addPage(first);
    }

    // A pool of workers over one queue. A worker with nothing to do waits while another is still
    // visiting a page, because that page may add links to the queue.
    const waiting = [];
    const wakeAll = () => waiting.splice(0).forEach((wake) => wake());
    const worker = async () => {
      for (;;) {
        if (options.signal?.aborted || claimed >= limit) return;
        if (!queue.length) {
          if (active === 0) return;
          await new Promise((wake) => waiting.push(wake));
          continue;
        }
        const next = queue.shift();
        claimed++;
        active++;
        onProgress({ type: 'start', url: next.url, done: result.pages.length, limit, queued: queue.length });
        try {
          const page = await visitOne(browser, next, options);
          // A file, a broken link or a redirect to a page already scanned uses up no page budget.
          if (page.status >= 400) {
            claimed--;
            result.errors.push({ url: next.url, message: `answered HTTP ${page.status} (a broken link?)` });
          } else if (!page.html || !addPage(page)) claimed--;
        } catch (error) {
          if (!options.signal?.aborted) {
            result.errors.push({ url: next.url, message: firstLine(error) });
            onProgress({ type: 'error', url: next.url, message: firstLine(error), done: result.pages.length, limit, queued: queue.length });
          }
        } finally {
          active--;
          wakeAll();
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  } catch (error) {
    // Stopping closes the browser under whatever was running: that is the stop, not a failure.
    if (!options.signal?.aborted) throw error;
  } finally {
    options.signal?.removeEventListener('abort', abort);
    await browser.close().catch(() => {});
  }

  result.interrupted = Boolean(options.signal?.aborted);
  result.pages.sort((a, b) => a.depth - b.depth || a.order - b.order);
  result.finishedAt = new Date().toISOString();
  result.durationMs = Date.now() - startedAt.getTime();
  result.declarations = parsedConfig ? declarationsOf(parsedConfig) : null;
  return result;

  function addPage(page) {
    const landed = normalizeUrl(page.finalUrl, start.origin) ?? page.finalUrl;
    if (landedOn.has(landed)) return false;
    landedOn.add(landed);
    result.pages.push(page);
    if (page.finalUrl && new URL(page.finalUrl).origin === start.origin) {
      for (const href of page.links) {
        const url = normalizeUrl(href, start.origin);
        if (url && !seen.has(url)) {
          seen.add(url);
          queue.push({ url, depth: page.depth + 1, order: discovered++ });
        }
      }
    }
    delete page.links;
    // Pages still loading in other workers count as queued: the total does not shrink.
    onProgress({ type: 'page', url: page.url, done: result.pages.length, limit, queued: queue.length + Math.max(0, inFlight() - 1) });
    return true;
  }
}

async function visitOne(browser, item, options) {
  const page = await visitPage(browser, item.url, { timeouts: options.timeouts, screenshot: options.screenshots !== false });
  return { ...page, depth: item.depth, order: item.order };
}

/** Fetch and validate the config the start page points at (through Chromium, like the page). */
async function readPageConfig(browser, hint, options) {
  const entry = { source: `${hint.where} (found on the start page)`, raw: null, error: null };
  let text = hint.inline ?? null;
  if (hint.url) {
    entry.source = `${hint.url} (data-config of the start page)`;
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const response = await page.goto(hint.url, { timeout: options.timeouts?.navigation ?? 30_000 });
      if (!response || !response.ok()) entry.error = `the page's config ${hint.url} answered HTTP ${response?.status() ?? 'nothing'}`;
      else text = await response.text();
    } catch (error) {
      entry.error = `cannot load the page's config ${hint.url}: ${firstLine(error)}`;
    } finally {
      await context.close().catch(() => {});
    }
  }
  if (text == null) return { entry, parsed: null };
  try {
    entry.raw = JSON.parse(text);
  } catch (error) {
    entry.error = `the page's config (${hint.where}) is not JSON: ${error.message}`;
    return { entry, parsed: null };
  }
  try {
    return { entry, parsed: await validateConfig(entry.raw, `the page's config (${hint.where})`) };
  } catch (error) {
    entry.error = error.message;
    return { entry, parsed: null };
  }
}

function parseStart(url) {
  let start;
  try {
    start = new URL(url);
  } catch {
    throw new ScanError('usage', `not a URL: ${url} (write it in full, like https://www.example.com/)`);
  }
  if (!/^https?:$/.test(start.protocol)) throw new ScanError('usage', `only http and https URLs can be scanned, not ${start.protocol}`);
  start.hash = '';
  return start;
}

function firstLine(error) {
  return String(error?.message ?? error).split('\n')[0].replace(/^page\.goto: /, '');
}
