import { resolveLanguage } from '../core/language';
import type { PartFactory } from './part';

// Below the UI's layer (--consentinel-z), so the dialog's backdrop covers it.
const CSS =
  ':host{all:initial!important}button{all:initial;position:fixed;z-index:calc(var(--consentinel-z,2147483000) - 1);bottom:16px;inset-inline-start:16px;' +
  'display:grid;place-items:center;width:44px;height:44px;border-radius:50%;cursor:pointer;' +
  'background:var(--consentinel-accent,#0b57d0);color:var(--consentinel-accent-fg,#fff);box-shadow:0 2px 8px #0006}' +
  ':focus-visible{outline:3px solid var(--consentinel-focus,#0b57d0);outline-offset:2px}svg{width:24px;fill:currentColor}';

// A cookie with a bite; the chips are holes (evenodd), so the icon takes the button's colours.
const ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path fill-rule="evenodd" d="M12 2a10 10 0 1 0 10 10 4 4 0 0 1-5-5 4 4 0 0 1-5-5zM8 10a1.5 1.5 0 1 0 0 .01zM11 16a1.5 1.5 0 1 0 0 .01zM16 14a1.5 1.5 0 1 0 0 .01z"/></svg>';

/**
 * The small floating button that reopens the preferences once the visitor has decided, so that
 * withdrawing is as easy as giving. Plain DOM in its own shadow root: it belongs to the core, so a
 * returning visitor gets it without loading the UI file. Its name is `options.label`, else
 * `translations[<language>].reopen`, else "Cookie settings". It stays while the dialog is open
 * (under the backdrop), so focus can go back to it when the dialog closes.
 * @example createConsent(config, { parts: [...defaultParts(), createReopen()] })
 */
export const createReopen =
  (options: { label?: string } = {}): PartFactory =>
  (consent) => {
    const { config } = consent;
    if (!config.ui.reopenButton) return {};
    const t = config.translations;
    const lang = resolveLanguage(config.language, document.documentElement.lang, navigator.languages, Object.keys(t));
    const label = options.label || ((t[lang] || {}).reopen as string) || 'Cookie settings';

    const host = document.createElement('div');
    host.setAttribute('data-consentinel-reopen', '');
    const shadow = host.attachShadow({ mode: 'open' });
    // Constructable stylesheets pass `style-src 'self'`; the <style> is for browsers without them.
    const adopt = 'adoptedStyleSheets' in shadow;
    // Constant markup only: the label goes in through setAttribute, never as HTML.
    shadow.innerHTML = (adopt ? '' : `<style>${CSS}</style>`) + `<button>${ICON}</button>`;
    if (adopt) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      shadow.adoptedStyleSheets = [sheet];
    }
    const button = shadow.lastChild as HTMLButtonElement;
    button.title = label;
    button.setAttribute('aria-label', label);
    button.onclick = () => consent.showPreferences();

    const sync = () => {
      if (!consent.getState().decided || consent.getView() == 'banner') host.remove();
      else if (!host.isConnected) {
        if (document.body) document.body.append(host);
        else document.addEventListener('DOMContentLoaded', sync);
      }
    };
    const off = consent.onView(sync);
    return {
      update: sync,
      destroy() {
        off();
        host.remove();
      },
    };
  };
