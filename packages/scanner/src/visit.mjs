// One page, three fresh browser contexts: no choice, "Accept all", "Reject all". Each visit waits
// for conditions (load, no request in flight, `consentinel:ready`, gated scripts run), every wait
// bounded by a timeout, and records what a visitor's browser holds afterwards.

/**
 * Runs in every page before its own scripts: notes Consentinel's ready event, and which scripts
 * have finished (a script's load or error event fires after it ran), so a visit can wait until
 * every gated script the choice allows has run instead of guessing a delay.
 */
const RECORDER = () => {
  window.__consentinelScan = { ready: false, state: null, finished: new WeakSet() };
  // The events carry the state, for pages that use the ESM build and set no window.Consentinel.
  document.addEventListener('consentinel:ready', (event) => Object.assign(window.__consentinelScan, { ready: true, state: event.detail ?? null }));
  document.addEventListener('consentinel:change', (event) => { window.__consentinelScan.state = event.detail?.state ?? window.__consentinelScan.state; });
  const finished = (event) => { if (event.target instanceof HTMLScriptElement) window.__consentinelScan.finished.add(event.target); };
  document.addEventListener('load', finished, true);
  document.addEventListener('error', finished, true);
};

/** True once every gated element the stored choice allows has been activated and, for scripts, run. */
const GATE_SETTLED = () => {
  const state = window.Consentinel?.getState?.() ?? window.__consentinelScan?.state;
  if (!state?.granted) return true;
  const allows = (token) => (token.startsWith('!') ? state.decided && !state.granted[token.slice(1)] : Boolean(state.granted[token]));
  for (const element of document.querySelectorAll('[data-consent]')) {
    const tokens = element.getAttribute('data-consent').match(/\S+/g) || [];
    if (!tokens.every(allows)) continue;
    if (element.getAttribute('data-consentinel-state') !== 'done') return false;
    if (element instanceof HTMLScriptElement && element.src && !window.__consentinelScan.finished.has(element)) return false;
  }
  return true;
};

/** Globals by which other consent tools can be recognised (reported by name only). */
const OTHER_TOOLS = {
  Cookiebot: 'Cookiebot',
  OneTrust: 'OneTrust',
  OptanonWrapper: 'OneTrust',
  getCkyConsent: 'CookieYes',
  Didomi: 'Didomi',
  UC_UI: 'Usercentrics',
  klaro: 'Klaro',
  tarteaucitron: 'tarteaucitron',
  CookieConsent: 'CookieConsent (orestbida)',
  cookieconsent: 'Cookie Consent (Osano)',
  Osano: 'Osano',
  orejime: 'Orejime',
  __tcfapi: 'an IAB TCF CMP',
};

/** @typedef {{ navigation: number, idle: number, ready: number, banner: number }} Timeouts */
export const DEFAULT_TIMEOUTS = { navigation: 30_000, idle: 5_000, ready: 10_000, banner: 5_000 };

/**
 * Visit one URL three times.
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {{ timeouts?: Partial<Timeouts>, screenshot?: boolean, viewport?: { width: number, height: number } }} [options]
 */
export async function visitPage(browser, url, options = {}) {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const viewport = options.viewport ?? { width: 1280, height: 800 };
  const first = await visit(browser, url, null, { timeouts, viewport, screenshot: options.screenshot !== false });
  const page = {
    url,
    finalUrl: first.finalUrl,
    status: first.status,
    html: first.html,
    title: first.title,
    links: first.links,
    consentinel: first.consentinel,
    otherTool: first.otherTool,
    configHint: first.configHint,
    screenshot: first.screenshot,
    notes: [...first.notes],
    visits: { none: first.snapshot },
  };
  if (!first.html || first.status >= 400 || !first.consentinel.api) return page;
  for (const [key, choice] of [['accept', 'acceptAll'], ['reject', 'rejectAll']]) {
    const result = await visit(browser, url, choice, { timeouts, viewport, screenshot: false });
    page.visits[key] = result.snapshot;
    page.notes.push(...result.notes);
  }
  return page;
}

async function visit(browser, url, choice, { timeouts, viewport, screenshot }) {
  const context = await browser.newContext({ viewport, ignoreHTTPSErrors: false });
  const notes = [];
  const requests = [];
  let phase = choice ? 'before' : 'after';
  context.on('request', (request) => {
    const requestUrl = request.url();
    if (!/^https?:/.test(requestUrl)) return;
    requests.push({ url: requestUrl, host: new URL(requestUrl).hostname, type: request.resourceType(), phase });
  });
  try {
    await context.addInitScript(RECORDER);
    const page = await context.newPage();
    page.setDefaultTimeout(timeouts.ready);
    const quiet = trackQuiet(page, timeouts);
    const untilReady = (when) => page.waitForFunction(() => window.__consentinelScan?.ready, null, { timeout: timeouts.ready })
      .catch(() => notes.push(`${when}: Consentinel did not send consentinel:ready within ${timeouts.ready} ms`));
    const untilGateSettled = () => page.waitForFunction(GATE_SETTLED, null, { timeout: timeouts.ready })
      .catch(() => notes.push(`gated elements that the choice allows had still not run after ${timeouts.ready} ms`));
    const response = await page.goto(url, { waitUntil: 'load', timeout: timeouts.navigation });
    // Where the HTTP redirects ended, not page.url(): a page may rewrite its address with
    // history.replaceState (Consentinel strips ?ref= that way), and that is still the page asked for.
    const landed = response?.url() ?? page.url();
    const status = response?.status() ?? 0;
    const type = response?.headers()['content-type'] ?? '';
    const html = !response || /html/i.test(type);
    if (!html || status >= 400) return { finalUrl: landed, status, html, links: [], consentinel: { present: false, api: null }, notes, snapshot: null };
    await quiet();
    let facts = await readPage(page);
    if (facts.consentinel.present) await untilReady(choice ? 'before the choice' : 'on the first visit');
    await untilGateSettled();
    await quiet();
    facts = await readPage(page);

    let shot = null;
    if (screenshot) {
      if (facts.consentinel.ready) {
        // The UI is a separate file loaded on demand; wait until its banner (or dialog) is drawn.
        await page.waitForFunction(() => [...document.querySelectorAll('*')].some((element) => {
          const view = element.shadowRoot?.querySelector('[role="region"][data-layout], [role="dialog"]');
          return view && view.getBoundingClientRect().height > 0;
        }), null, { timeout: timeouts.banner }).catch(() => notes.push('Consentinel\'s own banner did not show on the first visit (a custom UI, a privacy signal, or a stored choice)'));
      }
      shot = (await page.screenshot({ type: 'jpeg', quality: 60, timeout: timeouts.navigation })).toString('base64');
    }

    let decision = null;
    if (choice) {
      let navigated = false;
      page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) navigated = true; });
      const how = await page.evaluate((name) => {
        if (typeof window.Consentinel?.[name] === 'function') {
          window.Consentinel[name]();
          return 'api';
        }
        const control = document.querySelector(`[data-consentinel="${name === 'acceptAll' ? 'accept-all' : 'reject-all'}"]`);
        if (control) {
          control.click();
          return 'control';
        }
        return null;
      }, choice);
      // The tags the choice allows run on this page now; a withdrawal reloads it by itself
      // (reloadOnWithdraw). Let either finish before loading the page again.
      await quiet();
      if (navigated) await page.waitForLoadState('load', { timeout: timeouts.navigation }).catch(() => {});
      phase = 'after';
      await page.goto(url, { waitUntil: 'load', timeout: timeouts.navigation });
      await untilReady(`after ${choice}`);
      await untilGateSettled();
      await quiet();
      const state = await page.evaluate(() => {
        try { return window.Consentinel?.getState ? window.Consentinel.getState() : window.__consentinelScan?.state ?? null; } catch { return null; }
      });
      decision = { how, decided: state?.decided ?? null, granted: state?.granted ?? null };
      if (state && !state.decided) notes.push(`after ${choice} and a reload the page reports no stored choice`);
    }

    const snapshot = {
      decision,
      cookies: (await context.cookies()).map((cookie) => ({
        name: cookie.name,
        domain: cookie.domain,
        path: cookie.path,
        expires: cookie.expires,
        httpOnly: cookie.httpOnly,
        secure: cookie.secure,
        sameSite: cookie.sameSite,
      })),
      storage: await readStorage(page),
      requests: requests.filter((request) => request.phase === 'after'),
      gated: await readGated(page),
    };
    return { finalUrl: landed, status, html: true, ...facts, screenshot: shot, notes, snapshot };
  } finally {
    await context.close().catch(() => {});
  }
}

/**
 * A function that resolves once the page has had no request in flight for 500 ms, or after
 * `timeouts.idle` (a page with a long poll or an endless ad rotation still moves on). Unlike
 * Playwright's "networkidle" it can be awaited again after a click or a second navigation.
 */
function trackQuiet(page, timeouts) {
  const inFlight = new Set();
  let lastChange = Date.now();
  page.on('request', (request) => { inFlight.add(request); lastChange = Date.now(); });
  for (const event of ['requestfinished', 'requestfailed']) {
    page.on(event, (request) => { inFlight.delete(request); lastChange = Date.now(); });
  }
  return async () => {
    const end = Date.now() + timeouts.idle;
    while (Date.now() < end) {
      if (inFlight.size === 0 && Date.now() - lastChange >= 500) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
}

function readPage(page) {
  return page.evaluate((tools) => {
    const script = document.querySelector('script[data-config][src*="consentinel"], script[src*="consentinel"][data-config]') || document.querySelector('script[data-config]');
    let configHint = null;
    const attribute = script?.getAttribute('data-config');
    if (attribute?.startsWith('#')) configHint = { inline: document.getElementById(attribute.slice(1))?.textContent ?? null, where: `the element ${attribute}` };
    else if (attribute) configHint = { url: new URL(attribute, document.baseURI).href, where: attribute };
    else {
      const inline = document.querySelector('script[type="application/json"][data-consentinel-config]');
      if (inline) configHint = { inline: inline.textContent, where: 'the inline data-consentinel-config element' };
      else if (window.consentinelConfig) configHint = { inline: JSON.stringify(window.consentinelConfig), where: 'window.consentinelConfig' };
    }
    const ready = Boolean(window.__consentinelScan?.ready);
    const hasGlobal = typeof window.Consentinel?.acceptAll === 'function';
    const hasControls = Boolean(document.querySelector('[data-consentinel="accept-all"]') && document.querySelector('[data-consentinel="reject-all"]'));
    const present = ready || hasGlobal || Boolean(document.querySelector('script[src*="consentinel"]'));
    const otherTool = Object.entries(tools).find(([name]) => name in window)?.[1] ?? null;
    return {
      title: document.title,
      links: [...document.querySelectorAll('a[href], area[href]')].map((link) => link.href),
      consentinel: { present, ready, api: hasGlobal ? 'global' : ready && hasControls ? 'controls' : null },
      otherTool,
      configHint,
    };
  }, OTHER_TOOLS);
}

function readStorage(page) {
  return page.evaluate(() => {
    const keys = [];
    for (const [area, store] of [['local', () => localStorage], ['session', () => sessionStorage]]) {
      try {
        const storage = store();
        for (let index = 0; index < storage.length; index++) keys.push({ area, key: storage.key(index) });
      } catch { /* storage disabled or sandboxed */ }
    }
    return keys;
  });
}

function readGated(page) {
  return page.evaluate(() => [...document.querySelectorAll('[data-consent]')].map((element) => {
    const source = element.getAttribute('src') || element.getAttribute('data-src');
    const text = element.textContent.trim().replace(/\s+/g, ' ');
    return {
      tag: element.tagName.toLowerCase(),
      categories: element.getAttribute('data-consent'),
      label: source || (element.id ? `#${element.id}` : text ? `inline: ${text.slice(0, 60)}` : element.tagName.toLowerCase()),
      ran: element.getAttribute('data-consentinel-state') === 'done',
    };
  }));
}
