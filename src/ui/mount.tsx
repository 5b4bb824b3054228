import { render } from 'preact';
import css from '../../styles/consentinel.css?raw';
import type { Consent } from '../types';
import { configLanguage, isRtl } from '../core/language';
import { loadMessages, type LanguageLoader, type Messages } from './messages';
import { renderApp } from './render-app';
import { CookieDeclarationTables } from './components/CookieTable';

export interface MountOptions {
  /** URL of the directory holding `consentinel.css` (script-tag use, for browsers without constructable stylesheets), ending in "/". */
  base?: string;
  /**
   * The host element. Default: a new `<div id="consentinel" data-consentinel-root>` at the start of
   * `<body>`, so that the banner comes first in the tab order (it is fixed, so its place moves nothing).
   */
  root?: HTMLElement;
  /** Loads a built-in language other than English (ESM: a code-split import; script tag: the core's file loader). Without it, English. */
  loadLanguage?: LanguageLoader;
}

/**
 * Constructable stylesheets pass `style-src 'self'`; an injected <style> does not. Browsers
 * without them (Safari < 16.4) get the stylesheet file by <link> when we know where it is.
 */
function style(shadow: ShadowRoot, base?: string): Node[] {
  if ('adoptedStyleSheets' in shadow) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
    return [];
  }
  return [
    base == null
      ? Object.assign(document.createElement('style'), { textContent: css })
      : Object.assign(document.createElement('link'), { rel: 'stylesheet', href: `${base}consentinel.css` }),
  ];
}

/**
 * The default host: first in <body>, so that the banner comes first in the tab order (it is
 * fixed, so its place in the DOM moves nothing), with a stable, documented id by which scanners
 * and pop-up blockers find it (docs/ui.md).
 */
function newHost(): HTMLElement {
  const host = document.createElement('div');
  host.id = 'consentinel';
  document.body.prepend(host);
  return host;
}

/**
 * Render the banner and the preferences dialog of `consent` in a shadow root (the page's CSS
 * cannot reach in, ours cannot leak out), and the cookie declaration into every
 * `[data-consentinel="cookie-table"]` element of the page. Does nothing outside a browser.
 * @returns unmount: removes everything it rendered.
 * @example const unmount = mountConsentUI(createConsent(config));
 */
export function mountConsentUI(consent: Consent, options: MountOptions = {}): () => void {
  if (typeof document == 'undefined') return () => {};
  const { config } = consent;
  const { base, root } = options;
  const lang = configLanguage(config, document.documentElement.lang, navigator.languages);
  const host = root || newHost();
  Object.assign(host.dataset, { consentinelRoot: '', theme: config.ui.theme });
  host.lang = lang;
  host.dir = isRtl(lang) ? 'rtl' : 'ltr';
  const shadow = host.shadowRoot || host.attachShadow({ mode: 'open' });
  const app = document.createElement('div');
  shadow.replaceChildren(...style(shadow, base), app);
  const tables = new Set<HTMLElement>();
  let live = true;
  let texts: Messages | undefined;
  let stop: (() => void) | undefined;

  // Cookie tables are light DOM: the site's cookie-policy page styles them.
  const fillTables = () => {
    if (!live || !texts) return;
    for (const el of document.querySelectorAll<HTMLElement>('[data-consentinel="cookie-table"]')) {
      if (tables.has(el)) continue;
      tables.add(el);
      // The site's fallback text ("enable JavaScript…") goes: Preact 11 renders beside what is there.
      el.replaceChildren();
      render(<CookieDeclarationTables config={config} messages={texts} />, el);
    }
  };
  const show = (messages: Messages) => {
    if (!live) return;
    texts = messages;
    stop = renderApp(consent, messages, app);
    fillTables();
  };
  // Mounted while the page is still parsing (the banner should not wait): tables come later.
  document.addEventListener('DOMContentLoaded', fillTables);
  const messages = loadMessages(config, lang, options.loadLanguage);
  if (messages instanceof Promise) messages.then(show);
  else show(messages);

  return () => {
    live = false;
    document.removeEventListener('DOMContentLoaded', fillTables);
    stop?.();
    for (const el of tables) render(null, el);
    if (root) shadow.replaceChildren();
    else host.remove();
  };
}
