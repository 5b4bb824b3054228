import { beforeEach, describe, expect, it, vi } from 'vitest';
import { RECORD, useInstances } from './browser/instances';
import { createConsent } from '../src/create-consent';
import { createMemoryStore } from '../src/browser/cookie-store';
import type { PartFactory, Source } from '../src/browser/part';
import type { Changes, ConsentState } from '../src/types';

const ID = /^[0-9a-f]{32}$/;
const ALL = ['necessary', 'analytics', 'affiliate', 'advertising'];

/** An in-memory BroadcastChannel: messages reach the other channels of the same name, asynchronously. */
function fakeBroadcastChannel() {
  const open = new Set<FakeChannel>();
  class FakeChannel {
    onmessage: ((e: MessageEvent) => void) | null = null;
    constructor(readonly name: string) {
      open.add(this);
    }
    postMessage(data: unknown) {
      for (const other of open) {
        if (other !== this && other.name === this.name) queueMicrotask(() => open.has(other) && other.onmessage?.({ data } as MessageEvent));
      }
    }
    close() {
      open.delete(this);
    }
  }
  return { FakeChannel, open };
}

let channels: ReturnType<typeof fakeBroadcastChannel>;
const { make, cookies, setNavigator, onCleanup } = useInstances();
const flush = () => new Promise((r) => setTimeout(r, 0));
const validRecord = (over: { granted?: string; method?: string; updated?: number; revision?: number } = {}) => {
  const now = Math.floor(Date.now() / 1000);
  return `1.0123456789abcdef0123456789abcdef.${now - 100}.${over.updated ?? now - 50}.${over.revision ?? 0}.${over.method ?? 'custom'}.${over.granted ?? 'necessary+analytics'}`;
};
const jsdomInstance = () => (globalThis as unknown as { jsdom: { reconfigure(o: { url: string }): void } }).jsdom;

beforeEach(() => {
  channels = fakeBroadcastChannel();
  vi.stubGlobal('BroadcastChannel', channels.FakeChannel);
});

describe('the consent cookie', () => {
  it('is written on a decision in the documented format, and read back by the next page', () => {
    const now = Date.UTC(2026, 4, 1, 10, 0, 0, 700);
    const c = make({}, { now: () => now });
    expect(cookies().consentinel).toBeUndefined();
    c.acceptAll();
    const m = RECORD.exec(cookies().consentinel!)!;
    expect(m).not.toBeNull();
    const [, id, created, updated, revision, method, granted] = m;
    expect(id).toBe(c.getState().id);
    expect([+created!, +updated!]).toEqual([Math.floor(now / 1000), Math.floor(now / 1000)]);
    expect([revision, method, granted]).toEqual(['0', 'accept-all', 'necessary+analytics+affiliate+advertising']);

    const next = make({}, { now: () => now + 60_000 });
    expect(next.getState()).toMatchObject({ decided: true, id, method: 'accept-all', createdAt: Math.floor(now / 1000) * 1000 });
    expect(next.isGranted('advertising')).toBe(true);
    expect(next.getView()).toBeNull();
  });

  it('stores a refusal and a custom choice, under a configured name and revision', () => {
    const c = make({ cookie: { name: 'cc' }, revision: 12 });
    c.rejectAll();
    expect(cookies().cc).toMatch(/^1\.[0-9a-f]{32}\.\d+\.\d+\.12\.reject-all\.necessary$/);
    c.save({ affiliate: true });
    expect(cookies().cc).toMatch(/\.12\.custom\.necessary\+affiliate$/);
    expect(cookies().consentinel).toBeUndefined();
    expect(make({ cookie: { name: 'cc' }, revision: 12 }).getState().granted).toEqual({ necessary: true, analytics: false, affiliate: true, advertising: false });
  });

  it('is asked again after a revision bump', () => {
    make({ revision: 1 }).acceptAll();
    const c = make({ revision: 2 });
    expect(c.getState()).toMatchObject({ decided: false, outdated: true });
    expect(c.isGranted('analytics')).toBe(false);
    expect(c.getView()).toBe('banner');
  });

  it('on http: path, SameSite=Lax and an expiry of cookie.expiresDays, no Secure, host-only', () => {
    const set = vi.spyOn(document, 'cookie', 'set');
    make().acceptAll();
    const written = set.mock.calls.map((a) => a[0]).find((s) => s.startsWith('consentinel=1.'))!;
    const attributes = written.split('; ').slice(1);
    expect(attributes.filter((a) => !a.startsWith('expires=')).sort()).toEqual(['path=/', 'sameSite=Lax']);
    const expires = Date.parse(/expires=([^;]+)/.exec(written)![1]!);
    expect(Math.round((expires - Date.now()) / 864e5)).toBe(182);
  });

  it('uses the configured domain, path, expiry and SameSite; SameSite=None implies Secure', () => {
    const set = vi.spyOn(document, 'cookie', 'set');
    make({ cookie: { domain: 'example.com', path: '/shop', expiresDays: 30, sameSite: 'None' } }).acceptAll();
    const written = set.mock.calls.map((a) => a[0]).find((s) => s.startsWith('consentinel=1.'))!;
    expect(written.split('; ').slice(1).filter((a) => !a.startsWith('expires=')).sort()).toEqual(['domain=example.com', 'path=/shop', 'sameSite=None', 'secure']);
    expect(Math.round((Date.parse(/expires=([^;]+)/.exec(written)![1]!) - Date.now()) / 864e5)).toBe(30);
  });

  it('adds Secure on https', () => {
    jsdomInstance().reconfigure({ url: 'https://example.com/' });
    onCleanup(() => jsdomInstance().reconfigure({ url: 'http://localhost:3000/' }));
    const set = vi.spyOn(document, 'cookie', 'set');
    const c = make({ cookie: { sameSite: 'Strict' } });
    c.acceptAll();
    const written = set.mock.calls.map((a) => a[0]).find((s) => s.startsWith('consentinel=1.'))!;
    expect(written).toMatch(/; sameSite=Strict/);
    expect(written).toMatch(/; secure/);
    expect(make({ cookie: { sameSite: 'Strict' } }).getState().decided).toBe(true);
    c.reset();
  });

  it('reset() deletes it and asks again', () => {
    const c = make();
    c.acceptAll();
    c.reset();
    expect(cookies().consentinel).toBeUndefined();
    expect(c.getState()).toMatchObject({ decided: false, id: null, method: null });
    expect(c.isGranted('analytics')).toBe(false);
    expect(c.getView()).toBe('banner');
    expect(make().getState().decided).toBe(false);
  });

  it('a memory store option keeps the choice out of document.cookie', () => {
    const store = createMemoryStore();
    make({}, { store }).acceptAll();
    expect(document.cookie).toBe('');
    expect(store.read()).toMatch(RECORD);
    expect(make({}, { store }).getState().decided).toBe(true);
  });
});

describe('the API', () => {
  it('isGranted and getState follow the decisions', () => {
    const c = make();
    expect(c.getState()).toMatchObject({ decided: false, granted: { necessary: true, analytics: false }, id: null, revision: 0, method: null, signals: { doNotTrack: false, globalPrivacyControl: false } });
    expect(c.isGranted('necessary')).toBe(true);
    expect(c.isGranted('analytics')).toBe(false);
    expect(c.isGranted('unknown')).toBe(false);
    c.save({ analytics: true });
    expect(c.isGranted('analytics')).toBe(true);
    expect(c.getState()).toMatchObject({ decided: true, method: 'custom' });
    expect(c.getState().id).toMatch(ID);
    expect(Object.isFrozen(c.getState())).toBe(true);
  });

  it('save() with an unknown category throws a TypeError and changes nothing', () => {
    const c = make();
    const before = c.getState();
    expect(() => c.save({ analytic: true })).toThrow(/^\[consentinel\] save\(analytic\)/);
    expect(c.getState()).toBe(before);
    expect(cookies().consentinel).toBeUndefined();
  });

  it('an invalid config throws a TypeError naming the key', () => {
    // @ts-expect-error: a wrong value on purpose (the types reject it too)
    expect(() => createConsent({ mode: 'sometimes' })).toThrow(/^\[consentinel\] config\.mode: /);
  });

  it('subscribe: listener(state, changes) on every change; the unsubscribe works', () => {
    const c = make();
    const calls: Array<[ConsentState, Changes]> = [];
    const off = c.subscribe((s, ch) => calls.push([s, ch]));
    c.save({ analytics: true, advertising: true });
    expect(calls).toEqual([[c.getState(), { granted: ['analytics', 'advertising'], revoked: [] }]]);
    c.rejectAll();
    expect(calls[1]).toEqual([c.getState(), { granted: [], revoked: ['analytics', 'advertising'] }]);
    off();
    c.acceptAll();
    expect(calls).toHaveLength(2);
  });

  it('a throwing listener does not break the others or the caller', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const c = make();
    const after = vi.fn();
    c.subscribe(() => {
      throw new Error('site bug');
    });
    c.subscribe(after);
    expect(() => c.acceptAll()).not.toThrow();
    expect(after).toHaveBeenCalledTimes(1);
    expect(c.isGranted('analytics')).toBe(true);
    expect(String(error.mock.calls[0]![0])).toMatch(/^\[consentinel\]/);
  });

  it('reset() tells subscribers what was revoked', () => {
    const c = make();
    c.acceptAll();
    const fn = vi.fn();
    c.subscribe(fn);
    c.reset();
    expect(fn).toHaveBeenCalledWith(c.getState(), { granted: [], revoked: ['analytics', 'affiliate', 'advertising'] });
  });

  it('getReferral() is null without a referral', () => {
    expect(make().getReferral()).toBeNull();
  });

  it('destroy() stops the listeners', () => {
    const c = make();
    const fn = vi.fn();
    c.subscribe(fn);
    c.destroy();
    c.acceptAll();
    expect(fn).not.toHaveBeenCalled();
  });
});

describe('whenGranted: code that runs once per grant', () => {
  it('runs at once for a returning visitor whose choice is stored', () => {
    document.cookie = `consentinel=${validRecord({ granted: 'necessary+analytics' })}; path=/`;
    const c = make();
    const start = vi.fn();
    c.whenGranted('analytics', start);
    expect(start).toHaveBeenCalledTimes(1);
    expect(start).toHaveBeenCalledWith(c.getState());
  });

  it('runs when the visitor grants, once, and not again for an unrelated change', () => {
    const c = make();
    const start = vi.fn();
    c.whenGranted('analytics', start);
    expect(start).not.toHaveBeenCalled();
    c.save({ analytics: true });
    c.save({ advertising: true });
    c.acceptAll();
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('its returned function runs on withdrawal, and a re-grant runs the effect again', () => {
    const c = make({ reloadOnWithdraw: false });
    const log: string[] = [];
    c.whenGranted('analytics', () => {
      log.push('start');
      return () => log.push('stop');
    });
    c.acceptAll();
    c.rejectAll();
    c.save({ analytics: true });
    c.reset();
    expect(log).toEqual(['start', 'stop', 'start', 'stop']);
  });

  it('with several categories, runs only while all of them are granted', () => {
    const c = make({ reloadOnWithdraw: false });
    const start = vi.fn();
    c.whenGranted(['analytics', 'advertising'], start);
    c.save({ analytics: true });
    expect(start).not.toHaveBeenCalled();
    c.save({ advertising: true });
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('the function it returns stops watching', () => {
    const c = make();
    const start = vi.fn();
    const stop = c.whenGranted('analytics', start);
    stop();
    c.acceptAll();
    expect(start).not.toHaveBeenCalled();
  });

  it('an unknown category or a missing function is a TypeError naming it', () => {
    const c = make();
    expect(() => c.whenGranted('analytic', () => {})).toThrow(/^\[consentinel\] whenGranted\(analytic\): unknown category/);
    expect(() => c.whenGranted('analytics', undefined as never)).toThrow(/^\[consentinel\] whenGranted\(\): expected a function/);
  });

  it('an effect that throws is reported and does not break the decision', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const c = make();
    c.whenGranted('analytics', () => {
      throw new Error('site bug');
    });
    expect(() => c.acceptAll()).not.toThrow();
    expect(c.isGranted('analytics')).toBe(true);
    expect(String(error.mock.calls[0]![0])).toMatch(/^\[consentinel\]/);
  });
});

describe('opt-out mode and crawlers', () => {
  const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
  it('a crawler is granted nothing automatically, with or without hideFromBots', () => {
    expect(make({ mode: 'opt-out' }, { userAgent: GOOGLEBOT }).isGranted('analytics')).toBe(false);
    expect(make({ mode: 'opt-out', hideFromBots: false }, { userAgent: GOOGLEBOT }).isGranted('analytics')).toBe(false);
    expect(make({ mode: 'opt-out' }, { userAgent: 'Mozilla/5.0 Chrome/140' }).isGranted('analytics')).toBe(true);
  });
});

describe('the view', () => {
  it("is 'banner' while undecided and null once decided", () => {
    const c = make();
    expect(c.getView()).toBe('banner');
    c.acceptAll();
    expect(c.getView()).toBeNull();
    expect(make().getView()).toBeNull();
  });

  it('is null for a crawler, which is never granted anything automatically', () => {
    const c = make({}, { userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' });
    expect(c.getView()).toBeNull();
    expect(c.getState().decided).toBe(false);
    expect(c.isGranted('analytics')).toBe(false);
    c.reset();
    expect(c.getView()).toBeNull();
  });

  it('shows the banner to a crawler when hideFromBots is off', () => {
    expect(make({ hideFromBots: false }, { userAgent: 'Googlebot/2.1' }).getView()).toBe('banner');
  });

  it('is null when a browser signal already refused (the dialog can still be opened)', () => {
    const c = make({}, { signals: { doNotTrack: false, globalPrivacyControl: true } });
    expect(c.getView()).toBeNull();
    expect(c.getState()).toMatchObject({ decided: true, method: 'global-privacy-control' });
    expect(c.isGranted('analytics')).toBe(false);
    c.showPreferences();
    expect(c.getView()).toBe('preferences');
  });

  it('reads DNT from navigator', () => {
    setNavigator('doNotTrack', '1');
    expect(make().getState()).toMatchObject({ decided: true, method: 'do-not-track', signals: { doNotTrack: true, globalPrivacyControl: false } });
  });

  it('reads GPC from navigator', () => {
    setNavigator('globalPrivacyControl', true);
    expect(make().getState().method).toBe('global-privacy-control');
  });

  it('showPreferences / showBanner / hide set it and onView tells', () => {
    const c = make();
    const views: unknown[] = [];
    const off = c.onView((v) => views.push(v));
    c.showPreferences();
    c.hide();
    c.showBanner();
    c.showBanner();
    off();
    c.hide();
    expect(views).toEqual(['preferences', null, 'banner']);
    expect(c.getView()).toBeNull();
  });

  it('a decision closes it', () => {
    const c = make();
    c.showPreferences();
    c.save({ analytics: true });
    expect(c.getView()).toBeNull();
  });
});

describe('multi-tab sync', () => {
  it('a decision in one tab reaches the other through BroadcastChannel', async () => {
    const a = make();
    const b = make();
    const heard = vi.fn();
    b.subscribe(heard);
    a.acceptAll();
    expect(b.getState().decided).toBe(false);
    await flush();
    expect(b.getState()).toMatchObject({ decided: true, id: a.getState().id, method: 'accept-all', granted: a.getState().granted });
    expect(b.isGranted('advertising')).toBe(true);
    expect(b.getView()).toBeNull();
    expect(heard).toHaveBeenCalledWith(b.getState(), { granted: ['analytics', 'affiliate', 'advertising'], revoked: [] });

    b.save({ analytics: false });
    await flush();
    expect(a.isGranted('analytics')).toBe(false);
    expect(a.isGranted('advertising')).toBe(true);

    b.reset();
    await flush();
    expect(a.getState().decided).toBe(false);
    expect(a.isGranted('advertising')).toBe(false);
    expect(a.getView()).toBe('banner');
  });

  it('keeps an open preferences dialog open when another tab decides', async () => {
    const a = make();
    const b = make();
    b.showPreferences();
    a.rejectAll();
    await flush();
    expect(b.getState().method).toBe('reject-all');
    expect(b.getView()).toBe('preferences');
  });

  it('a message that arrives before this tab’s document.cookie shows the write still applies (the message carries the value)', async () => {
    document.cookie = `consentinel=${validRecord({ method: 'accept-all', granted: ALL.join('+'), updated: Math.floor(Date.now() / 1000) - 60 })}; path=/`;
    const b = make();
    expect(b.getState().method).toBe('accept-all');
    const otherTab = new channels.FakeChannel('consentinel:consentinel');
    // A message older than what the cookie holds here changes nothing.
    otherTab.postMessage(validRecord({ method: 'custom', granted: 'necessary+analytics', updated: Math.floor(Date.now() / 1000) - 120 }));
    await flush();
    expect(b.getState().method).toBe('accept-all');
    // Another tab stored a refusal; here the cookie still reads as the accept-all.
    otherTab.postMessage(validRecord({ method: 'reject-all', granted: 'necessary', updated: Math.floor(Date.now() / 1000) }));
    await flush();
    expect(b.getState()).toMatchObject({ method: 'reject-all', granted: { analytics: false, advertising: false } });
    // '' says the other tab forgot the choice (reset()), even while the cookie still reads here.
    otherTab.postMessage('');
    await flush();
    expect(b.getState().decided).toBe(false);
    expect(b.getView()).toBe('banner');
  });

  it('of several consent cookies of one name, reads the latest record', () => {
    jsdomInstance().reconfigure({ url: 'http://localhost:3000/shop/cart' });
    onCleanup(() => {
      document.cookie = 'consentinel=; path=/shop; max-age=0';
      jsdomInstance().reconfigure({ url: 'http://localhost:3000/' });
    });
    const now = Math.floor(Date.now() / 1000);
    document.cookie = `consentinel=${validRecord({ method: 'reject-all', granted: 'necessary', updated: now - 10 })}; path=/`;
    // Listed first (longer path) and older: it must not win.
    document.cookie = `consentinel=${validRecord({ method: 'accept-all', granted: ALL.join('+'), updated: now - 3600 })}; path=/shop`;
    expect(document.cookie.indexOf('accept-all')).toBeLessThan(document.cookie.indexOf('reject-all'));
    const c = make();
    expect(c.getState().method).toBe('reject-all');
    c.save({ analytics: true });
    expect(document.cookie.match(/consentinel=/g)).toHaveLength(1);
    expect(cookies().consentinel).toMatch(/\.custom\.necessary\+analytics$/);
  });

  it('does not sync instances with different cookie names', async () => {
    const a = make({ cookie: { name: 'one' } });
    const b = make({ cookie: { name: 'two' } });
    a.acceptAll();
    await flush();
    expect(b.getState().decided).toBe(false);
  });

  it('without BroadcastChannel, re-reads the cookie when the tab becomes visible', () => {
    vi.stubGlobal('BroadcastChannel', undefined);
    const c = make();
    document.cookie = `consentinel=${validRecord({ method: 'accept-all', granted: ALL.join('+') })}; path=/`;
    expect(c.getState().decided).toBe(false);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(c.getState()).toMatchObject({ decided: true, method: 'accept-all' });
    expect(c.getView()).toBeNull();
  });

  it('destroy() closes the channel', () => {
    const c = make();
    expect(channels.open.size).toBe(1);
    c.destroy();
    expect(channels.open.size).toBe(0);
  });
});

describe('parts', () => {
  const recorder = (log: Array<[string, Changes, Source]>, name: string): PartFactory => () => ({
    update: (_s, changes, source) => void log.push([name, changes, source]),
  });

  it('are updated in order at start, then after each transition, before subscribers', () => {
    const log: Array<[string, Changes, Source]> = [];
    const c = make({}, { parts: [recorder(log, 'a'), recorder(log, 'b')] });
    c.subscribe((_s, changes) => void log.push(['subscriber', changes, 'user']));
    c.save({ analytics: true });
    expect(log.map(([n, , s]) => `${n}:${s}`)).toEqual(['a:init', 'b:init', 'a:user', 'b:user', 'subscriber:user']);
  });

  it('a throwing part is reported and does not stop the others', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const log: Array<[string, Changes, Source]> = [];
    const broken: PartFactory = () => ({
      update() {
        throw new Error('broken adapter');
      },
    });
    const c = make({}, { parts: [broken, recorder(log, 'b')] });
    expect(() => c.acceptAll()).not.toThrow();
    expect(log.map(([n, , s]) => `${n}:${s}`)).toEqual(['b:init', 'b:user']);
    expect(String(error.mock.calls[0]![0])).toMatch(/^\[consentinel\]/);
  });

  // Bug: docs/ARCHITECTURE.md says the start-up update gets `{ granted: <all granted ids>, revoked: [] }`,
  // but src/create-consent.ts `apply(state, 'init')` computes changes(state, state), which is empty.
  it("the start-up update lists every granted category in changes.granted", () => {
    document.cookie = `consentinel=${validRecord({ method: 'accept-all', granted: ALL.join('+') })}; path=/`;
    const log: Array<[string, Changes, Source]> = [];
    make({}, { parts: [recorder(log, 'a')] });
    expect(log).toEqual([['a', { granted: ALL, revoked: [] }, 'init']]);
  });
});

describe('bad input never escapes', () => {
  const tampered: Array<[string, string]> = [
    ['garbage', 'garbage'],
    ['a foreign format', 'GA1.2.1234567890.1767225600'],
    ['JSON', '{"analytics":true,"advertising":true}'],
    ['broken percent-encoding', '%E0%A4%A'],
    ['a stored signal method', validRecord({ method: 'do-not-track', granted: ALL.join('+') })],
    ['an unknown version', validRecord({ granted: ALL.join('+') }).replace(/^1\./, '2.')],
    ['a record from the future', validRecord({ updated: Math.floor(Date.now() / 1000) + 3 * 86400, granted: ALL.join('+') })],
    ['an oversized record', validRecord({ granted: ['necessary', ...Array.from({ length: 200 }, (_, i) => `analytics${i}`)].join('+') })],
  ];
  it.each(tampered)('a tampered cookie (%s) is no choice', (_name, value) => {
    document.cookie = `consentinel=${value}; path=/`;
    const c = make();
    expect(c.getState()).toMatchObject({ decided: false, granted: { necessary: true, analytics: false, affiliate: false, advertising: false } });
    expect(c.getView()).toBe('banner');
    c.rejectAll();
    expect(cookies().consentinel).toMatch(RECORD);
    expect(make().getState().method).toBe('reject-all');
  });

  it('a store that throws on read is no choice', () => {
    const c = make({}, {
      store: {
        read: () => {
          throw new Error('denied');
        },
        write: () => {},
        clear: () => {},
      },
    });
    expect(c.getState().decided).toBe(false);
  });

  it('a store that throws on write is reported and the choice holds for the page', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const c = make({}, {
      store: {
        read: () => undefined,
        write: () => {
          throw new Error('quota');
        },
        clear: () => {},
      },
    });
    expect(() => c.acceptAll()).not.toThrow();
    expect(c.isGranted('analytics')).toBe(true);
    expect(String(error.mock.calls[0]![0])).toMatch(/^\[consentinel\]/);
  });

  describe('cookies disabled (document.cookie ignores writes)', () => {
    beforeEach(() => {
      Object.defineProperty(document, 'cookie', { configurable: true, get: () => '', set: () => {} });
      onCleanup(() => delete (document as unknown as Record<string, unknown>).cookie);
    });

    it('the choice still holds for the page, without an exception', () => {
      const c = make();
      expect(() => c.acceptAll()).not.toThrow();
      expect(c.getState()).toMatchObject({ decided: true, method: 'accept-all' });
      expect(c.isGranted('analytics')).toBe(true);
      expect(c.getView()).toBeNull();
      expect(() => c.reset()).not.toThrow();
      expect(c.getState().decided).toBe(false);
    });

    // Bug: src/create-consent.ts commit() sets `raw` to what it meant to write; refresh() (on
    // every visibilitychange and BroadcastChannel message) re-reads the store, finds nothing,
    // sees `raw` differ and replaces the visitor's choice with "undecided" (banner again).
    it('the choice still holds after the tab is hidden and shown again', () => {
      const c = make();
      c.acceptAll();
      document.dispatchEvent(new Event('visibilitychange'));
      expect(c.getState()).toMatchObject({ decided: true, method: 'accept-all' });
      expect(c.getView()).toBeNull();
    });
  });

  it('localStorage that throws on access breaks nothing', () => {
    vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    vi.spyOn(window, 'sessionStorage', 'get').mockImplementation(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    const c = make();
    expect(() => {
      c.save({ analytics: true });
      c.rejectAll();
      c.reset();
    }).not.toThrow();
    expect(c.getState().decided).toBe(false);
  });

  it.each([
    ['crypto.getRandomValues missing', {}],
    ['crypto.randomUUID missing', { getRandomValues: (a: Uint8Array) => globalThis.crypto.getRandomValues(a) }],
    ['no crypto at all', undefined],
  ])('%s: still a valid 32-hex id, a new one per record', (_name, crypto) => {
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', crypto && 'getRandomValues' in crypto ? { getRandomValues: (a: Uint8Array) => real.getRandomValues(a) } : crypto);
    const c = make();
    c.acceptAll();
    const first = c.getState().id;
    expect(first).toMatch(ID);
    expect(cookies().consentinel).toMatch(RECORD);
    c.reset();
    c.acceptAll();
    expect(c.getState().id).toMatch(ID);
    expect(c.getState().id).not.toBe(first);
  });
});

describe('after destroy()', () => {
  it('a decision after destroy() does not throw (the tab channel is closed)', () => {
    const c = createConsent({});
    c.destroy();
    expect(() => c.acceptAll()).not.toThrow();
    expect(c.isGranted('analytics')).toBe(true);
  });
});
