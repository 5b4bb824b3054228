// The first layer's texts: the banner's English is bundled here, the rest of English comes with
// the second layer (all-messages.ts), so that a first visit does not download the dialog's texts.
import { banner, notice } from '../i18n/en.json?keys=banner,notice.json';
import type english from '../i18n/en.json';
import type { Config, MessagesOverride } from '../types';
import { builtInFile, type LanguageLoader } from '../core/language';

/** Every text the UI shows. Each language file has this tree (see src/i18n/en.json). */
export interface Messages {
  banner: typeof english.banner;
  notice: typeof english.notice;
  dialog: typeof english.dialog;
  table: typeof english.table;
  categories: Record<string, { title?: string; description?: string } | undefined>;
  /** Labels of the policy links the dialog lists. */
  links: typeof english.links;
}

/** What the first layer shows: the banner, or the opt-out notice. */
export type BannerMessages = Pick<Messages, 'banner' | 'notice'>;

export type { LanguageLoader } from '../core/language';

export type Tree = { [key: string]: string | Tree };

/**
 * `over` merged into a copy of `base`: strings replace strings, objects merge key by key.
 * Only the keys of `known` count (under "categories", any category id has the keys of the
 * `necessary` category), and a value of the wrong kind is ignored, so a broken translation
 * cannot hide a text. With `path` (a site's `translations`), each unknown key is reported under
 * it, since unknown config keys are errors (SPEC section 3): a typo must not go unseen.
 */
export function mergeMessages(base: Tree, over: MessagesOverride | undefined, known: Tree, path?: string, level: 'top' | 'categories' | 'inner' = 'top'): Tree {
  const out: Tree = { ...base };
  for (const k of Object.keys(over || {})) {
    const v = over![k];
    const b = out[k];
    const p = `${path}.${k}`;
    // Own keys only ("constructor" is no text); a category id starts with a-z ("__proto__" is none).
    const t = Object.hasOwn(known, k) ? known[k] : level == 'categories' && /^[a-z]/.test(k) && known.necessary;
    if (!t) path && console.error(`[consentinel] ${p}: unknown key`);
    else if (typeof v == 'string') typeof b != 'object' && (out[k] = v);
    else if (typeof b != 'string') out[k] = mergeMessages(b, v, t as Tree, path && p, level == 'top' && k == 'categories' ? 'categories' : 'inner');
  }
  return out;
}

/**
 * The built-in language file for `code` (through `load`), or nothing for English, a language only
 * the site translates, or without a loader. Synchronous then, so English shows at once. A file
 * that cannot be loaded is reported, and English is shown.
 */
export function loadTranslation(code: string, load?: LanguageLoader): MessagesOverride | undefined | Promise<MessagesOverride | undefined> {
  // "pt-BR" uses the built-in "pt" under the site's "pt-BR" overrides.
  const file = builtInFile(code);
  if (!load || !file) return undefined;
  return load(file).catch((e) => {
    console.error(`[consentinel] could not load the "${file}" texts, showing English`, e);
    return undefined;
  });
}

const BANNER_ENGLISH: Tree = { banner, notice };

/**
 * The banner's texts for `code`: English, then the built-in language (`loaded`), then the
 * site's `translations[code]`. Unknown keys are reported by the second layer, which merges them all.
 */
export const bannerMessages = (config: Config, code: string, loaded?: MessagesOverride): BannerMessages =>
  mergeMessages(mergeMessages(BANNER_ENGLISH, loaded, BANNER_ENGLISH), config.translations[code], BANNER_ENGLISH) as unknown as BannerMessages;
