import type { Consent } from '../types';
import type { PartFactory } from './part';

const ACTIONS: Record<string, (c: Consent) => void> = {
  preferences: (c) => c.showPreferences(),
  banner: (c) => c.showBanner(),
  'accept-all': (c) => c.acceptAll(),
  'reject-all': (c) => c.rejectAll(),
};

/**
 * Declarative controls: a click on any element with `data-consentinel="preferences"`,
 * `"accept-all"`, `"reject-all"` or `"banner"`, present now or added later (one listener on the
 * document), does that.
 */
export const createControls = (): PartFactory => (consent) => {
  const onClick = (e: Event) => {
    const el = (e.target as Element | null)?.closest?.('[data-consentinel]');
    const action = el && ACTIONS[el.getAttribute('data-consentinel')!];
    if (action) {
      e.preventDefault();
      action(consent);
    }
  };
  document.addEventListener('click', onClick);
  return { destroy: () => document.removeEventListener('click', onClick) };
};
