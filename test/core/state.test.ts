// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../../src/core/codec';
import { parseConfig } from '../../src/core/config';
import { acceptAll, changes, decide, initialState, rejectAll, toRecord } from '../../src/core/state';
import type { ConsentConfig, ConsentState, Signals } from '../../src/types';

const NOW = Date.UTC(2026, 2, 1, 12);
const SEC = Math.floor(NOW / 1000);
const ID = 'aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb';
const ID2 = 'ccccccccccccccccdddddddddddddddd';
const NONE: Signals = { doNotTrack: false, globalPrivacyControl: false };
const DNT: Signals = { doNotTrack: true, globalPrivacyControl: false };
const GPC: Signals = { doNotTrack: false, globalPrivacyControl: true };
const BOTH: Signals = { doNotTrack: true, globalPrivacyControl: true };

const makeConfig = (over: ConsentConfig = {}) => parseConfig(over);
const record = (over: Partial<ConsentRecord> = {}): ConsentRecord => ({
  id: ID,
  created: SEC - 10 * 86400,
  updated: SEC - 86400,
  revision: 0,
  method: 'custom',
  granted: ['necessary', 'analytics'],
  ...over,
});
const onlyRequired = { necessary: true, analytics: false, affiliate: false, advertising: false };
const all = { necessary: true, analytics: true, affiliate: true, advertising: true };
const start = (config = makeConfig(), rec: ConsentRecord | null = null, signals = NONE, now = NOW) => initialState(config, rec, signals, now);

describe('initialState without a stored record', () => {
  it('opt-in: undecided, only required categories granted', () => {
    const config = makeConfig();
    expect(start(config)).toEqual({
      decided: false,
      granted: onlyRequired,
      id: null,
      createdAt: null,
      decidedAt: null,
      revision: 0,
      method: null,
      signals: NONE,
      outdated: false,
    });
  });

  it('opt-out: undecided, every category granted', () => {
    const s = start(makeConfig({ mode: 'opt-out' }));
    expect(s.decided).toBe(false);
    expect(s.method).toBeNull();
    expect(s.granted).toEqual(all);
  });

  it('carries the config revision and a custom category set in its order', () => {
    const s = start(makeConfig({ revision: 7, categories: { stats: {}, core: { required: true } } }));
    expect(s.revision).toBe(7);
    expect(Object.keys(s.granted)).toEqual(['stats', 'core']);
    expect(s.granted).toEqual({ stats: false, core: true });
  });

  it('is deeply frozen', () => {
    const s = start();
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.granted)).toBe(true);
  });
});

describe('initialState with a stored record', () => {
  it('a valid record is the decision it holds', () => {
    expect(start(makeConfig(), record())).toEqual({
      decided: true,
      granted: { necessary: true, analytics: true, affiliate: false, advertising: false },
      id: ID,
      createdAt: (SEC - 10 * 86400) * 1000,
      decidedAt: (SEC - 86400) * 1000,
      revision: 0,
      method: 'custom',
      signals: NONE,
      outdated: false,
    });
  });

  it('forces required categories on and ignores ids the config does not have', () => {
    const s = start(makeConfig(), record({ granted: ['advertising', 'removed_one'] }));
    expect(s.granted).toEqual({ necessary: true, analytics: false, affiliate: false, advertising: true });
  });

  it('an opt-out visitor who said no stays refused', () => {
    const s = start(makeConfig({ mode: 'opt-out' }), record({ method: 'reject-all', granted: ['necessary'] }));
    expect(s.decided).toBe(true);
    expect(s.granted).toEqual(onlyRequired);
  });

  it('a record of an older revision asks again and says so (outdated)', () => {
    const s = start(makeConfig({ revision: 2 }), record({ revision: 1, granted: ['necessary', 'analytics', 'advertising'] }));
    expect(s).toMatchObject({ decided: false, outdated: true, id: null, method: null, revision: 2, granted: onlyRequired });
  });

  it('a record of a newer revision (a rolled-back policy) asks again, not outdated', () => {
    const s = start(makeConfig({ revision: 2 }), record({ revision: 3 }));
    expect(s).toMatchObject({ decided: false, outdated: false, id: null, granted: onlyRequired });
  });

  it('expires after cookie.expiresDays since the last decision', () => {
    const config = makeConfig();
    expect(start(config, record({ updated: SEC - 181 * 86400, created: SEC - 300 * 86400 })).decided).toBe(true);
    expect(start(config, record({ updated: SEC - 182 * 86400 + 1, created: SEC - 300 * 86400 })).decided).toBe(true);
    const old = start(config, record({ updated: SEC - 182 * 86400, created: SEC - 300 * 86400 }));
    expect(old).toMatchObject({ decided: false, outdated: false, granted: onlyRequired });
  });

  it('uses a configured expiresDays', () => {
    const config = makeConfig({ cookie: { expiresDays: 30 } });
    expect(start(config, record({ updated: SEC - 29 * 86400, created: SEC - 40 * 86400 })).decided).toBe(true);
    expect(start(config, record({ updated: SEC - 31 * 86400, created: SEC - 40 * 86400 })).decided).toBe(false);
  });

  it('a record from more than a day in the future is no choice (a tampered or broken clock)', () => {
    expect(start(makeConfig(), record({ created: SEC, updated: SEC + 86400 + 1 })).decided).toBe(false);
    expect(start(makeConfig(), record({ created: SEC, updated: SEC + 23 * 3600 })).decided).toBe(true);
  });
});

describe('Do Not Track and Global Privacy Control', () => {
  it.each([
    ['do-not-track', DNT],
    ['global-privacy-control', GPC],
    ['global-privacy-control', BOTH],
  ] as const)('%s: decided, named, only required granted, no id', (method, signals) => {
    const s = start(makeConfig(), null, signals);
    expect(s).toEqual({ decided: true, granted: onlyRequired, id: null, createdAt: null, decidedAt: null, revision: 0, method, signals, outdated: false });
  });

  it('refuse in opt-out mode too (they never grant)', () => {
    const s = start(makeConfig({ mode: 'opt-out' }), null, GPC);
    expect(s).toMatchObject({ decided: true, method: 'global-privacy-control', granted: onlyRequired });
  });

  it('are ignored when the config does not respect them', () => {
    expect(start(makeConfig({ respectDoNotTrack: false }), null, DNT)).toMatchObject({ decided: false, method: null, signals: DNT });
    expect(start(makeConfig({ respectGlobalPrivacyControl: false }), null, GPC)).toMatchObject({ decided: false, method: null });
    expect(start(makeConfig({ respectGlobalPrivacyControl: false }), null, BOTH).method).toBe('do-not-track');
    expect(start(makeConfig({ mode: 'opt-out', respectDoNotTrack: false }), null, DNT).granted).toEqual(all);
  });

  it('a stored explicit choice wins over a signal', () => {
    const s = start(makeConfig(), record({ method: 'accept-all', granted: ['necessary', 'analytics', 'affiliate', 'advertising'] }), BOTH);
    expect(s).toMatchObject({ decided: true, method: 'accept-all', granted: all, id: ID, signals: BOTH });
  });

  it('an outdated or expired record falls back to the signal', () => {
    expect(start(makeConfig({ revision: 1 }), record(), GPC)).toMatchObject({ decided: true, method: 'global-privacy-control', outdated: true, granted: onlyRequired });
    expect(start(makeConfig(), record({ updated: SEC - 400 * 86400, created: SEC - 400 * 86400 }), DNT)).toMatchObject({ method: 'do-not-track', granted: onlyRequired });
  });

  it('the visitor may still switch a category on: that choice is stored and wins', () => {
    const config = makeConfig();
    const s = decide(config, start(config, null, GPC), 'custom', { analytics: true }, ID, NOW);
    expect(s).toMatchObject({ decided: true, method: 'custom', granted: { ...onlyRequired, analytics: true }, signals: GPC });
    const r = toRecord(s)!;
    expect(r.granted).toEqual(['necessary', 'analytics']);
    expect(start(config, r, GPC, NOW + 1000).granted.analytics).toBe(true);
  });
});

describe('transitions', () => {
  const config = makeConfig();
  const undecided = start(config);

  it('acceptAll grants everything and records who and when', () => {
    expect(acceptAll(config, undecided, ID, NOW)).toEqual({
      decided: true, granted: all, id: ID, createdAt: NOW, decidedAt: NOW, revision: 0, method: 'accept-all', signals: NONE, outdated: false,
    });
  });

  it('rejectAll keeps only required categories', () => {
    expect(rejectAll(config, acceptAll(config, undecided, ID, NOW), ID2, NOW + 5000)).toEqual({
      decided: true, granted: onlyRequired, id: ID, createdAt: NOW, decidedAt: NOW + 5000, revision: 0, method: 'reject-all', signals: NONE, outdated: false,
    });
  });

  it('save merges: the categories it names change, the rest keep their state', () => {
    const a = decide(config, undecided, 'custom', { analytics: true }, ID, NOW);
    expect(a.granted).toEqual({ ...onlyRequired, analytics: true });
    const b = decide(config, a, 'custom', { advertising: true }, ID2, NOW + 1);
    expect(b.granted).toEqual({ ...onlyRequired, analytics: true, advertising: true });
    const c = decide(config, b, 'custom', { analytics: false }, ID2, NOW + 2);
    expect(c.granted).toEqual({ ...onlyRequired, advertising: true });
    expect(decide(config, c, 'custom', {}, ID2, NOW + 3).granted).toEqual(c.granted);
  });

  it('save from an undecided opt-out state keeps the unnamed categories on', () => {
    const cfg = makeConfig({ mode: 'opt-out' });
    expect(decide(cfg, start(cfg), 'custom', { advertising: false }, ID, NOW).granted).toEqual({ ...all, advertising: false });
  });

  it('required categories are forced on', () => {
    expect(decide(config, undecided, 'custom', { necessary: false }, ID, NOW).granted.necessary).toBe(true);
    expect(rejectAll(config, undecided, ID, NOW).granted.necessary).toBe(true);
  });

  it('keeps the id and creation time of the record across decisions', () => {
    const first = start(config, record());
    const next = acceptAll(config, first, ID2, NOW);
    expect(next).toMatchObject({ id: ID, createdAt: first.createdAt, decidedAt: NOW });
  });

  it('a decision on an outdated state takes the current revision and clears outdated', () => {
    const cfg = makeConfig({ revision: 5 });
    const outdated = start(cfg, record({ revision: 4 }));
    expect(outdated.outdated).toBe(true);
    expect(acceptAll(cfg, outdated, ID2, NOW)).toMatchObject({ revision: 5, outdated: false, id: ID2, createdAt: NOW });
  });

  it('results are frozen', () => {
    const s = acceptAll(config, undecided, ID, NOW);
    expect(Object.isFrozen(s) && Object.isFrozen(s.granted)).toBe(true);
  });

  it.each([
    [{ nope: true }, '[consentinel] save(nope): unknown category (necessary, analytics, affiliate, advertising)'],
    [{ analytics: 'yes' }, '[consentinel] save(analytics): expected true or false'],
    [{ analytics: 1 }, '[consentinel] save(analytics): expected true or false'],
    [{ analytics: null }, '[consentinel] save(analytics): expected true or false'],
    [{ analytics: true, Advertising: true }, '[consentinel] save(Advertising): unknown category'],
  ])('save(%j) throws a TypeError and leaves the state as it was', (choices, message) => {
    const before = acceptAll(config, undecided, ID, NOW);
    const copy = JSON.parse(JSON.stringify(before));
    expect(() => decide(config, before, 'custom', choices as Record<string, boolean>, ID2, NOW + 1)).toThrow(TypeError);
    try {
      decide(config, before, 'custom', choices as Record<string, boolean>, ID2, NOW + 1);
    } catch (e) {
      expect((e as Error).message.startsWith(message)).toBe(true);
    }
    expect(before).toEqual(copy);
  });

  // Bug: decide() checks `config.categories[k]` and merges with `c in choices`: both see
  // Object.prototype members (src/core/state.ts lines 56 and 61).
  it('save({ constructor: true }) is an unknown category', () => {
    expect(() => decide(config, undecided, 'custom', { constructor: true } as Record<string, boolean>, ID, NOW)).toThrow(TypeError);
  });

  it('a category named "constructor" is not granted by a save that does not name it', () => {
    const cfg = makeConfig({ categories: { necessary: { required: true }, constructor: {}, analytics: {} } });
    const s = decide(cfg, start(cfg), 'custom', { analytics: true }, ID, NOW);
    expect(s.granted.constructor).toBe(false);
    expect(toRecord(s)!.granted).toEqual(['necessary', 'analytics']);
  });
});

describe('changes', () => {
  const config = makeConfig();
  const s0 = start(config);

  it('lists the ids switched on and off, in category order', () => {
    const s1 = decide(config, s0, 'custom', { advertising: true, analytics: true }, ID, NOW);
    expect(changes(s0, s1)).toEqual({ granted: ['analytics', 'advertising'], revoked: [] });
    const s2 = decide(config, s1, 'custom', { analytics: false, affiliate: true }, ID, NOW);
    expect(changes(s1, s2)).toEqual({ granted: ['affiliate'], revoked: ['analytics'] });
    expect(changes(s2, rejectAll(config, s2, ID, NOW))).toEqual({ granted: [], revoked: ['affiliate', 'advertising'] });
  });

  it('is empty when nothing changed', () => {
    expect(changes(s0, rejectAll(config, s0, ID, NOW))).toEqual({ granted: [], revoked: [] });
    expect(changes(s0, s0)).toEqual({ granted: [], revoked: [] });
  });
});

describe('toRecord', () => {
  const config = makeConfig();

  it('stores a decision: seconds, revision, method, granted ids (required included)', () => {
    const s = decide(config, start(config), 'custom', { affiliate: true }, ID, NOW + 999);
    expect(toRecord(s)).toEqual({ id: ID, created: SEC, updated: SEC, revision: 0, method: 'custom', granted: ['necessary', 'affiliate'] });
  });

  it('round-trips through initialState', () => {
    const s = acceptAll(config, start(config), ID, NOW);
    expect(start(config, toRecord(s), NONE, NOW + 1000)).toEqual({ ...s, createdAt: SEC * 1000, decidedAt: SEC * 1000 });
  });

  it.each([
    ['undecided', start(config)],
    ['do-not-track', start(config, null, DNT)],
    ['global-privacy-control', start(config, null, GPC)],
  ] as Array<[string, ConsentState]>)('stores nothing for %s (signal states are recomputed on each visit)', (_n, s) => {
    expect(toRecord(s)).toBeNull();
  });

  it('never stores a signal method even on a state that has an id', () => {
    const s = { ...acceptAll(config, start(config), ID, NOW), method: 'do-not-track' as const };
    expect(toRecord(s)).toBeNull();
  });

  it('a reject-all stores the required categories only', () => {
    expect(toRecord(rejectAll(config, start(config), ID, NOW))!.granted).toEqual(['necessary']);
  });

  it('a category set without a required category stores an empty list', () => {
    const cfg = makeConfig({ categories: { stats: {} } });
    expect(toRecord(rejectAll(cfg, start(cfg), ID, NOW))!.granted).toEqual([]);
  });
});

describe('signals against stored choices, clocks and bad arguments', () => {
  it('opt-out: a signal overrides a stored "accept all" (the notice\'s OK), as the CCPA rules require', () => {
    const config = makeConfig({ mode: 'opt-out' });
    const ok = record({ method: 'accept-all', granted: ['necessary', 'analytics', 'affiliate', 'advertising'] });
    expect(start(config, ok, GPC)).toMatchObject({ decided: true, method: 'global-privacy-control', granted: onlyRequired });
    expect(start(config, ok, NONE)).toMatchObject({ method: 'accept-all', granted: all });
  });

  it('opt-out: a choice made category by category still wins over a signal', () => {
    const config = makeConfig({ mode: 'opt-out' });
    expect(start(config, record({ method: 'custom' }), GPC)).toMatchObject({ method: 'custom', granted: { analytics: true } });
  });

  it('opt-in: an explicit "accept all" still wins over a signal', () => {
    expect(start(makeConfig(), record({ method: 'accept-all', granted: ['necessary', 'analytics'] }), GPC)).toMatchObject({ method: 'accept-all' });
  });

  it('a clock that went back since the first decision still stores a readable record', () => {
    const config = makeConfig();
    const first = acceptAll(config, start(config), ID, NOW);
    const again = rejectAll(config, first, ID2, NOW - 3600_000);
    expect(again.decidedAt).toBeGreaterThanOrEqual(again.createdAt!);
    const rec = toRecord(again)!;
    expect(rec.updated).toBeGreaterThanOrEqual(rec.created);
  });

  it('save(null) is a [consentinel] TypeError and changes nothing', () => {
    const config = makeConfig();
    const s = start(config);
    expect(() => decide(config, s, 'custom', null as never, ID, NOW)).toThrow(/^\[consentinel\] save\(\): /);
  });
});

describe('opt-out mode: who gets the default yes', () => {
  it('a crawler is granted nothing automatically', () => {
    const config = makeConfig({ mode: 'opt-out' });
    expect(initialState(config, null, NONE, NOW, true)).toMatchObject({ decided: false, granted: onlyRequired });
    expect(initialState(config, null, NONE, NOW, false).granted).toEqual(all);
  });

  it('a crawler keeps a choice stored for it (none is, but a stored record is still read)', () => {
    const config = makeConfig({ mode: 'opt-out' });
    expect(initialState(config, record({ method: 'custom' }), NONE, NOW, true)).toMatchObject({ method: 'custom', granted: { analytics: true, advertising: false } });
  });

  it('"Accept all" while GPC is on is stored as an explicit choice that wins on the next page', () => {
    const config = makeConfig({ mode: 'opt-out' });
    const refused = start(config, null, GPC);
    expect(refused.method).toBe('global-privacy-control');
    const accepted = acceptAll(config, refused, ID, NOW);
    expect(accepted.granted).toEqual(all);
    const next = start(config, toRecord(accepted), GPC, NOW + 1000);
    expect(next).toMatchObject({ decided: true, granted: all });
  });

  it('the notice\'s OK (accept all without a signal) still yields to a later signal', () => {
    const config = makeConfig({ mode: 'opt-out' });
    const ok = acceptAll(config, start(config), ID, NOW);
    expect(ok.method).toBe('accept-all');
    expect(start(config, toRecord(ok), GPC, NOW + 1000)).toMatchObject({ method: 'global-privacy-control', granted: onlyRequired });
  });
});
