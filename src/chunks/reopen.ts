// Loaded once the visitor has decided: the reopen button, with its theme and its placement.
export { createReopen as default } from '../browser/reopen';
