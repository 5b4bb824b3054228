// Every text, for the second layer (the dialog, the cookie tables): the rest of English, and the
// merge that reports the site's unknown translation keys.
import { banner, notice, dialog, table, categories, links } from '../i18n/en.json';
import type { Config, MessagesOverride } from '../types';
import { mergeMessages, type Messages, type Tree } from './messages';

/**
 * en.json's key tree: English where the UI shows it, a stand-in for the texts only the core shows
 * (placeholder, reopen: known keys here, so that their English is not bundled twice).
 */
export const ENGLISH: Tree = { banner, notice, dialog, table, categories, placeholder: { text: '-', allow: '-' }, reopen: '-', links };

/** Every text for `code`: English, then the built-in language (`loaded`), then the site's `translations[code]`, each unknown key of which is reported. */
export const allMessages = (config: Config, code: string, loaded?: MessagesOverride): Messages =>
  mergeMessages(mergeMessages(ENGLISH, loaded, ENGLISH), config.translations[code], ENGLISH, `config.translations.${code}`) as unknown as Messages;
