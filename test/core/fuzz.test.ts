// @vitest-environment node
// Issue 2 "Done when": ≥ 10 000 random configs and ≥ 10 000 random cookie values never throw past
// the boundary and never grant a non-required category without a decision.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRecord, encodeRecord, type ConsentRecord } from '../../src/core/codec';
import { parseConfig } from '../../src/core/config';
import { initialState } from '../../src/core/state';
import type { Config, ConsentConfig, Signals } from '../../src/types';
import { configArbitrary, junk, mutate, mutationArbitrary } from './config-arbitrary';

const RUNS = 10_000;

/** A cheap assertion for hot loops (expect() is slow at 10 000 runs). */
function check(ok: unknown, what: string, value?: unknown): asserts ok {
  if (!ok) throw new Error(`${what}${value === undefined ? '' : `: ${JSON.stringify(value)}`}`);
}

/** Throws (failing the property) unless parseConfig either works or throws the boundary TypeError. */
function parseOrBoundaryError(input: unknown): Config | null {
  try {
    return parseConfig(input as ConsentConfig);
  } catch (e) {
    if (!(e instanceof TypeError) || !e.message.startsWith('[consentinel] ')) throw new Error(`escaped: ${String(e)}`);
    return null;
  }
}

describe('random configs', () => {
  const configs = fc.oneof(
    { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 2 },
    { arbitrary: fc.anything({ maxDepth: 3 }), weight: 1 },
    { arbitrary: configArbitrary, weight: 3 },
    { arbitrary: fc.tuple(configArbitrary, fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 })).map(([c, m]) => mutate(c, m)), weight: 4 },
  );

  it(`${RUNS} of them (random JSON, near-valid and mutated): only ever the [consentinel] TypeError, else a frozen, complete config`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(configs, (input) => {
        const config = parseOrBoundaryError(input);
        if (!config) return;
        accepted++;
        check(Object.isFrozen(config) && Object.isFrozen(config.categories) && Object.isFrozen(config.cookie), 'frozen');
        check(config.order.length > 0 && config.order.join() === Object.keys(config.categories).join(), 'order', config.order);
        for (const id of config.order) check(typeof config.categories[id]!.required === 'boolean', 'required', id);
        check(config.mode === 'opt-in' || config.mode === 'opt-out', 'mode', config.mode);
        // Before any decision, in opt-in mode only required categories are granted.
        const state = initialState(config, null, { doNotTrack: false, globalPrivacyControl: false }, Date.now());
        if (config.mode === 'opt-in') for (const id of config.order) check(state.granted[id] === config.categories[id]!.required, 'granted before a decision', id);
      }),
      { numRuns: RUNS },
    );
    // The generators must reach both outcomes in earnest, or the property proves little.
    expect(accepted).toBeGreaterThan(RUNS / 10);
    expect(accepted).toBeLessThan(RUNS * 0.9);
  }, 30_000);
});

describe('random cookie values', () => {
  const config = parseConfig({ categories: { necessary: { required: true }, analytics: {}, ads: {}, a_b: {} } });
  const NOW = Date.UTC(2026, 5, 1);
  const sec = Math.floor(NOW / 1000);
  const hex32 = fc.stringMatching(/^[0-9a-f]{32}$/);
  const validRecord: fc.Arbitrary<ConsentRecord> = fc.record({
    id: hex32,
    created: fc.integer({ min: sec - 250 * 86400, max: sec }),
    updated: fc.constant(0),
    revision: fc.oneof({ arbitrary: fc.constant(0), weight: 4 }, { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 1 }),
    method: fc.constantFrom('accept-all', 'reject-all', 'custom'),
    granted: fc.subarray(['necessary', 'analytics', 'ads', 'a_b', 'unknown']),
  }).chain((r) => fc.integer({ min: r.created, max: sec + 2 * 86400 }).map((updated) => ({ ...r, updated })));
  const edit = fc.record({ at: fc.nat(), op: fc.constantFrom('replace', 'insert', 'delete', 'swap-fields', 'encode'), char: fc.string({ minLength: 1, maxLength: 2, unit: 'binary' }) });
  const mutated = fc.tuple(validRecord, fc.array(edit, { minLength: 1, maxLength: 3 })).map(([r, edits]) => {
    let s = encodeRecord(r);
    for (const e of edits) {
      const i = e.at % (s.length + 1);
      if (e.op === 'replace') s = s.slice(0, i) + e.char + s.slice(i + 1);
      else if (e.op === 'insert') s = s.slice(0, i) + e.char + s.slice(i);
      else if (e.op === 'delete') s = s.slice(0, i) + s.slice(i + 1);
      else if (e.op === 'encode') s = /[\uD800-\uDFFF]/.test(s) ? s : encodeURIComponent(s).replace(/\./g, '%2E');
      else {
        const f = s.split('.');
        const a = e.at % f.length, b = (e.at >> 3) % f.length;
        [f[a], f[b]] = [f[b]!, f[a]!];
        s = f.join('.');
      }
    }
    return s;
  });
  const formatLike = fc.stringMatching(/^[0-2]\.[0-9a-fA-F]{30,33}\.-?\d{0,12}\.\d{0,12}\.\d{0,10}\.(accept-all|reject-all|custom|do-not-track|global-privacy-control|x)?\.[a-z0-9_+-]{0,20}$/);
  const values = fc.oneof(
    { arbitrary: fc.string({ maxLength: 80, unit: 'binary' }), weight: 2 },
    { arbitrary: formatLike, weight: 2 },
    { arbitrary: validRecord.map(encodeRecord), weight: 2 },
    { arbitrary: mutated, weight: 3 },
    { arbitrary: fc.string({ minLength: 1000, maxLength: 1100 }), weight: 1 },
    { arbitrary: fc.oneof(junk, fc.anything({ maxDepth: 1 })), weight: 1 },
  );
  const signals: fc.Arbitrary<Signals> = fc.record({ doNotTrack: fc.boolean(), globalPrivacyControl: fc.boolean() });

  it(`${RUNS} of them never throw and never grant an optional category without a stored yes`, () => {
    let decidedByRecord = 0;
    fc.assert(
      fc.property(values, signals, (raw, sig) => {
        const record = decodeRecord(raw);
        const state = initialState(config, record, sig, NOW);
        const optional = config.order.filter((id) => !config.categories[id]!.required);
        const fromSignal = state.method === 'do-not-track' || state.method === 'global-privacy-control';
        check(state.granted.necessary === true, 'required granted');
        if (!state.decided || fromSignal) {
          for (const id of optional) check(state.granted[id] === false, 'granted without a decision', { raw, id });
          check(state.id === null, 'id without a record');
        } else {
          decidedByRecord++;
          check(record, 'decided without a record', raw);
          for (const id of optional) check(state.granted[id] === record.granted.includes(id), 'granted other than stored', { raw, id });
          check(state.revision === config.revision, 'revision');
        }
        if (record) {
          check(typeof raw === 'string' && raw.length <= 1024, 'decoded a non-string or oversized value', raw);
          check(/^[0-9a-f]{32}$/.test(record.id) && record.updated >= record.created, 'decoded a bad record', raw);
        }
      }),
      { numRuns: RUNS },
    );
    expect(decidedByRecord).toBeGreaterThan(RUNS / 20);
  }, 30_000);
});
