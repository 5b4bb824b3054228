import type { Changes, Consent, ConsentConfig, ConsentState, GrantEffect, Signals, View } from './types';
import { parseConfig } from './core/config';
import { acceptAll, changes, decide, initialState, rejectAll, toRecord } from './core/state';
import { decodeRecord, encodeRecord, latestRecord } from './core/codec';
import { createEmitter } from './core/emitter';
import { isBot } from './core/bots';
import { randomId } from './core/random-id';
import { isBrowser } from './browser/env';
import { createCookieStore, createMemoryStore, type ConsentStore } from './browser/cookie-store';
import { readSignals } from './browser/read-signals';
import { createTabSync } from './browser/tab-sync';
import type { Part, PartFactory, Source } from './browser/part';
import { defaultParts } from './browser/default-parts';

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


/**
 * Create a consent instance: validates the config (a TypeError naming the key path if it is
 * wrong), reads the stored choice and the browser's signals, and starts the browser parts
 * (gating, cleanup, Consent Mode, tab sync…). Safe to call on a server: there, unless a `store`
 * is given, it is inert: undecided, no view, and decisions change nothing (there is no visitor
 * to ask, and nowhere to keep a choice).
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
  const inert = !browser && !options.store;
  // A crawler is never granted anything automatically (opt-out mode's default yes included);
  // hideFromBots decides only whether it sees the banner.
  const crawler = isBot(options.userAgent ?? (browser ? navigator.userAgent : ''));
  const bot = config.hideFromBots && crawler;
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
    return initialState(config, decodeRecord(raw), signals, now(), crawler);
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
    if (inert) return;
    const record = toRecord(next);
    try {
      if (record) store.write(encodeRecord(record));
      else store.clear();
    } catch (e) {
      console.error('[consentinel] could not store the choice', e);
    }
    // What the store really holds (nothing, with cookies disabled): a later re-read that finds the
    // same value must not undo this page's choice. (load() sets it; its state is not needed.)
    load();
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

  /** Runs `effect` on each grant of all of `ids` and its returned clean-up on the withdrawal. */
  const whenGranted = (ids: readonly string[], effect: GrantEffect) => {
    for (const id of ids) {
      if (!Object.hasOwn(config.categories, id)) throw new TypeError(`[consentinel] whenGranted(${id}): unknown category (${config.order.join(', ')})`);
    }
    if (typeof effect != 'function') throw new TypeError('[consentinel] whenGranted(): expected a function to run');
    let running = false;
    let cleanUp: void | (() => void);
    const follow = (current: ConsentState) => {
      const granted = ids.every((id) => current.granted[id]);
      if (granted == running) return;
      running = granted;
      try {
        if (granted) cleanUp = effect(current);
        else if (typeof cleanUp == 'function') cleanUp();
      } catch (e) {
        console.error('[consentinel] whenGranted', e);
      }
      if (!granted) cleanUp = undefined;
    };
    follow(state);
    return changed.on(follow);
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
      if (inert) return;
      try {
        store.clear();
      } catch {
        /* nothing stored */
      }
      raw = undefined;
      sync?.post('');
      const next = initialState(config, null, signals, now(), crawler);
      apply(next, 'user');
      setView(next.decided || bot ? null : 'banner');
    },
    subscribe: changed.on,
    whenGranted: (categories, effect) => (inert ? () => {} : whenGranted(typeof categories == 'string' ? [categories] : categories, effect)),
    getReferral() {
      for (const p of parts) if (p.getReferral) return p.getReferral();
      return null;
    },
    showBanner: () => {
      if (!inert) setView('banner');
    },
    showPreferences: () => {
      if (!inert) setView('preferences');
    },
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

  for (const make of options.parts ?? (browser ? defaultParts() : [])) {
    try {
      parts.push(make(consent));
    } catch (e) {
      console.error('[consentinel]', e);
    }
  }
  apply(state, 'init');
  view = !state.decided && !bot && !inert ? 'banner' : null;
  return consent;
}
