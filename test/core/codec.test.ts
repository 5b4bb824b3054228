// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { decodeRecord, encodeRecord, latestRecord, type ConsentRecord } from '../../src/core/codec';
import { parseConfig } from '../../src/core/config';
import { acceptAll, initialState, toRecord } from '../../src/core/state';

const ID = '0123456789abcdef0123456789abcdef';
const record = (over: Partial<ConsentRecord> = {}): ConsentRecord => ({
  id: ID,
  created: 1767225600,
  updated: 1767312000,
  revision: 3,
  method: 'custom',
  granted: ['necessary', 'analytics'],
  ...over,
});
const VALID = `1.${ID}.1767225600.1767312000.3.custom.necessary+analytics`;

describe('encodeRecord', () => {
  it('writes the documented format: 1.<id>.<created>.<updated>.<revision>.<method>.<granted>', () => {
    expect(encodeRecord(record())).toBe(VALID);
  });

  it('writes an empty granted field when nothing is granted', () => {
    expect(encodeRecord(record({ granted: [], method: 'reject-all' }))).toBe(`1.${ID}.1767225600.1767312000.3.reject-all.`);
  });

  it('uses only characters a cookie and a server can take as they are', () => {
    expect(encodeRecord(record({ granted: ['a_b-c', 'x9'] }))).toMatch(/^[0-9a-z._+-]+$/);
  });
});

describe('latestRecord (several consent cookies of one name)', () => {
  const older = encodeRecord(record({ method: 'accept-all', granted: ['necessary', 'analytics', 'ads'], updated: 1767312000 }));
  const newer = encodeRecord(record({ method: 'reject-all', granted: ['necessary'], updated: 1767312001 }));

  it('takes the latest decision, wherever it comes in the list', () => {
    expect(latestRecord([older, newer])).toBe(newer);
    expect(latestRecord([newer, older])).toBe(newer);
  });

  it('of two decisions in the same second, takes the one granting fewer categories', () => {
    const accept = encodeRecord(record({ method: 'accept-all', granted: ['necessary', 'analytics'] }));
    const reject = encodeRecord(record({ method: 'reject-all', granted: ['necessary'] }));
    expect(latestRecord([accept, reject])).toBe(reject);
    expect(latestRecord([reject, accept])).toBe(reject);
  });

  it('prefers any record to a value that is not one, and keeps the first of values that are not', () => {
    expect(latestRecord(['garbage', older, 'more'])).toBe(older);
    expect(latestRecord(['garbage', 'more'])).toBe('garbage');
    expect(latestRecord([undefined, older, undefined])).toBe(older);
    expect(latestRecord([])).toBeUndefined();
    expect(latestRecord([undefined])).toBeUndefined();
  });
});

describe('decodeRecord', () => {
  it('round-trips every method and granted set', () => {
    for (const method of ['accept-all', 'reject-all', 'custom'] as const) {
      for (const granted of [[], ['necessary'], ['necessary', 'a_b', 'c-d', 'x9']]) {
        const r = record({ method, granted, revision: 0 });
        expect(decodeRecord(encodeRecord(r))).toEqual(r);
      }
    }
  });

  it('decodes the documented example', () => {
    expect(decodeRecord(VALID)).toEqual(record());
  });

  it('accepts created == updated', () => {
    expect(decodeRecord(`1.${ID}.5.5.0.accept-all.a`)).toEqual(record({ created: 5, updated: 5, revision: 0, method: 'accept-all', granted: ['a'] }));
  });

  const rejected: Array<[string, unknown]> = [
    ['empty', ''],
    ['wrong version 2', VALID.replace(/^1\./, '2.')],
    ['wrong version 0', VALID.replace(/^1\./, '0.')],
    ['version 01', '0' + VALID],
    ['6 fields', `1.${ID}.1767225600.1767312000.3.custom`],
    ['8 fields', `${VALID}.extra`],
    ['extra dot inside granted', `1.${ID}.1.2.3.custom.a.b`],
    ['id of 31 hex', VALID.replace(ID, ID.slice(1))],
    ['id of 33 hex', VALID.replace(ID, ID + 'a')],
    ['id in upper case', VALID.replace(ID, ID.toUpperCase())],
    ['id not hex', VALID.replace(ID, 'g' + ID.slice(1))],
    ['a UUID id', VALID.replace(ID, '01234567-89ab-cdef-0123-456789abcdef')],
    ['method do-not-track (never stored)', VALID.replace('custom', 'do-not-track')],
    ['method global-privacy-control', VALID.replace('custom', 'global-privacy-control')],
    ['method in upper case', VALID.replace('custom', 'CUSTOM')],
    ['method unknown', VALID.replace('custom', 'all')],
    ['category id in upper case', VALID.replace('analytics', 'Analytics')],
    ['category id starting with a digit', VALID.replace('analytics', '1analytics')],
    ['category id with a space', VALID.replace('analytics', 'ana lytics')],
    ['empty category between +', VALID.replace('+analytics', '++analytics')],
    ['leading +', VALID.replace('necessary', '+necessary')],
    ['trailing +', VALID + '+'],
    ['category separated by ,', VALID.replace('+', ',')],
    ['negative created', VALID.replace('.1767225600.', '.-1767225600.')],
    ['created in exponent form', VALID.replace('.1767225600.', '.1e9.')],
    ['fractional updated', VALID.replace('.1767312000.', '.1767312000.5.')],
    ['timestamp of 12 digits', VALID.replace('.1767312000.', '.176731200000.')],
    ['revision of 10 digits', VALID.replace('.3.custom', '.1000000000.custom')],
    ['empty revision', VALID.replace('.3.custom', '..custom')],
    ['updated < created', `1.${ID}.1767312000.1767225600.3.custom.necessary`],
    ['leading space', ' ' + VALID],
    ['trailing newline', VALID + '\n'],
    ['percent-encoded dots', VALID.replace(/\./g, '%2E')],
    ['percent-encoded junk', '%E0%A4%A'],
    ['percent-encoded record', encodeURIComponent(`1.${ID}.1.2.3.custom.a`).replace(/\./g, '%2E')],
    ['JSON', JSON.stringify(record())],
    ['a foreign cookie value', 'GA1.2.1234567890.1767225600'],
    ['quoted', `"${VALID}"`],
    ['> 1024 chars', `1.${ID}.1.2.3.custom.` + Array.from({ length: 300 }, (_, i) => `c${i}`).join('+')],
  ];
  it.each(rejected)('%s → null', (_name, raw) => {
    expect(decodeRecord(raw)).toBeNull();
  });

  it.each([undefined, null, 1, true, {}, [], [VALID], new String(VALID)])('a non-string %j → null', (raw) => {
    expect(decodeRecord(raw)).toBeNull();
  });

  it('accepts exactly 1024 characters and rejects 1025', () => {
    const head = `1.${ID}.1.2.3.custom.`;
    const fill = (n: number) => head + 'a' + 'b'.repeat(n - head.length - 1);
    expect(fill(1024)).toHaveLength(1024);
    expect(decodeRecord(fill(1024))?.granted).toEqual(['a' + 'b'.repeat(1024 - head.length - 1)]);
    expect(decodeRecord(fill(1025))).toBeNull();
  });
});

describe('a record stored under any revision parseConfig accepts', () => {
  // The codec keeps at most 9 digits of the revision, so parseConfig stops there.
  it('is read back at the largest revision', () => {
    expect(() => parseConfig({ revision: 1_000_000_000 })).toThrow('[consentinel] config.revision');
    const config = parseConfig({ revision: 999_999_999 });
    const now = Date.UTC(2026, 0, 1);
    const state = acceptAll(config, initialState(config, null, { doNotTrack: false, globalPrivacyControl: false }, now), ID, now);
    const raw = encodeRecord(toRecord(state)!);
    expect(decodeRecord(raw)).not.toBeNull();
  });
});
