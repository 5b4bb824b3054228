import { render } from 'preact';
import css from '../../styles/banner.css?raw';
import type { Consent, MessagesOverride } from '../types';
import { configLanguage, isRtl } from '../core/language';
import { bannerMessages, loadTranslation, type LanguageLoader } from './messages';
import { renderApp } from './render-app';
import { loadSecondLayer, type DialogLayer } from './second-layer';

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
 * The shadow root's stylesheets: the banner's now, the dialog's when the second layer arrives.
 * Constructable stylesheets pass `style-src 'self'`; an injected <style> does not. Browsers
 * without them (Safari < 16.4) get the whole stylesheet file by <link> when we know where it is
 * (script tag), else a <style> per layer (a bundler's page, whose CSP allows it or has none).
 * @returns the nodes to put in the shadow root, and `add(css)` for the second layer's rules.
 */
function styles(shadow: ShadowRoot, base?: string): { nodes: Node[]; add(css: string): void } {
  if ('adoptedStyleSheets' in ShadowRoot.prototype) {
    const sheet = (text: string) => {
      const s = new CSSStyleSheet();
      s.replaceSync(text);
      return s;
    };
    shadow.adoptedStyleSheets = [sheet(css)];
    return { nodes: [], add: (text) => (shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet(text)]) };
  }
  const style = (text: string) => Object.assign(document.createElement('style'), { textContent: text });
  if (base != null) return { nodes: [Object.assign(document.createElement('link'), { rel: 'stylesheet', href: `${base}consentinel.css` })], add: () => {} };
  return { nodes: [style(css)], add: (text) => shadow.append(style(text)) };
}

/**
 * The default host: first in <body>, so that the banner comes first in the tab order (it is
 * fixed, so its place in the DOM moves nothing), with a stable, documented id by which scanners
 * and pop-up blockers find it (README, "Names for privacy tools").
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
 * `[data-consentinel="cookie-table"]` element of the page. The banner comes with this module;
 * the dialog and the cookie tables are a second layer fetched at idle or when needed
 * (second-layer.ts). Does nothing outside a browser.
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
  const sheets = styles(shadow, base);
  shadow.replaceChildren(...sheets.nodes, app);
  const tables = new Set<HTMLElement>();
  let live = true;
  let stop: (() => void) | undefined;

  // The built-in language file, loaded once for both layers (a failure is reported once).
  const translation = loadTranslation(lang, options.loadLanguage);
  // The second layer with its rules in the shadow root (the dialog is never drawn unstyled) and
  // every text.
  let secondLayer: Promise<DialogLayer> | undefined;
  const loadDialog = () =>
    (secondLayer ||= loadSecondLayer().then(
      async (layer) => {
        const messages = layer.allMessages(config, lang, await translation);
        sheets.add(layer.css);
        return { layer, messages };
      },
      (error) => {
        secondLayer = undefined;
        console.error('[consentinel] could not load the preferences dialog', error);
        throw error;
      },
    ));

  // Cookie tables are light DOM: the site's cookie-policy page styles them.
  const fillTables = () => {
    const found = [...document.querySelectorAll<HTMLElement>('[data-consentinel="cookie-table"]')].filter((el) => !tables.has(el));
    if (!live || !found.length) return;
    loadDialog().then(({ layer: { CookieDeclarationTables }, messages }) => {
      if (!live) return;
      for (const el of found) {
        if (tables.has(el)) continue;
        tables.add(el);
        // The site's fallback text ("enable JavaScript…") goes: Preact 11 renders beside what is there.
        el.replaceChildren();
        render(<CookieDeclarationTables config={config} messages={messages} />, el);
      }
    }, () => {});
  };
  const show = (loaded?: MessagesOverride) => {
    if (!live) return;
    stop = renderApp(consent, bannerMessages(config, lang, loaded), app, loadDialog);
    fillTables();
  };
  // Mounted while the page is still parsing (the banner should not wait): tables come later.
  document.addEventListener('DOMContentLoaded', fillTables);
  if (translation instanceof Promise) translation.then(show);
  else show(translation);

  return () => {
    live = false;
    document.removeEventListener('DOMContentLoaded', fillTables);
    stop?.();
    for (const el of tables) render(null, el);
    if (root) shadow.replaceChildren();
    else host.remove();
  };
}
