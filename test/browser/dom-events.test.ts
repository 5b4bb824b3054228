// src/browser/dom-events.ts: consentinel:ready and consentinel:change on document (SPEC §5).
import { describe, expect, it } from 'vitest';
import { useInstances } from './instances';

const { make, listen } = useInstances();

describe('DOM events', () => {
  it('consentinel:ready once at start with the state as detail, after createConsent returned', async () => {
    const ready = listen('consentinel:ready');
    const c = make();
    expect(ready).toHaveLength(0);
    await Promise.resolve();
    expect(ready).toHaveLength(1);
    expect(ready[0]!.detail).toBe(c.getState());
    c.acceptAll();
    expect(ready).toHaveLength(1);
  });

  it('consentinel:change on every change with { state, changes }', () => {
    const change = listen('consentinel:change');
    const c = make();
    expect(change).toHaveLength(0);
    c.save({ analytics: true });
    expect(change[0]!.detail).toEqual({ state: c.getState(), changes: { granted: ['analytics'], revoked: [] } });
    c.reset();
    expect(change[1]!.detail).toEqual({ state: c.getState(), changes: { granted: [], revoked: ['analytics'] } });
  });
});
