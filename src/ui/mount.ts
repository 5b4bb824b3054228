import { render } from 'preact';
import css from '../../styles/consentinel.css?raw';
import type { Consent } from '../types';
import { configLanguage, isRtl } from '../core/language';
import { loadMessages, type LanguageLoader, type Messages } from './messages';
import { renderApp } from './render-app';
import { cookieDeclaration } from './cookie-table';

export interface MountOptions {
  /** URL of the directory holding `consentinel.css` (script-tag use, for browsers without constructable stylesheets), ending in "/". */
  base?: string;
  /** The host element. Default: a new `<div data-consentinel-root>` at the end of `<body>`. */
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
  const host = root || document.body.appendChild(document.createElement('div'));
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
      render(cookieDeclaration(config, texts), el);
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
