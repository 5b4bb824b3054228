import type { MessagesOverride } from '../types';

// One dynamic import per language, written out so that bundlers split each into its own chunk
// and a page downloads only the language it shows.
const LOADERS: Record<string, () => Promise<{ default: MessagesOverride }>> = {
  et: () => import('../i18n/et.json'),
  nl: () => import('../i18n/nl.json'),
  de: () => import('../i18n/de.json'),
  fr: () => import('../i18n/fr.json'),
  es: () => import('../i18n/es.json'),
  it: () => import('../i18n/it.json'),
  pt: () => import('../i18n/pt.json'),
  pl: () => import('../i18n/pl.json'),
  fi: () => import('../i18n/fi.json'),
  sv: () => import('../i18n/sv.json'),
  lv: () => import('../i18n/lv.json'),
  lt: () => import('../i18n/lt.json'),
  ru: () => import('../i18n/ru.json'),
  ar: () => import('../i18n/ar.json'),
};

/** ESM use: a built-in language as a code-split module. */
export const importLanguage = (code: string): Promise<MessagesOverride> =>
  LOADERS[code] ? LOADERS[code]().then((m) => m.default) : Promise.reject(new Error(`no language "${code}"`));
