import type { Signals } from '../types';

type Nav = { doNotTrack?: unknown; globalPrivacyControl?: unknown; msDoNotTrack?: unknown };

/**
 * Do Not Track and Global Privacy Control as the browser reports them. Fails closed: any error
 * while reading counts as no signal (a signal only ever refuses, so "none" is the safe reading).
 * https://w3c.github.io/gpc/#javascript-property-to-detect-preference
 */
export function readSignals(nav: Nav = navigator, win: { doNotTrack?: unknown } = window as { doNotTrack?: unknown }): Signals {
  try {
    const dnt = nav.doNotTrack ?? win.doNotTrack ?? nav.msDoNotTrack;
    return { doNotTrack: dnt === '1' || dnt === 'yes', globalPrivacyControl: nav.globalPrivacyControl === true };
  } catch {
    return { doNotTrack: false, globalPrivacyControl: false };
  }
}
