/*
 * The script-tag UI (dist/consentinel-ui.mjs, an ES module). The core imports it from its own
 * directory only when something must be shown (at once on a likely first visit, in parallel with
 * the config), then calls `mount(consent, { base, loadLanguage })` with the core's loader of
 * `<base>i18n/<code>.json` (shared with the iframe placeholders). It imports the dialog itself
 * (consentinel-dialog-layer.mjs) at idle or when needed.
 */
export { mountConsentUI as mount } from './ui/mount';
