export { createConsent } from './create-consent';
export type { ConsentOptions } from './create-consent';
export { parseConfig } from './core/config';
export { decodeRecord, encodeRecord } from './core/codec';
export type { ConsentRecord } from './core/codec';
export { createMemoryStore } from './browser/cookie-store';
export type { ConsentStore } from './browser/cookie-store';
export type {
  Category,
  CategoryId,
  Changes,
  Config,
  Consent,
  ConsentConfig,
  ConsentState,
  CookieDeclaration,
  Listener,
  Method,
  Mode,
  Signals,
  View,
} from './types';
