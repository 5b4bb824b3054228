// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isReferralId, readReferral, stripReferral } from '../../src/core/referral';

describe('readReferral', () => {
  const params = ['ref', 'aff'];

  it('reads the first listed parameter holding a valid id', () => {
    expect(readReferral('?ref=partner42', params)).toBe('partner42');
    expect(readReferral('?page=2&aff=shop.example_1~x-y', params)).toBe('shop.example_1~x-y');
    expect(readReferral('?aff=second&ref=first', params)).toBe('first');
    expect(readReferral('?ref=bad%20id&aff=good', params)).toBe('good');
    expect(readReferral('?ref=%41B', params)).toBe('AB');
  });

  it('returns null without a parameter or with a parameter it was not told about', () => {
    expect(readReferral('', params)).toBeNull();
    expect(readReferral('?', params)).toBeNull();
    expect(readReferral('?utm_source=x', params)).toBeNull();
    expect(readReferral('?ref=p', [])).toBeNull();
    expect(readReferral('?REF=p', params)).toBeNull();
  });

  it('rejects ids that are empty, too long or carry other characters', () => {
    for (const bad of ['', 'a b', 'a;b', 'a%3Bb', '<x>', 'a"b', 'a,b', 'ä', 'a+b', 'x'.repeat(65)])
      expect(readReferral('?ref=' + bad, params), bad).toBeNull();
    expect(readReferral('?ref=' + 'x'.repeat(64), params)).toBe('x'.repeat(64));
  });
});

describe('isReferralId', () => {
  it('accepts only 1–64 unreserved characters', () => {
    expect(isReferralId('partner42')).toBe(true);
    expect(isReferralId('A-Z.a_z~09')).toBe(true);
    expect(isReferralId(undefined)).toBe(false);
    expect(isReferralId(42)).toBe(false);
    expect(isReferralId('x\n')).toBe(false);
    expect(isReferralId('x'.repeat(65))).toBe(false);
  });
});

describe('stripReferral', () => {
  it('removes every listed parameter and keeps the rest as written', () => {
    expect(stripReferral('?ref=p42', ['ref', 'aff'])).toBe('');
    expect(stripReferral('?a=b%20c&ref=p42&aff=x&d=e+f', ['ref', 'aff'])).toBe('?a=b%20c&d=e+f');
    expect(stripReferral('?ref=1&ref=2&r=3', ['ref'])).toBe('?r=3');
    expect(stripReferral('?%72ef=p42&x', ['ref'])).toBe('?x');
    expect(stripReferral('?page=2', ['ref'])).toBe('?page=2');
    expect(stripReferral('', ['ref'])).toBe('');
  });
});
