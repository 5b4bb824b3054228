/*
 * The script-tag UI (dist/consentinel-ui.js). The core loads it from its own directory only when
 * something must be shown, then calls `ConsentinelUI.mount(consent, { base, loadLanguage })`, with
 * the core's loader of `<base>i18n/<code>.json` (shared with the iframe placeholders).
 */
import { mountConsentUI } from './ui/mount';

(window as unknown as { ConsentinelUI: { mount: typeof mountConsentUI } }).ConsentinelUI = { mount: mountConsentUI };
