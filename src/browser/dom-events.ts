import type { PartFactory } from './part';

/** `consentinel:ready` once started and `consentinel:change` on every change, on `document`. */
export const createDomEvents = (): PartFactory => () => ({
  update(state, changes, source) {
    const ready = source === 'init';
    document.dispatchEvent(new CustomEvent(ready ? 'consentinel:ready' : 'consentinel:change', { detail: ready ? state : { state, changes } }));
  },
});
