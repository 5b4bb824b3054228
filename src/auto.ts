/*
 * The script-tag entry: the only module that acts when it is evaluated.
 *   <script src="/consentinel.js" data-config="/consent.json"></script>
 * It reads the config, starts the consent instance (which gates the page at once), exposes
 * `window.Consentinel`, and loads the UI file from its own directory only when something must
 * be shown, so a returning visitor runs nothing but this file.
 */
import type { Consent, ConsentConfig } from './types';
import { createConsent } from './create-consent';
import { createMemoryStore } from './browser/cookie-store';
import { defaultParts } from './browser/default-parts';
import { languageFiles } from './browser/language-files';
import type { LanguageLoader } from './core/language';
import { pageCookies } from './browser/cookie-jar';
import { readSignals } from './browser/read-signals';
import { isBot } from './core/bots';

declare global {
  interface Window {
    Consentinel?: Consent;
    consentinelConfig?: ConsentConfig;
  }
}

type UI = { mount(consent: Consent, options: { base: string; loadLanguage: LanguageLoader }): () => void };

/**
 * The UI module (consentinel-ui.mjs beside this file: the build rewrites this import), fetched
 * once per page. A failed fetch is reported and tried again the next time a view must show.
 */
let ui: Promise<UI> | undefined;
const importUI = () =>
  (ui ||= import('./auto-ui').catch((error) => {
    ui = undefined;
    console.error('[consentinel] could not load consentinel-ui.mjs: it must be next to consentinel.js', error);
    throw error;
  }));

/**
 * Before the config is known: will this visit show the banner? Likely when no consent cookie of
 * the default name is there, no browser signal decides, and the visitor is no crawler. Then the UI
 * is requested at once, in parallel with the config, instead of after it. A wrong guess (a site
 * whose cookie has another name) costs one early request of a file that would be cached.
 */
const likelyFirstVisit = () => {
  const signals = readSignals();
  return !pageCookies().some(([name]) => name == 'consentinel') && !signals.doNotTrack && !signals.globalPrivacyControl && !isBot(navigator.userAgent);
};

/**
 * The element `find()` returns once the parser is past its end tag (its text is complete), or null
 * when the page is parsed without one. A MutationObserver hears of it as soon as the parser
 * inserts what follows, and its callback runs before the parser runs the next script, so an
 * inline config placed after this tag still starts the library (and its Consent Mode default)
 * before any later script of the page.
 */
function whenParsed(find: () => Element | null): Promise<Element | null> {
  // A node after the element (or after one of its ancestors) means the parser has closed it.
  const closed = (el: Node) => {
    for (let node: Node | null = el; node; node = node.parentNode) if (node.nextSibling) return true;
    return false;
  };
  return new Promise((done) => {
    const check = () => {
      const el = find();
      const loading = document.readyState == 'loading';
      if (el && (!loading || closed(el))) finish(el);
      else if (!loading) finish(null);
    };
    const observer = new MutationObserver(check);
    const finish = (el: Element | null) => {
      observer.disconnect();
      document.removeEventListener('DOMContentLoaded', check);
      done(el);
    };
    observer.observe(document, { childList: true, subtree: true });
    document.addEventListener('DOMContentLoaded', check);
    check();
  });
}

const INLINE_CONFIG = 'script[type="application/json"][data-consentinel-config]';

/** Where the config comes from: data-config (URL or #id), an inline block, a global, or defaults. */
async function readConfig(script: HTMLScriptElement | null): Promise<ConsentConfig | undefined> {
  const ref = script?.getAttribute('data-config');
  if (ref && ref[0] != '#') {
    const res = await fetch(ref, { credentials: 'same-origin' });
    if (!res.ok) throw new TypeError(`[consentinel] data-config: ${ref} answered ${res.status}`);
    return res.json();
  }
  if (!ref && window.consentinelConfig && !document.querySelector(INLINE_CONFIG)) return window.consentinelConfig;
  const el = await whenParsed(() => (ref ? document.getElementById(ref.slice(1)) : document.querySelector(INLINE_CONFIG)));
  if (ref && !el) throw new TypeError(`[consentinel] data-config: no element ${ref}`);
  // Only a JSON script block can be the config: an element in user content (a comment, a
  // profile) that happens to carry the id must not become it.
  if (el && !el.matches('script[type="application/json"]')) {
    throw new TypeError(`[consentinel] data-config: ${ref} must be a <script type="application/json"> element, not <${el.tagName.toLowerCase()}>`);
  }
  return el ? JSON.parse(el.textContent || '{}') : window.consentinelConfig;
}

/** A broken config is reported, and the API stays callable but grants nothing, stores nothing, shows nothing. */
function fail(e: unknown) {
  console.error(e instanceof Error && e.message.startsWith('[consentinel]') ? e.message : `[consentinel] could not start: ${e}`);
  // The bot user agent keeps the view closed: there is nothing to ask about.
  window.Consentinel = createConsent({ categories: { necessary: { required: true } } }, { parts: [], store: createMemoryStore(), userAgent: 'bot' });
}

function start(config: ConsentConfig | undefined, base: string) {
  // One loader of the built-in languages for the placeholders and the UI: each file once per page.
  const loadLanguage = languageFiles(base);
  let consent: Consent;
  try {
    // The on-demand chunks are ES modules next to this file (browser/chunks.ts).
    consent = createConsent(config, { parts: defaultParts({ loadLanguage }) });
  } catch (e) {
    return fail(e);
  }
  window.Consentinel = consent;
  let unmount: (() => void) | undefined;
  // The UI is requested as soon as a view is needed (not at DOMContentLoaded: that costs the
  // banner hundreds of milliseconds) and mounted once <body> exists. A dynamic import runs
  // under this script's nonce.
  const loadUI = () =>
    importUI().then((module) => {
      const mount = (): unknown => (document.body ? (unmount ||= module.mount(consent, { base, loadLanguage })) : document.addEventListener('DOMContentLoaded', mount));
      mount();
    }, () => {});
  consent.onView((view) => view && loadUI());
  if (consent.getView()) loadUI();
  // A cookie table in the page (a cookie policy) needs the UI too, once the page is parsed.
  const findTable = () => document.querySelector('[data-consentinel="cookie-table"]') && loadUI();
  if (document.readyState == 'loading') document.addEventListener('DOMContentLoaded', findTable);
  else findTable();
}

// Imported in Node (SSR, a test runner), the file does nothing: there is no page to start on.
if (typeof document != 'undefined') {
  // document.currentScript is only set while this file is being evaluated, so read it now.
  const script = document.currentScript as HTMLScriptElement | null;
  // The directory of this file, where the UI, the chunks and the translations are (the page's
  // own directory when the script is inlined).
  const base = script?.src ? script.src.replace(/[^/?#]*([?#].*)?$/, '') : './';
  if (likelyFirstVisit()) importUI().catch(() => {});
  readConfig(script).then((config) => start(config, base), fail);
}
