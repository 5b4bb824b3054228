import { configLanguage } from '../core/language';
import type { PartFactory } from './part';

/**
 * Proof of consent (GDPR Art. 7(1)): each decision made here is POSTed as JSON to
 * `consentLog.endpoint`. sendBeacon survives the page being closed right after the click;
 * fetch with keepalive is the fallback. A failure is reported and never blocks the page.
 */
export const createConsentLog = (): PartFactory => ({ config }) => ({
  update(state, _changes, source) {
    const endpoint = config.consentLog?.endpoint;
    // Only decisions are logged: a reset has no consent id to prove anything about.
    if (!endpoint || source !== 'user' || !state.id) return;
    const body = JSON.stringify({
      id: state.id,
      createdAt: new Date(state.createdAt!).toISOString(),
      decidedAt: new Date(state.decidedAt!).toISOString(),
      revision: state.revision,
      method: state.method,
      granted: config.order.filter((id) => state.granted[id]),
      refused: config.order.filter((id) => !state.granted[id]),
      language: configLanguage(config, document.documentElement.lang, navigator.languages),
      signals: state.signals,
      url: location.origin + location.pathname,
    });
    try {
      if (navigator.sendBeacon?.(endpoint, new Blob([body], { type: 'application/json' }))) return;
    } catch {
      /* fall through to fetch */
    }
    fetch(endpoint, { method: 'POST', body, keepalive: true, headers: { 'content-type': 'application/json' } }).catch((e) =>
      console.error('[consentinel] consentLog.endpoint: could not send the decision', e),
    );
  },
});
