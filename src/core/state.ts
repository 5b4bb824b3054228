import type { Changes, Config, ConsentState, Method, Signals } from '../types';
import type { ConsentRecord } from './codec';
import { fail, freeze } from './spec';
import { signalMethod } from './signals';

const DAY = 864e5;
type Granted = Record<string, boolean>;

/** Every category of the config, required ones forced on. */
function grant(config: Config, on: (id: string) => boolean): Granted {
  const out: Granted = {};
  for (const id of config.order) out[id] = config.categories[id].required || on(id);
  return out;
}

/**
 * The state at start-up from the stored record (or none), the browser signals and the clock.
 * A record of another revision, an expired one or one from the future is no choice.
 * In opt-out mode a signal also overrides a stored "accept all" (the notice's OK): under the
 * CCPA regulations (§7025(c)(3)) an opt-out preference signal wins over an earlier general
 * setting. A choice made category by category in the dialog ("custom") still wins, as SPEC §6 says.
 * A `crawler` gets no automatic yes in opt-out mode either.
 */
export function initialState(config: Config, record: ConsentRecord | null, signals: Signals, now: number, crawler = false): ConsentState {
  const valid =
    record &&
    record.revision === config.revision &&
    record.updated * 1000 <= now + DAY &&
    record.updated * 1000 + config.cookie.expiresDays * DAY > now &&
    !(config.mode === 'opt-out' && record.method === 'accept-all' && signalMethod(config, signals));
  if (record && valid) {
    return freeze({
      decided: true,
      granted: grant(config, (id) => record.granted.includes(id)),
      id: record.id,
      createdAt: record.created * 1000,
      decidedAt: record.updated * 1000,
      revision: record.revision,
      method: record.method,
      signals,
      outdated: false,
    });
  }
  const signal = signalMethod(config, signals);
  return freeze({
    decided: !!signal,
    // Opt-out mode's default yes is for people who saw the notice; a crawler gets no automatic yes.
    granted: grant(config, () => !signal && !crawler && config.mode === 'opt-out'),
    id: null,
    createdAt: null,
    decidedAt: null,
    revision: config.revision,
    method: signal,
    signals,
    outdated: !!record && record.revision < config.revision,
  });
}

/** A decision by the visitor. `choices` names some categories; the rest keep their state. */
export function decide(config: Config, state: ConsentState, method: Method, choices: Readonly<Granted>, id: string, now: number): ConsentState {
  if (typeof choices !== 'object' || !choices) fail('save()', 'expected an object like { analytics: true }');
  for (const k of Object.keys(choices)) {
    if (!Object.hasOwn(config.categories, k)) fail(`save(${k})`, `unknown category (${config.order.join(', ')})`);
    if (typeof choices[k] !== 'boolean') fail(`save(${k})`, 'expected true or false');
  }
  return freeze({
    decided: true,
    granted: grant(config, (c) => (Object.hasOwn(choices, c) ? choices[c] : state.granted[c])),
    id: state.id ?? id,
    createdAt: state.createdAt ?? now,
    // A clock that went back since the first decision must not make the record read as invalid.
    decidedAt: Math.max(now, state.createdAt ?? now),
    revision: config.revision,
    method,
    signals: state.signals,
    outdated: false,
  });
}

export function acceptAll(config: Config, state: ConsentState, id: string, now: number) {
  // In opt-out mode a stored "accept all" may be the notice's OK, which a later signal overrides
  // (initialState). Accepting all while a signal is on is an explicit choice against the signal:
  // it is stored as a choice per category, which a signal never overrides (SPEC §6).
  const againstSignal = config.mode === 'opt-out' && signalMethod(config, state.signals) !== null;
  return decide(config, state, againstSignal ? 'custom' : 'accept-all', grant(config, () => true), id, now);
}

export function rejectAll(config: Config, state: ConsentState, id: string, now: number) {
  return decide(config, state, 'reject-all', grant(config, () => false), id, now);
}

/** The record to store for a decided state (signal-derived states are never stored). */
export function toRecord(state: ConsentState): ConsentRecord | null {
  const m = state.method;
  return state.id && (m === 'accept-all' || m === 'reject-all' || m === 'custom')
    ? { id: state.id, created: Math.floor(state.createdAt! / 1000), updated: Math.floor(state.decidedAt! / 1000), revision: state.revision, method: m, granted: Object.keys(state.granted).filter((k) => state.granted[k]) }
    : null;
}

/** Which categories a transition switched on and off: what the gate and the cleaner act on. */
export function changes(prev: ConsentState, next: ConsentState): Changes {
  const ids = Object.keys(next.granted);
  return {
    granted: ids.filter((id) => next.granted[id] && !prev.granted[id]),
    revoked: ids.filter((id) => !next.granted[id] && prev.granted[id]),
  };
}
