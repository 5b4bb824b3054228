// Named imports: the bundle keeps only the parts of English the UI shows (not the placeholder
// texts, which live with the core's gate).
import { banner, notice, dialog, table, categories } from '../i18n/en.json';
import type { Config, MessagesOverride } from '../types';
import { LANGUAGES } from '../core/language';

/** Every text the UI shows. Each language file has this tree (see src/i18n/en.json). */
export interface Messages {
  banner: typeof banner;
  notice: typeof notice;
  dialog: typeof dialog;
  table: typeof table;
  categories: Record<string, { title?: string; description?: string } | undefined>;
}

const en = { banner, notice, dialog, table, categories };

/** Fetches or imports one built-in language; rejects when it cannot. */
export type LanguageLoader = (code: string) => Promise<MessagesOverride>;

type Tree = { [key: string]: string | Tree };

/**
 * `over` merged into a copy of `base`: strings replace strings, objects merge key by key.
 * A value of the wrong kind is ignored, so a broken translation cannot hide a text.
 */
export function mergeMessages(base: Tree, over?: MessagesOverride): Tree {
  const out: Tree = { ...base };
  for (const k of Object.keys(over || {})) {
    // JSON.parse makes "__proto__" an own key; assigning it would change out's prototype.
    if (k === '__proto__') continue;
    const v = over![k];
    const b = out[k];
    if (typeof v === 'string') {
      if (typeof b !== 'object') out[k] = v;
    } else if (v && typeof v === 'object' && typeof b !== 'string') {
      out[k] = mergeMessages(b || {}, v);
    }
  }
  return out;
}

/** The built-in file for a code: "pt-BR" uses "pt" under the site's "pt-BR" overrides. */
const builtIn = (code: string) => LANGUAGES.find((l) => l === code || l === code.split('-')[0]);

/**
 * The texts for `code`: English, then the built-in language (through `load`), then the site's
 * `translations[code]`. Synchronous when nothing has to be loaded, so English shows at once.
 */
export function loadMessages(config: Config, code: string, load?: LanguageLoader): Messages | Promise<Messages> {
  const finish = (loaded?: MessagesOverride) =>
    mergeMessages(mergeMessages(en, loaded), config.translations[code]) as unknown as Messages;
  const file = builtIn(code);
  if (!load || !file || file === 'en') return finish();
  return load(file).then(finish, (e) => {
    console.error(`[consentinel] could not load the "${file}" texts, showing English`, e);
    return finish();
  });
}

/** Script-tag use: the languages sit next to the UI file, in `<base>i18n/<code>.json`. */
export const fetchLanguage =
  (base: string): LanguageLoader =>
  (code) =>
    fetch(`${base}i18n/${code}.json`).then((r) => {
      if (!r.ok) throw new Error(`${r.status} ${r.url}`);
      return r.json();
    });
