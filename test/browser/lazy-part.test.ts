import { describe, expect, it, vi } from 'vitest';
import { lazyPart } from '../../src/browser/lazy-part';
import type { PartFactory } from '../../src/browser/part';
import type { Changes, Consent, ConsentState } from '../../src/types';

const state = {} as ConsentState;
const changes: Changes = { granted: [], revoked: ['analytics'] };
const consent = {} as Consent;
const flush = () => new Promise((r) => setTimeout(r));

describe('lazyPart', () => {
  it('loads nothing until needed, then replays every update in order', async () => {
    const seen: string[] = [];
    const load = vi.fn(async (): Promise<PartFactory> => () => ({ update: (_s, _c, source) => void seen.push(source) }));
    const part = lazyPart(load, (_c, _s, _ch, source) => source !== 'init')(consent);
    part.update!(state, changes, 'init');
    expect(load).not.toHaveBeenCalled();
    part.update!(state, changes, 'user');
    part.update!(state, changes, 'sync');
    await flush();
    expect(load).toHaveBeenCalledTimes(1);
    expect(seen).toEqual(['user', 'sync']);
  });

  it('a failed load is reported, and tried again on the next update', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const seen: string[] = [];
    let fail = true;
    const load = vi.fn(async (): Promise<PartFactory> => {
      if (fail) throw new Error('offline');
      return () => ({ update: (_s, _c, source) => void seen.push(source) });
    });
    const part = lazyPart(load, () => true)(consent);
    part.update!(state, changes, 'user');
    await flush();
    expect(error.mock.calls[0]![0]).toMatch(/^\[consentinel\] /);
    fail = false;
    part.update!(state, changes, 'sync');
    await flush();
    expect(load).toHaveBeenCalledTimes(2);
    expect(seen).toEqual(['sync']);
  });

  it('adds each load to `busy`, so a reload can wait for the consent log', async () => {
    const busy: Promise<unknown>[] = [];
    let sent = false;
    const part = lazyPart(async () => () => ({ update: () => void (sent = true) }), () => true, busy)(consent);
    part.update!(state, changes, 'user');
    expect(busy).toHaveLength(1);
    await Promise.allSettled(busy);
    expect(sent).toBe(true);
  });
});
