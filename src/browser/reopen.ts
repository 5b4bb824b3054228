import { configLanguage, isRtl } from '../core/language';
import type { PartFactory } from './part';
import { TOKENS, isDarkNow, token } from './theme';

// Each theme token becomes a local property that falls back to the theme's value, so a site's
// --consentinel-* still wins.
const theme = (dark: boolean) => TOKENS.map(([name]) => `--${name}:${token(name, dark)}`).join(';');

// The dialog's backdrop is one layer above --consentinel-z. The ring in the theme's background
// keeps the edge at 3:1 or more on light and dark pages alike (accent on a light page, ring on a
// dark one, or the reverse in the dark theme). Stepping aside is a fade, not a movement
// (nothing for prefers-reduced-motion to stop).
const BUTTON =
  'position:fixed;z-index:var(--consentinel-z,2147483000);display:flex;margin:0;padding:10px;border:0;' +
  'border-radius:var(--consentinel-radius,50%);cursor:pointer;background:var(--accent);color:var(--accent-fg);' +
  'box-shadow:0 0 0 2px var(--bg),var(--shadow);transition:opacity .2s';

// Like the UI's host: `all: initial !important` outranks the page's rules on the host, even its
// own !important ones; fixed, the host takes no place in the page's layout.
const SHEET =
  `:host{all:initial!important;position:fixed!important;${theme(false)}}` +
  `:host([data-theme=dark]){${theme(true)}}` +
  `@media(prefers-color-scheme:dark){:host([data-theme=auto]){${theme(true)}}}` +
  `button{${BUTTON}}` +
  // Two-tone ring: the focus colour between two bands of the theme's background shows on any page.
  'button:focus-visible{outline:3px solid var(--focus);outline-offset:2px;box-shadow:0 0 0 7px var(--bg),var(--shadow)}';

// A cookie with a bite; the chips are holes (evenodd), so the icon takes the button's colours.
const ICON = 'M12 2a10 10 0 1 0 10 10 4 4 0 0 1-5-5 4 4 0 0 1-5-5zM8 10a1.5 1.5 0 1 0 0 .01zM11 16a1.5 1.5 0 1 0 0 .01zM16 14a1.5 1.5 0 1 0 0 .01z';

/** An SVG element with attributes: built node by node, as no HTML string passes Trusted Types. */
const svg = (name: string, attributes: Record<string, string>) => {
  const el = document.createElementNS('http://www.w3.org/2000/svg', name);
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
  return el;
};

/**
 * The small floating button that reopens the preferences once the visitor has decided, so that
 * withdrawing is as easy as giving. Plain DOM in its own open shadow root (the page's CSS cannot
 * reach it), without Preact: part of the core, so a returning visitor gets it without another
 * request (as a chunk of its own it cost 1.8 KB and a request on every page view; in the core 1.3 KB).
 * Its name is `options.label`, else `translations[<language>].reopen`, else "Cookie settings".
 * It sits in the corner `ui.reopenPosition` names and steps aside (fades out and lets clicks
 * through, still focusable) when it would cover what the visitor came to see: the end of the
 * page beside it, or a focused page element under it. It stays while the dialog is open (under
 * the backdrop), so focus can go back to it when the dialog closes.
 * @example createConsent(config, { parts: [createReopen({ label: 'Privacy choices' })] })
 */
export const createReopen =
  (options: { label?: string } = {}): PartFactory =>
  (consent) => {
    const { config } = consent;
    if (!config.ui.reopenButton) return {};
    // The page's language by the same rule as the UI's; the label comes from the site's
    // translations only (the built-in ones would cost a returning visitor a request).
    const language = configLanguage(config, document.documentElement.lang, navigator.languages);
    const label = options.label || (config.translations[language]?.reopen as string | undefined) || 'Cookie settings';
    const [vertical, side] = config.ui.reopenPosition.split('-');
    const top = vertical == 'top';

    const host = document.createElement('div');
    host.id = 'consentinel-reopen';
    host.setAttribute('data-consentinel-reopen', '');
    host.dataset.theme = config.ui.theme;
    // Its language and direction as the UI's host has them: the corner mirrors with the banner's.
    host.lang = language;
    host.dir = isRtl(language) ? 'rtl' : 'ltr';
    const shadow = host.attachShadow({ mode: 'open' });
    const button = document.createElement('button');
    // A constructable stylesheet passes `style-src 'self'`; a <style> would not. Without one
    // (Safari < 16.4) the same rules go through CSSOM, which such a CSP allows too, in the theme
    // of the moment (no dark-mode switch while the page is open, the browser's own focus ring).
    if ('adoptedStyleSheets' in shadow) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(SHEET);
      shadow.adoptedStyleSheets = [sheet];
    } else {
      button.style.cssText = `${theme(isDarkNow(config.ui.theme, window))};${BUTTON}`;
    }
    // Logical sides: left and right mirror in right-to-left languages.
    button.style.setProperty(vertical, '16px');
    button.style.setProperty(side == 'left' ? 'inset-inline-start' : 'inset-inline-end', '16px');
    button.className = 'consentinel-reopen';
    const icon = svg('svg', { width: '24', height: '24', fill: 'currentColor', 'aria-hidden': 'true' });
    icon.append(svg('path', { 'fill-rule': 'evenodd', d: ICON }));
    button.append(icon);
    button.title = label;
    button.setAttribute('aria-label', label);
    button.onclick = () => consent.showPreferences();
    shadow.append(button);

    let frame = 0;
    const place = () => {
      frame = 0;
      if (!host.isConnected) return;
      const page = document.scrollingElement || document.documentElement;
      const { scrollTop, scrollHeight, clientHeight } = page;
      const box = button.getBoundingClientRect();
      // Content that ends inside the strip of the viewport the button sits in can scroll no
      // further out from under it: near that end of the page, the button makes way. A page that
      // does not scroll keeps it (it would never show).
      const atEnd = scrollHeight > clientHeight && (top ? scrollTop < box.bottom : scrollHeight - clientHeight - scrollTop < clientHeight - box.top);
      // A focused page element is never under it (WCAG 2.4.11); the button itself focused (the
      // focus is inside its shadow root) always shows.
      const focused = document.activeElement;
      const under = focused && focused != document.body && focused.getBoundingClientRect();
      const covers = under && under.width && under.height && under.left < box.right && under.right > box.left && under.top < box.bottom && under.bottom > box.top;
      const aside = focused != host && (atEnd || covers);
      // Invisible and out of the pointer's way, but still in the tab order: Tab brings it back.
      button.style.opacity = aside ? '0' : '';
      button.style.pointerEvents = aside ? 'none' : '';
    };
    // Every listener only asks for one measurement in the next frame.
    const schedule = () => {
      frame ||= requestAnimationFrame(place);
    };
    const listeners: Array<[Window | Document, string]> = [
      [window, 'scroll'],
      [window, 'resize'],
      [document, 'focusin'],
      [document, 'focusout'],
    ];
    for (const [target, type] of listeners) target.addEventListener(type, schedule, { passive: true });

    const sync = () => {
      if (!consent.getState().decided || consent.getView() == 'banner') host.remove();
      else if (!host.isConnected) {
        if (document.body) {
          document.body.append(host);
          schedule();
        } else document.addEventListener('DOMContentLoaded', sync);
      }
    };
    const off = consent.onView(sync);
    return {
      update: sync,
      destroy() {
        off();
        for (const [target, type] of listeners) target.removeEventListener(type, schedule);
        cancelAnimationFrame(frame);
        host.remove();
      },
    };
  };
