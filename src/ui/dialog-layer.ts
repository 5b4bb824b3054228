/*
 * The second layer, one module: the preferences dialog, the cookie tables and their rules.
 * Loaded on demand (second-layer.ts), so that a first visit fetches only the banner.
 */
export { PreferencesDialog } from './components/PreferencesDialog';
export { CookieDeclarationTables } from './components/CookieTable';
export { modalDialog } from './modal';
export { allMessages } from './all-messages';
export { default as css } from '../../styles/dialog.css?raw';
