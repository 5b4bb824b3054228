import type { Consent } from '../types';
import type { PartFactory } from './part';

// A Map, not an object literal: "constructor" or "valueOf" in the markup must not find a method.
const ACTIONS = new Map<string | null, (c: Consent) => void>(Object.entries({
  preferences: (c: Consent) => c.showPreferences(),
  banner: (c: Consent) => c.showBanner(),
  'accept-all': (c: Consent) => c.acceptAll(),
  'reject-all': (c: Consent) => c.rejectAll(),
}));

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
      action(consent);
    }
  };
  document.addEventListener('click', onClick);
  return { destroy: () => document.removeEventListener('click', onClick) };
};
