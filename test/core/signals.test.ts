// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config';
import { signalMethod } from '../../src/core/signals';

const signals = (doNotTrack: boolean, globalPrivacyControl: boolean) => ({ doNotTrack, globalPrivacyControl });

describe('signalMethod', () => {
  const respects = (respectDoNotTrack: boolean, respectGlobalPrivacyControl: boolean) => parseConfig({ respectDoNotTrack, respectGlobalPrivacyControl });

  // [respect DNT, respect GPC, DNT sent, GPC sent, result]
  const table: Array<[boolean, boolean, boolean, boolean, string | null]> = [
    [true, true, false, false, null],
    [true, true, true, false, 'do-not-track'],
    [true, true, false, true, 'global-privacy-control'],
    [true, true, true, true, 'global-privacy-control'],
    [false, true, true, false, null],
    [false, true, true, true, 'global-privacy-control'],
    [true, false, false, true, null],
    [true, false, true, true, 'do-not-track'],
    [false, false, true, true, null],
  ];
  it.each(table)('respect DNT %s, GPC %s; sent DNT %s, GPC %s → %s', (rDnt, rGpc, dnt, gpc, expected) => {
    expect(signalMethod(respects(rDnt, rGpc), signals(dnt, gpc))).toBe(expected);
  });

  it('respects both by default', () => {
    expect(signalMethod(parseConfig(), signals(true, false))).toBe('do-not-track');
    expect(signalMethod(parseConfig(), signals(false, true))).toBe('global-privacy-control');
  });
});
