import { configLanguage } from '../core/language';
import { randomId } from '../core/random-id';
import type { ConsentState } from '../types';
import type { PartFactory } from './part';

export interface ConsentLogOptions {
  /** The last decided state seen before this code loaded: what a `reset()` withdraws. */
  readonly last?: ConsentState | null;
  /** Sends in flight are added here, so that the reload after a withdrawal waits for them. */
  readonly busy?: Promise<unknown>[];
}

/** The unsent records, in localStorage (the same key as in log-queue.ts, which the core checks). */
export const LOG_QUEUE_KEY = 'consentinel:log';

// A few records at most: a visitor makes one or two decisions per visit, and an endpoint that stays
// down for weeks must not fill the visitor's storage.
const MAX_QUEUED = 5;
// The reload after a withdrawal waits this long at most for the endpoint's answer.
const MAX_WAIT_MS = 3000;

function readQueue(): string[] {
  try {
    const queue = JSON.parse(localStorage.getItem(LOG_QUEUE_KEY) || '[]');
    return Array.isArray(queue) ? queue.filter((body) => typeof body == 'string') : [];
  } catch {
    return [];
  }
}

function writeQueue(queue: string[]) {
  try {
    if (queue.length) localStorage.setItem(LOG_QUEUE_KEY, JSON.stringify(queue.slice(-MAX_QUEUED)));
    else localStorage.removeItem(LOG_QUEUE_KEY);
  } catch {
    /* storage disabled: the decision is sent once, without a second chance */
  }
}

/**
 * Proof of consent (GDPR Art. 7(1)): each decision made here, and each withdrawal by `reset()`, is
 * POSTed as JSON to `consentLog.endpoint`. The record is queued in localStorage before it is sent
 * and leaves the queue only when the endpoint answers 2xx, so a decision whose request failed (the
 * endpoint down, offline, the page closed meanwhile) is sent again on a later page. fetch with
 * keepalive outlives the page; sendBeacon cannot say whether the endpoint stored the record.
 * Each record carries its own id, so a resend of a record that did arrive is not stored twice.
 */
export const createConsentLog =
  ({ last = null, busy = [] }: ConsentLogOptions = {}): PartFactory =>
  ({ config }) => {
    const endpoint = config.consentLog?.endpoint;
    let known = last;
    const inFlight = new Set<string>();

    const send = (body: string) => {
      if (inFlight.has(body)) return;
      inFlight.add(body);
      const sent = Promise.resolve()
        .then(() => fetch(endpoint!, { method: 'POST', body, keepalive: true, headers: { 'content-type': 'application/json' } }))
        .then((response) => {
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          writeQueue(readQueue().filter((queued) => queued != body));
        })
        .catch((e) => console.error('[consentinel] consentLog.endpoint: could not send the decision (kept, to send again on a later page)', e))
        .finally(() => inFlight.delete(body));
      busy.push(Promise.race([sent, new Promise((wait) => setTimeout(wait, MAX_WAIT_MS))]));
    };
    const sendQueued = () => readQueue().forEach(send);

    return {
      update(state, _changes, source) {
        if (!endpoint) return;
        const previous = known;
        known = state.id ? state : null;
        if (source == 'init') return sendQueued();
        // Only what happens on this page is recorded here: another tab records its own decisions.
        if (source != 'user') return;
        // A reset() leaves no consent id: the withdrawal is recorded against the one it forgets.
        const withdrawn = state.id ? null : previous;
        if (!state.id && !withdrawn?.id) return;
        const body = JSON.stringify({
          recordId: randomId(),
          id: state.id ?? withdrawn!.id,
          createdAt: new Date((withdrawn ?? state).createdAt!).toISOString(),
          // A clock that went back must not put the withdrawal before the decision it withdraws.
          decidedAt: new Date(withdrawn ? Math.max(Date.now(), withdrawn.decidedAt!) : state.decidedAt!).toISOString(),
          revision: state.revision,
          method: withdrawn ? 'withdrawal' : state.method,
          granted: config.order.filter((id) => state.granted[id]),
          refused: config.order.filter((id) => !state.granted[id]),
          language: configLanguage(config, document.documentElement.lang, navigator.languages),
          signals: state.signals,
          url: location.origin + location.pathname,
        });
        writeQueue([...readQueue(), body]);
        sendQueued();
        // Storage disabled: the queue is empty, and this decision is still sent once.
        send(body);
      },
    };
  };
