// Loaded on the first withdrawal.
export { createCleaner as default } from '../browser/cleaner';
