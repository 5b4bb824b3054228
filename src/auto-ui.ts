/*
 * The script-tag UI (dist/consentinel-ui.js). The core loads it from its own directory only when
 * something must be shown, then calls `ConsentinelUI.mount(consent, { base })`; languages other
 * than English are fetched from `<base>i18n/<code>.json`.
 */
import { mountConsentUI } from './ui/mount';

(window as unknown as { ConsentinelUI: { mount: typeof mountConsentUI } }).ConsentinelUI = { mount: mountConsentUI };
