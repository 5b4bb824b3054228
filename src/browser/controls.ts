import type { PartFactory } from './part';

// A Map, not an object literal: "constructor" or "valueOf" in the markup must not find a method.
const ACTIONS = new Map<string | null, 'showPreferences' | 'showBanner' | 'acceptAll' | 'rejectAll'>([
  ['preferences', 'showPreferences'],
  ['banner', 'showBanner'],
  ['accept-all', 'acceptAll'],
  ['reject-all', 'rejectAll'],
]);

/**
 * Declarative controls: a click on any element with `data-consentinel="preferences"`,
 * `"accept-all"`, `"reject-all"` or `"banner"`, present now or added later (one listener on the
 * document), does that. User content that a sanitizer let through with its data-* attributes
 * must not turn a click into a logged "accept all": controls inside `[data-consentinel-ignore]`
 * never act, and `config.controls: "no-accept-all"` ignores every accept-all control.
 */
export const createControls = (): PartFactory => (consent) => {
  const onClick = (e: Event) => {
    const el = (e.target as Element | null)?.closest?.('[data-consentinel]');
    if (!el || el.closest('[data-consentinel-ignore]')) return;
    const action = ACTIONS.get(el.getAttribute('data-consentinel'));
    if (action == 'acceptAll' && consent.config.controls == 'no-accept-all') {
      console.warn('[consentinel] a data-consentinel="accept-all" control was ignored (config.controls is "no-accept-all")');
    } else if (action) {
      e.preventDefault();
      consent[action]();
    }
  };
  document.addEventListener('click', onClick);
  return { destroy: () => document.removeEventListener('click', onClick) };
};
