// @vitest-environment node
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, isRtl, resolveLanguage } from '../../src/core/language';

const AVAILABLE = ['en', 'et', 'de', 'pt', 'fr'];

describe('resolveLanguage', () => {
  it.each([
    ['<html lang> first', 'et', ['de'], 'et'],
    ['a region falls back to its base language', 'pt-BR', [], 'pt'],
    ['case does not matter', 'ET', [], 'et'],
    ['blank around the code is ignored', ' de ', [], 'de'],
    ['then the browser languages in order', '', ['xx', 'de-DE', 'fr'], 'de'],
    ['an unknown <html lang> goes on to the browser', 'ja', ['fr-CA'], 'fr'],
    ['English when nothing matches', 'ja', ['zh-CN', 'ko'], 'en'],
    ['English without any hint', '', [], 'en'],
  ] as const)('auto: %s', (_name, html, browser, expected) => {
    expect(resolveLanguage('auto', html, browser, AVAILABLE)).toBe(expected);
  });

  it('auto: handles a missing <html lang> and missing navigator.languages', () => {
    expect(resolveLanguage('auto', null, undefined, AVAILABLE)).toBe('en');
    expect(resolveLanguage('auto', undefined, ['et'], AVAILABLE)).toBe('et');
  });

  it('prefers an exact regional match over the base language', () => {
    expect(resolveLanguage('auto', 'pt-BR', [], ['en', 'pt', 'pt-BR'])).toBe('pt-BR');
    expect(resolveLanguage('auto', 'pt-br', [], ['en', 'pt', 'pt-BR'])).toBe('pt-BR');
    expect(resolveLanguage('auto', 'pt-PT', [], ['en', 'pt', 'pt-BR'])).toBe('pt');
  });

  it('a configured language wins over the page and the browser', () => {
    expect(resolveLanguage('fr', 'et', ['de'], AVAILABLE)).toBe('fr');
    expect(resolveLanguage('pt-BR', 'et', [], AVAILABLE)).toBe('pt');
  });

  it('a configured language that is not available is kept (the site brings its translations)', () => {
    expect(resolveLanguage('ja', 'et', [], AVAILABLE)).toBe('ja');
  });
});

describe('isRtl', () => {
  it.each(['ar', 'ar-EG', 'he', 'he-IL', 'fa', 'ur'])('%s is right-to-left', (code) => expect(isRtl(code)).toBe(true));
  it.each(['en', 'et', 'arn', 'heverything', 'de-AR', 'fr'])('%s is left-to-right', (code) => expect(isRtl(code)).toBe(false));
});

describe('LANGUAGES', () => {
  it('names exactly the languages shipped in src/i18n (English first)', () => {
    const files = readdirSync(new URL('../../src/i18n/', import.meta.url)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
    expect(LANGUAGES[0]).toBe('en');
    expect([...LANGUAGES].sort()).toEqual(files.sort());
  });
});
