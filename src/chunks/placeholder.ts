// Loaded when the first iframe is blocked.
export { createPlaceholders as default } from '../browser/placeholder';
