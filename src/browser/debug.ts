import Cookies from 'js-cookie';
import { declared, eachStorageKey } from './cleaner';
import { LOG_QUEUE_KEY } from './log-queue';
import type { PartFactory } from './part';

/**
 * The site owner's leak detector, on with `debug: true` or `?consentinel-debug` in the URL.
 * When the page has loaded and the visitor had not decided at start, warns about each cookie
 * and storage key that no category declares; always warns about gated markup that can never
 * run (an unknown category) or that does not wait (a script without `type="text/plain"`, a
 * `src` instead of `data-src`).
 * @example createConsent({ debug: true }, { parts: [createGate(), createDebug()] })
 */
export function createDebug(): PartFactory {
  return ({ config }) => ({
    update(state, _changes, source) {
      if (source != 'init' || !(config.debug || new URLSearchParams(location.search).has('consentinel-debug'))) return;
      const warn = (...what: unknown[]) => console.warn('[consentinel]', ...what);
      const [cookie, key] = declared(config.order.map((id) => config.categories[id]!));
      const undeclared = ' is set before any decision and no category declares it';
      const report = () => {
        if (!state.decided) {
          for (const name of Object.keys(Cookies.get()))
            if (name != config.cookie.name && !cookie(name)) warn(`cookie "${name}"${undeclared}`);
          // The consent log's own queue (a withdrawal not yet sent) is the library's, like its cookie.
          eachStorageKey((_, k, kind) => key(k) || k == LOG_QUEUE_KEY || warn(`${kind} key "${k}"${undeclared}`));
        }
        for (const el of Array.from(document.querySelectorAll('[data-consent]:not([data-consentinel-state])'))) {
          for (const t of el.getAttribute('data-consent')!.split(/\s+/))
            if (t && !config.order.includes(t.replace(/^!/, ''))) warn(`data-consent names an unknown category "${t}"`, el);
          if (el.localName == 'script' ? (el as HTMLScriptElement).type != 'text/plain' : el.hasAttribute('src'))
            warn('this element loads without waiting for consent (use type="text/plain" on scripts, data-src elsewhere)', el);
        }
      };
      if (document.readyState == 'complete') report();
      else addEventListener('load', report);
    },
  });
}
