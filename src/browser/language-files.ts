import type { LanguageLoader } from '../core/language';

/**
 * The built-in languages other than English, as the files beside the script
 * (`<base>i18n/<code>.json`). Each file is fetched at most once per page, and the one loader is
 * shared by the iframe placeholders and the UI (auto.ts hands it to both). A failed fetch is tried
 * again on the next call.
 * @example languageFiles('/consentinel/')('et') // fetches /consentinel/i18n/et.json
 */
export function languageFiles(base: string): LanguageLoader {
  const files = new Map<string, ReturnType<LanguageLoader>>();
  return (code) => {
    let file = files.get(code);
    if (!file) {
      file = fetch(`${base}i18n/${code}.json`).then((response) => {
        if (!response.ok) throw new Error(`${response.status} ${response.url}`);
        return response.json();
      });
      file.catch(() => files.delete(code));
      files.set(code, file);
    }
    return file;
  };
}
