import type { PartFactory } from './part';

/** `consentinel:ready` once started and `consentinel:change` on every change, on `document`. */
export const createDomEvents = (): PartFactory => () => ({
  update(state, changes, source) {
    const fire = (name: string, detail: unknown) => document.dispatchEvent(new CustomEvent(name, { detail }));
    // Ready waits a microtask, so that listeners can already use the instance (window.Consentinel
    // is assigned when createConsent returns).
    if (source === 'init') queueMicrotask(() => fire('consentinel:ready', state));
    else fire('consentinel:change', { state, changes });
  },
});
