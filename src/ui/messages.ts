// Named imports: the bundle keeps only the parts of English the UI shows. The texts only the core
// shows (placeholder, reopen) are known keys here, so their English is not bundled twice.
import { banner, notice, dialog, table, categories, links } from '../i18n/en.json';
import type { Config, MessagesOverride } from '../types';
import { LANGUAGES } from '../core/language';

/** Every text the UI shows. Each language file has this tree (see src/i18n/en.json). */
export interface Messages {
  banner: typeof banner;
  notice: typeof notice;
  dialog: typeof dialog;
  table: typeof table;
  categories: Record<string, { title?: string; description?: string } | undefined>;
  /** Labels of the policy links the dialog lists. */
  links: typeof links;
}

/** Fetches or imports one built-in language; rejects when it cannot. */
export type LanguageLoader = (code: string) => Promise<MessagesOverride>;

type Tree = { [key: string]: string | Tree };

/** en.json's key tree: English where the UI shows it, a stand-in for the texts only the core shows. */
const en: Tree = { banner, notice, dialog, table, categories, placeholder: { text: '-', allow: '-' }, reopen: '-', links };

/**
 * `over` merged into a copy of `base`: strings replace strings, objects merge key by key.
 * Only the keys of en.json's tree count (any category id has the keys of a category), and a
 * value of the wrong kind is ignored, so a broken translation cannot hide a text. With `path` (a
 * site's `translations`), each unknown key is reported under it, since unknown config keys are
 * errors (SPEC section 3): a typo must not go unseen.
 */
export function mergeMessages(base: Tree, over?: MessagesOverride, path?: string, known: Tree = en): Tree {
  const out: Tree = { ...base };
  for (const k of Object.keys(over || {})) {
    const v = over![k];
    const b = out[k];
    const p = `${path}.${k}`;
    // Own keys only ("constructor" is no text); a category id starts with a-z ("__proto__" is none).
    const t = Object.hasOwn(known, k) ? known[k] : known == categories && /^[a-z]/.test(k) && categories.necessary;
    if (!t) path && console.error(`[consentinel] ${p}: unknown key`);
    else if (typeof v == 'string') typeof b != 'object' && (out[k] = v);
    else if (typeof b != 'string') out[k] = mergeMessages(b, v, path && p, t as Tree);
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
    mergeMessages(mergeMessages(en, loaded), config.translations[code], `config.translations.${code}`) as unknown as Messages;
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
