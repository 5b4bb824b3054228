// Loaded on the first decision (or withdrawal) when a consent log endpoint is configured, and at
// start when decisions wait to be sent again.
export { createConsentLog as default } from '../browser/consent-log';
