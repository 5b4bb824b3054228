import { afterEach, describe, expect, it, vi } from 'vitest';
import en from '../../src/i18n/en.json';
import { parseConfig } from '../../src/core/config';
import { loadMessages, mergeMessages } from '../../src/ui/messages';
import type { MessagesOverride } from '../../src/types';

afterEach(() => vi.restoreAllMocks());

describe('mergeMessages', () => {
  it('merges deeply without touching its inputs', () => {
    const base = { a: { b: 'B', c: 'C' }, d: 'D' };
    const out = mergeMessages(base, { a: { b: 'b2' } });
    expect(out).toEqual({ a: { b: 'b2', c: 'C' }, d: 'D' });
    expect(base.a.b).toBe('B');
  });

  it('ignores values of the wrong kind and adds new subtrees', () => {
    const out = mergeMessages({ a: { b: 'B' }, d: 'D' }, { a: 'flat', d: { x: 'y' }, n: { title: 'New' } } as MessagesOverride);
    expect(out).toEqual({ a: { b: 'B' }, d: 'D', n: { title: 'New' } });
  });

  it('never lets "__proto__" reach a prototype', () => {
    const over = JSON.parse('{"__proto__": {"polluted": "yes"}, "a": {"__proto__": {"polluted": "yes"}}}');
    const out = mergeMessages({ a: { b: 'B' } }, over);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((out as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out.a)).toBe(Object.prototype);
  });
});

describe('loadMessages', () => {
  it('gives English at once, with the site overrides', () => {
    const m = loadMessages(parseConfig({ translations: { en: { banner: { title: 'Cookies?' } } } }), 'en');
    expect(m).not.toBeInstanceOf(Promise);
    expect((m as typeof en).banner.title).toBe('Cookies?');
    expect((m as typeof en).banner.acceptAll).toBe('Accept all');
  });

  it('loads a built-in language, then puts the site overrides on top', async () => {
    const load = vi.fn(async () => ({ banner: { title: 'Teie privaatsus', acceptAll: 'Nõustu kõigiga' } }));
    const config = parseConfig({ translations: { et: { banner: { title: 'Küpsised' } } } });
    const m = await loadMessages(config, 'et', load);
    expect(load).toHaveBeenCalledWith('et');
    expect(m.banner).toMatchObject({ title: 'Küpsised', acceptAll: 'Nõustu kõigiga', rejectAll: 'Reject all' });
  });

  it('uses the base language file for a regional code the site translates', async () => {
    const load = vi.fn(async () => ({ banner: { title: 'Privacidade' } }));
    const m = await loadMessages(parseConfig({ translations: { 'pt-BR': { banner: { acceptAll: 'Aceitar tudo' } } } }), 'pt-BR', load);
    expect(load).toHaveBeenCalledWith('pt');
    expect(m.banner).toMatchObject({ title: 'Privacidade', acceptAll: 'Aceitar tudo' });
  });

  it('falls back to English, with a console error, when a language cannot be loaded', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const m = await loadMessages(parseConfig({}), 'fi', () => Promise.reject(new Error('offline')));
    expect(m.banner.title).toBe(en.banner.title);
    expect(error.mock.calls[0]![0]).toMatch(/^\[consentinel\] .*"fi"/);
  });

  it('does not load anything for a language only the site provides', () => {
    const load = vi.fn();
    const m = loadMessages(parseConfig({ translations: { ja: { banner: { title: 'プライバシー' } } } }), 'ja', load);
    expect(load).not.toHaveBeenCalled();
    expect((m as typeof en).banner.title).toBe('プライバシー');
  });
});
