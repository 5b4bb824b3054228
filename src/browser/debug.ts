import Cookies from 'js-cookie';
import { declared, eachStorageKey } from './leftovers';
import { FETCHING } from './gate';
import type { PartFactory } from './part';

/** Attributes that fetch (or run a document) as soon as an element has them: the gated ones, and <object data>. */
const FETCHES = [...FETCHING, 'data'];

/**
 * The site owner's leak detector, on with `debug: true` or `?consentinel-debug` in the URL.
 * When the page has loaded and the visitor had not decided at start, warns about each cookie
 * and storage key that no category declares; always warns about gated markup that can never
 * run (an unknown category) or that does not wait (a script without `type="text/plain"`, an
 * element or its `<source>` carrying `src`, `srcset`, `poster`, `href`, `srcdoc` or `data` itself
 * instead of the `data-` form).
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
          // Keys under consentinel: are the library's own, like its cookie (the consent log's queue).
          eachStorageKey((_, k, kind) => key(k) || k.startsWith('consentinel:') || warn(`${kind} key "${k}"${undeclared}`));
        }
        for (const el of Array.from(document.querySelectorAll('[data-consent]:not([data-consentinel-state])'))) {
          for (const t of el.getAttribute('data-consent')!.split(/\s+/))
            if (t && !config.order.includes(t.replace(/^!/, ''))) warn(`data-consent names an unknown category "${t}"`, el);
          if (el.localName == 'script') {
            if ((el as HTMLScriptElement).type != 'text/plain') warn('this script runs without waiting for consent (use type="text/plain")', el);
          } else
            for (const e of [el, ...el.querySelectorAll('source')]) {
              const name = FETCHES.find((a) => e.hasAttribute(a));
              // The gate empties a blocked iframe's srcdoc (srcdoc=""), so this is seen after that too.
              if (name)
                warn(
                  `this element fetches without waiting for consent: it has ${name}= (${name == 'data' ? 'put it in a <template data-consent>' : `use data-${name}=`})`,
                  e,
                );
            }
        }
      };
      if (document.readyState == 'complete') report();
      else addEventListener('load', report);
    },
  });
}
