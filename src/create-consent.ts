import type { Changes, Consent, ConsentConfig, ConsentState, Signals, View } from './types';
import { parseConfig } from './core/config';
import { acceptAll, changes, decide, initialState, rejectAll, toRecord } from './core/state';
import { decodeRecord, encodeRecord, latestRecord } from './core/codec';
import { createEmitter } from './core/emitter';
import { isBot } from './core/bots';
import { isBrowser } from './browser/env';
import { createCookieStore, createMemoryStore, type ConsentStore } from './browser/cookie-store';
import { readSignals } from './browser/read-signals';
import { createTabSync } from './browser/tab-sync';
import type { Part, PartFactory, Source } from './browser/part';
import { defaultParts } from './browser/default-parts';
import { loadChunk } from './browser/chunks';

export interface ConsentOptions {
  /** Browser adapters to run, in order. Default: all of them in a browser, none on a server. */
  readonly parts?: readonly PartFactory[];
  /** Where the choice is kept. Default: the consent cookie in a browser, memory on a server. */
  readonly store?: ConsentStore;
  /** Default: read from `navigator`. */
  readonly signals?: Signals;
  /** Default: `navigator.userAgent` (for `hideFromBots`). */
  readonly userAgent?: string;
  readonly now?: () => number;
}

const NO_SIGNALS: Signals = { doNotTrack: false, globalPrivacyControl: false };

/** A random consent id: 32 hex digits from the platform's CSPRNG, with a fallback for old browsers. */
function randomId(): string {
  const bytes = new Uint8Array(16);
  try {
    crypto.getRandomValues(bytes);
  } catch {
    for (let i = 0; i < 16; i++) bytes[i] = Math.random() * 256;
  }
  return Array.from(bytes, (b) => (b + 256).toString(16).slice(1)).join('');
}

/**
 * Create a consent instance: validates the config (a TypeError naming the key path if it is
 * wrong), reads the stored choice and the browser's signals, and starts the browser parts
 * (gating, cleanup, Consent Mode, tab sync…). Safe to call on a server: there it is an inert,
 * undecided instance that touches nothing.
 * @example
 * const consent = createConsent({ categories: { necessary: { required: true }, analytics: {} } });
 * consent.subscribe((state) => console.log(state.granted.analytics));
 */
export function createConsent(input?: ConsentConfig, options: ConsentOptions = {}): Consent {
  const config = parseConfig(input);
  const browser = isBrowser();
  const store = options.store ?? (browser ? createCookieStore(config.cookie) : createMemoryStore());
  const signals = options.signals ?? (browser ? readSignals() : NO_SIGNALS);
  const now = options.now ?? Date.now;
  const bot = config.hideFromBots && isBot(options.userAgent ?? (browser ? navigator.userAgent : ''));
  const changed = createEmitter<[ConsentState, Changes]>();
  const viewed = createEmitter<[View]>();

  let raw: string | undefined;
  /** `stored`: what another tab says it just stored ('' for nothing), newer than a stale read. */
  const load = (stored?: string) => {
    try {
      raw = stored === '' ? undefined : latestRecord([store.read(), stored]);
    } catch {
      raw = stored || undefined;
    }
    return initialState(config, decodeRecord(raw), signals, now());
  };

  let state = load();
  let view: View = null;
  let parts: Part[] = [];

  const setView = (next: View) => {
    if (next !== view) viewed.emit((view = next));
  };
  const apply = (next: ConsentState, source: Source) => {
    // At start every granted category counts as newly granted: that is what the gate acts on.
    const diff = changes(source === 'init' ? ({ granted: {} } as ConsentState) : state, next);
    state = next;
    for (const p of parts) {
      try {
        p.update?.(next, diff, source);
      } catch (e) {
        console.error('[consentinel]', e);
      }
    }
    if (source !== 'init') changed.emit(next, diff);
  };
  const commit = (next: ConsentState) => {
    const record = toRecord(next);
    try {
      if (record) store.write(encodeRecord(record));
      else store.clear();
    } catch (e) {
      console.error('[consentinel] could not store the choice', e);
    }
    // What the store really holds (nothing, with cookies disabled): a later re-read that finds the
    // same value must not undo this page's choice.
    try {
      raw = store.read();
    } catch {
      raw = undefined;
    }
    sync?.post(raw ?? '');
    setView(null);
    apply(next, 'user');
  };
  const refresh = (stored?: string) => {
    const before = raw;
    const next = load(stored);
    if (raw === before) return;
    apply(next, 'sync');
    setView(next.decided ? (view === 'preferences' ? view : null) : bot ? null : 'banner');
  };

  const sync = browser && !options.store ? createTabSync(`consentinel:${config.cookie.name}`, refresh) : undefined;

  const consent: Consent = {
    config,
    isGranted: (id) => state.granted[id] === true,
    getState: () => state,
    acceptAll: () => commit(acceptAll(config, state, randomId(), now())),
    rejectAll: () => commit(rejectAll(config, state, randomId(), now())),
    save: (choices) => commit(decide(config, state, 'custom', choices, randomId(), now())),
    reset() {
      try {
        store.clear();
      } catch {
        /* nothing stored */
      }
      raw = undefined;
      sync?.post('');
      const next = initialState(config, null, signals, now());
      apply(next, 'user');
      setView(next.decided || bot ? null : 'banner');
    },
    subscribe: changed.on,
    getReferral() {
      for (const p of parts) if (p.getReferral) return p.getReferral();
      return null;
    },
    showBanner: () => setView('banner'),
    showPreferences: () => setView('preferences'),
    hide: () => setView(null),
    getView: () => view,
    onView: viewed.on,
    destroy() {
      for (const p of parts) p.destroy?.();
      parts = [];
      sync?.close();
      changed.clear();
      viewed.clear();
    },
  };

  for (const make of options.parts ?? (browser ? defaultParts({ load: loadChunk }) : [])) {
    try {
      parts.push(make(consent));
    } catch (e) {
      console.error('[consentinel]', e);
    }
  }
  apply(state, 'init');
  view = !state.decided && !bot ? 'banner' : null;
  return consent;
}
