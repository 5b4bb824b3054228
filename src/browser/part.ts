import type { Changes, Consent, ConsentState } from '../types';

/** Why parts are being updated: start-up, a decision made here, or one made in another tab. */
export type Source = 'init' | 'user' | 'sync';

/**
 * A browser adapter that reacts to consent state. The composition root calls `update` after
 * every transition (and once at start with `source: 'init'`), in the order the parts were made.
 */
export interface Part {
  update?(state: ConsentState, changes: Changes, source: Source): void;
  destroy?(): void;
  /** The affiliate part answers `consent.getReferral()`. */
  getReferral?(): string | null;
}

export type PartFactory = (consent: Consent) => Part;
