import { afterEach, describe, expect, it, vi } from 'vitest';
import en from '../../src/i18n/en.json';
import { parseConfig } from '../../src/core/config';
import { bannerMessages, loadTranslation, mergeMessages, type LanguageLoader, type Messages } from '../../src/ui/messages';
import { ENGLISH, allMessages } from '../../src/ui/all-messages';
import type { Config } from '../../src/types';

/** As mount() composes them: the built-in language file (if any), then every text over it. */
function loadMessages(config: Config, code: string, load?: LanguageLoader): Messages | Promise<Messages> {
  const loaded = loadTranslation(code, load);
  return loaded instanceof Promise ? loaded.then((over) => allMessages(config, code, over)) : allMessages(config, code, loaded);
}
import type { MessagesOverride } from '../../src/types';

afterEach(() => vi.restoreAllMocks());

describe('mergeMessages', () => {
  it('merges deeply without touching its inputs', () => {
    const base = { banner: { title: 'T', close: 'C' }, reopen: 'R' };
    const out = mergeMessages(base, { banner: { title: 't2' } }, ENGLISH);
    expect(out).toEqual({ banner: { title: 't2', close: 'C' }, reopen: 'R' });
    expect(base.banner.title).toBe('T');
  });

  it('ignores values of the wrong kind and keys en.json does not have; adds new categories', () => {
    const over = { banner: 'flat', reopen: { x: 'y' }, extra: 'x', dialog: { titel: 'x' }, categories: { chat: { title: 'Chat', colour: 'x' } } };
    const out = mergeMessages({ banner: { title: 'T' }, reopen: 'R', dialog: { title: 'D' } }, over as MessagesOverride, ENGLISH);
    expect(out).toEqual({ banner: { title: 'T' }, reopen: 'R', dialog: { title: 'D' }, categories: { chat: { title: 'Chat' } } });
  });

  it('never lets "__proto__" reach a prototype', () => {
    const over = JSON.parse('{"__proto__": {"polluted": "yes"}, "banner": {"__proto__": {"polluted": "yes"}}, "categories": {"__proto__": {"title": "yes"}}}');
    const out = mergeMessages({ banner: { title: 'T' }, categories: {} }, over, ENGLISH);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((out as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out.banner)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(out.categories)).toBe(Object.prototype);
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

  it('reports each key of the site translations that en.json does not have, and ignores it', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const translations = {
      en: {
        banner: { titel: 'Typo', title: 'Cookies?' },
        bannr: { title: 'x' },
        categories: { chat: { title: 'Chat', descripton: 'x' }, Chat: { title: 'x' } },
        placeholder: { allow: 'Allow {category}', deny: 'x' },
        reopen: 'Settings',
        links: { privacyPolicy: 'Privacy' },
        table: { name: 'Name', category: 'Kind' },
      },
    };
    const m = loadMessages(parseConfig({ translations }), 'en') as Messages & Record<string, unknown>;
    expect(error.mock.calls.map((c) => c[0])).toEqual([
      '[consentinel] config.translations.en.banner.titel: unknown key',
      '[consentinel] config.translations.en.bannr: unknown key',
      '[consentinel] config.translations.en.categories.chat.descripton: unknown key',
      '[consentinel] config.translations.en.categories.Chat: unknown key',
      '[consentinel] config.translations.en.placeholder.deny: unknown key',
    ]);
    expect(m.banner.title).toBe('Cookies?');
    expect(m.banner).not.toHaveProperty('titel');
    expect(m).not.toHaveProperty('bannr');
    expect(m.categories).toMatchObject({ chat: { title: 'Chat' } });
    expect(m.categories.chat).not.toHaveProperty('descripton');
    expect(m.categories).not.toHaveProperty('Chat');
  });

  it('reports unknown keys under the code the site wrote, over a loaded language too', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const load = vi.fn(async () => ({ banner: { title: 'Privacidade' } }));
    const m = await loadMessages(parseConfig({ translations: { 'pt-BR': { banner: { acceptAll: 'Aceitar tudo', acept: 'x' } } } }), 'pt-BR', load);
    expect(error.mock.calls.map((c) => c[0])).toEqual(['[consentinel] config.translations.pt-BR.banner.acept: unknown key']);
    expect(m.banner).toMatchObject({ title: 'Privacidade', acceptAll: 'Aceitar tudo' });
  });

  it('reports nothing for a complete translation of en.json', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    loadMessages(parseConfig({ translations: { en: en as MessagesOverride, xx: en as MessagesOverride } }), 'xx');
    expect(error).not.toHaveBeenCalled();
  });
});

describe('bannerMessages (the first layer)', () => {
  it('holds the banner and notice texts only, with the loaded language and the site overrides on top, and reports nothing', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const config = parseConfig({ translations: { et: { banner: { title: 'Sinu valik', titel: 'typo' } } } });
    const m = bannerMessages(config, 'et', { banner: { title: 'Privaatsus', acceptAll: 'Nõustu kõigiga' }, dialog: { title: 'Eelistused' } });
    expect(Object.keys(m)).toEqual(['banner', 'notice']);
    expect(m.banner).toMatchObject({ title: 'Sinu valik', acceptAll: 'Nõustu kõigiga', rejectAll: 'Reject all' });
    // The typo is reported once, by the second layer's full merge (loadMessages), not here too.
    expect(error).not.toHaveBeenCalled();
  });
});
