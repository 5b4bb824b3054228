/**
 * The UI for bundlers: `mountConsentUI(consent)` shows the banner and the preferences dialog of a
 * consent instance. Languages other than English are separate chunks, imported when needed.
 * @example
 * import { createConsent } from 'consentinel';
 * import { mountConsentUI } from 'consentinel/ui';
 * mountConsentUI(createConsent(config));
 */
import type { Consent } from './types';
import { mountConsentUI as mount, type MountOptions } from './ui/mount';
import { importLanguage } from './ui/import-language';

export type { MountOptions } from './ui/mount';
export type { Messages, LanguageLoader } from './ui/messages';

/** Mounts the banner, the dialog and the cookie tables; returns `unmount()`. */
export function mountConsentUI(consent: Consent, options: MountOptions = {}): () => void {
  return mount(consent, { loadLanguage: importLanguage, ...options });
}
