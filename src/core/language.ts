import type { Config, MessagesOverride } from '../types';

/** Languages shipped with the package (English is inside the UI, the rest in dist/i18n/). */
export const LANGUAGES = ['en', 'et', 'nl', 'de', 'fr', 'es', 'it', 'pt', 'pl', 'fi', 'sv', 'lv', 'lt', 'ru', 'ar'];

/** Fetches or imports one built-in language file (`code` is one of LANGUAGES); rejects when it cannot. */
export type LanguageLoader = (code: string) => Promise<MessagesOverride>;

/** The built-in file for a code, if any: "pt-BR" uses "pt"; English needs no file (it is bundled). */
export const builtInFile = (code: string): string | undefined => {
  const file = LANGUAGES.find((l) => l === code || l === code.split('-')[0]);
  return file === 'en' ? undefined : file;
};

/** Right-to-left scripts among the languages a site may add. */
export const isRtl = (code: string) => /^(ar|he|fa|ur)\b/.test(code);

/**
 * The language to show: the configured one, or with "auto" the page's `<html lang>`, then the
 * browser's languages, then English. "pt-BR" matches "pt-BR" first, then "pt".
 */
export function resolveLanguage(configured: string, htmlLang: string | null | undefined, browser: readonly string[] | undefined, available: readonly string[]): string {
  const wanted = configured === 'auto' ? [htmlLang || '', ...(browser || [])] : [configured];
  for (const w of wanted) {
    const code = w.trim();
    const base = code.split('-')[0].toLowerCase();
    const hit = available.find((a) => a.toLowerCase() === code.toLowerCase()) || available.find((a) => a === base);
    if (hit) return hit;
  }
  return configured === 'auto' ? 'en' : configured;
}

/** The language for a config on a page: the built-in languages plus those the config adds. */
export const configLanguage = (config: Config, htmlLang: string | null | undefined, browser: readonly string[] | undefined) =>
  resolveLanguage(config.language, htmlLang, browser, [...LANGUAGES, ...Object.keys(config.translations)]);
