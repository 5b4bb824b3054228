import type { PartFactory } from './part';
import { createConsentLog } from './consent-log';
import { createDomEvents } from './dom-events';
import { createControls } from './controls';
import { createGtag } from './gtag';
import { createReferral } from './referral';

export interface PartOptions {
  /** URL of the directory holding `i18n/<code>.json` (script-tag use). */
  readonly i18nBase?: string;
}

/**
 * Every browser part, in the order they must run: Consent Mode first (its default must precede
 * any tag), then the referral, the gate, the cleaner, and the parts that only report.
 */
export function defaultParts(_options: PartOptions = {}): PartFactory[] {
  return [createGtag(), createReferral(), createConsentLog(), createDomEvents(), createControls()];
}
