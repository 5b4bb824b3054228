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
import { trusted } from './browser/trusted';

declare global {
  interface Window {
    Consentinel?: Consent;
    consentinelConfig?: ConsentConfig;
    ConsentinelUI?: { mount(consent: Consent, options: { base: string }): () => void };
  }
}

// document.currentScript is only set while this file is being evaluated, so read it now.
const script = document.currentScript as HTMLScriptElement | null;
// The directory of this file, where the UI, the chunks and the translations are (the page's own
// directory when the script is inlined).
const base = script?.src ? script.src.replace(/[^/?#]*([?#].*)?$/, '') : './';

/** A tag in <head> runs before <body> is parsed: an inline config there is found once it is. */
const parsed = () =>
  new Promise<void>((done) => (document.readyState === 'loading' ? document.addEventListener('DOMContentLoaded', () => done()) : done()));

/** Where the config comes from: data-config (URL or #id), an inline block, a global, or defaults. */
async function readConfig(): Promise<ConsentConfig | undefined> {
  const ref = script?.getAttribute('data-config');
  if (ref && ref[0] != '#') {
    const res = await fetch(ref, { credentials: 'same-origin' });
    if (!res.ok) throw new TypeError(`[consentinel] data-config: ${ref} answered ${res.status}`);
    return res.json();
  }
  const find = () => (ref ? document.getElementById(ref.slice(1)) : document.querySelector('script[type="application/json"][data-consentinel-config]'));
  if (!find() && (ref || !window.consentinelConfig)) await parsed();
  const el = find();
  if (el) return JSON.parse(el.textContent || '{}');
  if (ref) throw new TypeError(`[consentinel] data-config: no element ${ref}`);
  return window.consentinelConfig;
}

/** A broken config is reported, and the API stays callable but grants nothing, stores nothing, shows nothing. */
function fail(e: unknown) {
  console.error(e instanceof Error && e.message.startsWith('[consentinel]') ? e.message : `[consentinel] could not start: ${e}`);
  // The bot user agent keeps the view closed: there is nothing to ask about.
  window.Consentinel = createConsent({ categories: { necessary: { required: true } } }, { parts: [], store: createMemoryStore(), userAgent: 'bot' });
}

function start(config: ConsentConfig | undefined) {
  let consent: Consent;
  try {
    consent = createConsent(config, {
      // Chunks are ES modules next to this file; a dynamic import from a classic script
      // inherits its nonce, so this works under a nonce-based CSP too.
      parts: defaultParts({ i18nBase: base, load: (name) => import(`${base}consentinel-${name}.mjs`).then((m) => m.default) }),
    });
  } catch (e) {
    return fail(e);
  }
  window.Consentinel = consent;
  let unmount: (() => void) | undefined;
  // The UI is requested as soon as a view is needed (not at DOMContentLoaded: that costs the
  // banner hundreds of milliseconds) and mounted once <body> exists.
  const mount = (): unknown =>
    document.body ? (unmount ||= window.ConsentinelUI?.mount(consent, { base })) : document.addEventListener('DOMContentLoaded', mount);
  const loadUI = () => {
    if (window.ConsentinelUI) mount();
    else if (!document.querySelector('script[data-consentinel-ui]')) {
      const el = document.createElement('script');
      el.src = trusted().createScriptURL(`${base}consentinel-ui.js`);
      el.setAttribute('data-consentinel-ui', '');
      el.nonce = script?.nonce || '';
      el.onload = mount;
    el.onerror = () => console.error(`[consentinel] could not load ${el.src}: it must be next to consentinel.js`);
      document.head.append(el);
    }
  };
  consent.onView((view) => view && loadUI());
  if (consent.getView()) loadUI();
  // A cookie table in the page (a cookie policy) needs the UI too, once the page is parsed.
  parsed().then(() => document.querySelector('[data-consentinel="cookie-table"]') && loadUI());
}

readConfig().then(start, fail);
