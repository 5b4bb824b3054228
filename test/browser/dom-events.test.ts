// src/browser/dom-events.ts: consentinel:ready and consentinel:change on document (SPEC §5).
import { afterEach, describe, expect, it } from 'vitest';
import { createConsent } from '../../src/create-consent';
import type { Consent, ConsentConfig } from '../../src/types';

let instances: Consent[] = [];
const cleanups: Array<() => void> = [];
const make = (config: ConsentConfig = {}) => {
  const c = createConsent(config);
  instances.push(c);
  return c;
};
const listen = (type: string) => {
  const events: CustomEvent[] = [];
  const fn = (e: Event) => events.push(e as CustomEvent);
  document.addEventListener(type, fn);
  cleanups.push(() => document.removeEventListener(type, fn));
  return events;
};

afterEach(() => {
  for (const c of instances) c.destroy();
  instances = [];
  while (cleanups.length) cleanups.pop()!();
  for (const c of document.cookie.split('; ')) if (c) document.cookie = `${c.split('=')[0]}=; path=/; max-age=0`;
  document.body.innerHTML = '';
});

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
