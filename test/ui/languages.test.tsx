import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LANGUAGES } from '../../src/core/language';
import { importLanguage } from '../../src/ui/import-language';
import { mountConsentUI as mountESM } from '../../src/ui';
import { I18N, cleanDocument, flush, mount, serveTranslations } from './setup';
import { languageFiles } from '../../src/browser/language-files';
import { createConsent } from '../../src/create-consent';
import { createMemoryStore } from '../../src/browser/cookie-store';

afterEach(cleanDocument);

type Tree = { [k: string]: string | Tree };
const texts = (code: string): Tree => JSON.parse(readFileSync(join(I18N, `${code}.json`), 'utf8'));
const BASE = 'https://cdn.example/consentinel/';
/** A text as shown: link syntax gone, labels kept. */
const plain = (text: string) => text.replace(/\[([^\]]*)\]\(\w+\)/g, '$1');

/** Everything a visitor can read or hear in the banner and the dialog. */
async function everything(ui: ReturnType<typeof mount>) {
  const banner = ui.region()!.textContent! + ui.region()!.getAttribute('aria-label');
  ui.consent.showPreferences();
  await flush();
  for (const d of ui.$$<HTMLDetailsElement>('details')) d.open = true;
  return banner + ui.dialog()!.textContent + ui.$$('[aria-label]').map((e) => e.getAttribute('aria-label')).join();
}

// What the script-tag core hands the UI: its base and its loader of <base>i18n/<code>.json.
const scriptTag = () => ({ base: BASE, loadLanguage: languageFiles(BASE) });

describe('languages', () => {
  it.each(LANGUAGES.filter((c) => c !== 'en'))('%s: <html lang> picks it, fetched once from <base>i18n/ and shown', async (code) => {
    const urls = serveTranslations();
    document.documentElement.lang = code;
    const ui = mount({ links: { privacyPolicy: '/p', cookiePolicy: '/c' } }, { options: scriptTag() });
    expect(ui.host.lang).toBe(code);
    await vi.waitFor(() => expect(ui.region()).not.toBeNull());
    const t = texts(code) as Record<string, Record<string, string>>;
    const cats = texts(code).categories as Record<string, Record<string, string>>;
    const shown = await everything(ui);
    // Texts for other states: a policy update, a signal, a decided visitor (the consent id).
    const skip = ['banner.updated', 'dialog.signal', 'dialog.doNotTrack', 'dialog.globalPrivacyControl', 'dialog.consentId', 'table.category', 'table.none'];
    for (const group of ['banner', 'dialog', 'table']) {
      for (const [k, text] of Object.entries(t[group]!)) if (!skip.includes(`${group}.${k}`)) expect(shown, `${group}.${k}`).toContain(plain(text));
    }
    for (const id of ['necessary', 'analytics', 'affiliate', 'advertising']) {
      expect(shown).toContain(cats[id]!.title);
      expect(shown).toContain(plain(cats[id]!.description!));
    }
    expect(shown).not.toContain('Accept all');
    expect(urls).toEqual([`${BASE}i18n/${code}.json`]);
    expect(ui.host.dir).toBe(code === 'ar' ? 'rtl' : 'ltr');
  });

  it('English needs no request and renders at once', () => {
    const urls = serveTranslations();
    document.documentElement.lang = 'en-GB';
    const ui = mount({}, { options: scriptTag() });
    expect(ui.region()!.getAttribute('aria-label')).toBe('Your privacy, your choice');
    expect(urls).toEqual([]);
    expect(ui.host.dir).toBe('ltr');
  });

  it('config.language wins over <html lang>, and site translations merge over the built-in texts', async () => {
    serveTranslations();
    document.documentElement.lang = 'fr';
    const ui = mount({ language: 'de', translations: { de: { banner: { title: 'Datenschutz bei Nordwind' } } } }, { options: scriptTag() });
    await vi.waitFor(() => expect(ui.region()).not.toBeNull());
    expect(ui.region()!.getAttribute('aria-label')).toBe('Datenschutz bei Nordwind');
    expect(ui.button((texts('de').banner as Tree).acceptAll as string)).toBeTruthy();
  });

  it('right-to-left languages set dir="rtl" on the UI root only', async () => {
    serveTranslations();
    const ui = mount({ language: 'he', translations: { he: { banner: { title: 'הפרטיות שלך' } } } }, { options: scriptTag() });
    expect(ui.host.dir).toBe('rtl');
    expect(ui.region()!.getAttribute('aria-label')).toBe('הפרטיות שלך');
    expect(document.documentElement.hasAttribute('dir')).toBe(false);
  });

  it('shows English when a language file cannot be fetched', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.stubGlobal('fetch', async () => new Response('gone', { status: 404 }));
    document.documentElement.lang = 'sv';
    const ui = mount({}, { options: scriptTag() });
    await vi.waitFor(() => expect(ui.region()).not.toBeNull());
    expect(ui.region()!.getAttribute('aria-label')).toBe('Your privacy, your choice');
    expect(console.error).toHaveBeenCalledOnce();
  });

  it('ESM: every built-in language is a module of its own', async () => {
    for (const code of LANGUAGES.filter((c) => c !== 'en')) expect(await importLanguage(code)).toEqual(texts(code));
    await expect(importLanguage('xx')).rejects.toThrow('xx');
  });

  it('ESM: mountConsentUI imports the language instead of fetching it', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    document.documentElement.lang = 'lv';
    const consent = createConsent({}, { parts: [], store: createMemoryStore(), signals: { doNotTrack: false, globalPrivacyControl: false } });
    const unmount = mountESM(consent);
    const region = () => document.querySelector('[data-consentinel-root]')!.shadowRoot!.querySelector('[role="region"]');
    await vi.waitFor(() => expect(region()).not.toBeNull());
    expect(region()!.getAttribute('aria-label')).toBe((texts('lv').banner as Tree).title);
    expect(fetch).not.toHaveBeenCalled();
    unmount();
    consent.destroy();
  });
});
