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
 * document), does that.
 */
export const createControls = (): PartFactory => (consent) => {
  const onClick = (e: Event) => {
    const el = (e.target as Element | null)?.closest?.('[data-consentinel]');
    const action = el && ACTIONS.get(el.getAttribute('data-consentinel'));
    if (action) {
      e.preventDefault();
      consent[action]();
    }
  };
  document.addEventListener('click', onClick);
  return { destroy: () => document.removeEventListener('click', onClick) };
};
