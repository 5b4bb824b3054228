/**
 * Decisions the consent log endpoint has not acknowledged yet are kept in localStorage under this
 * one key (strictly necessary: they are the proof of consent the site must be able to show). The
 * log chunk (consent-log.ts) spells it again: a module shared by the core and a chunk would make
 * the ESM entry a re-export of a shared file. test/create-consent.test.ts ties the two.
 */
const LOG_QUEUE_KEY = 'consentinel:log';

/** The core's cheap check at start: is there anything to send again (then the log chunk loads)? */
export function hasLogQueue(): boolean {
  try {
    return !!localStorage.getItem(LOG_QUEUE_KEY);
  } catch {
    return false;
  }
}
