import type { PartFactory } from './part';

// Set through CSSOM, which `style-src 'self'` allows (unlike a style attribute or a <style>), so
// the button needs no stylesheet. The UI's backdrop sits one layer above --consentinel-z.
const STYLE =
  'position:fixed;z-index:var(--consentinel-z,2147483000);bottom:16px;inset-inline-start:16px;display:flex;' +
  'padding:10px;border:0;border-radius:50%;cursor:pointer;box-shadow:0 2px 8px #0006;' +
  'background:var(--consentinel-accent,#0b57d0);color:var(--consentinel-accent-fg,#fff)';

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
 * withdrawing is as easy as giving. Plain DOM in its own shadow root (the page's CSS cannot reach
 * it): it belongs to the core, so a returning visitor gets it without loading the UI file. Its name
 * is `options.label`, else `translations[<language>].reopen`, else "Cookie settings". It stays
 * while the dialog is open (under the backdrop), so focus can go back to it when the dialog closes.
 * @example createConsent(config, { parts: [...defaultParts(), createReopen()] })
 */
export const createReopen =
  (options: { label?: string } = {}): PartFactory =>
  (consent) => {
    const { config } = consent;
    if (!config.ui.reopenButton) return {};
    // The configured language, else <html lang> ("et-EE", then "et"). Not core/language's full
    // resolution: that would add bytes every returning visitor pays for one label.
    const t = config.translations;
    const html = document.documentElement.lang;
    const label = options.label || ((t[config.language] || t[html] || t[html.split('-')[0]] || {}).reopen as string) || 'Cookie settings';

    const host = document.createElement('div');
    host.setAttribute('data-consentinel-reopen', '');
    const button = document.createElement('button');
    button.style.cssText = STYLE;
    const icon = svg('svg', { width: '24', height: '24', fill: 'currentColor', 'aria-hidden': 'true' });
    icon.append(svg('path', { 'fill-rule': 'evenodd', d: ICON }));
    button.append(icon);
    button.title = label;
    button.setAttribute('aria-label', label);
    button.onclick = () => consent.showPreferences();
    host.attachShadow({ mode: 'open' }).append(button);

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
