import type { Config, Method, Signals } from '../types';

/**
 * Which browser signal, if any, refuses every optional category for this config. Signals only
 * ever refuse: their absence never counts as consent, and an explicit stored choice wins.
 * GPC is named first because it is the one with legal force (CCPA regulations §7025).
 */
export function signalMethod(config: Config, signals: Signals): Method | null {
  if (config.respectGlobalPrivacyControl && signals.globalPrivacyControl) return 'global-privacy-control';
  if (config.respectDoNotTrack && signals.doNotTrack) return 'do-not-track';
  return null;
}
