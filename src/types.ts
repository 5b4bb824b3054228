/**
 * Public types of Consentinel; every module may import this file. The config's types come from its
 * spec (core/config.ts): the JSON a site writes is `ConsentConfig`; after validation it becomes
 * the frozen `Config` that the rest of the library reads (every key filled in).
 */
import type { Config } from './core/config';

export type {
  AffiliateOptions,
  Category,
  Config,
  ConsentConfig,
  ConsentType,
  CookieDeclaration,
  CookieOptions,
  GoogleConsentMode,
  Mode,
  UIOptions,
} from './core/config';
export type { MessagesOverride } from './core/spec';

/** A category id: `^[a-z][a-z0-9_-]*$` (validated once, so it is safe in cookies and selectors). */
export type CategoryId = string;

/** How the current state was reached. */
export type Method =
  | 'accept-all'
  | 'reject-all'
  | 'custom'
  | 'do-not-track'
  | 'global-privacy-control';

export interface Signals {
  readonly doNotTrack: boolean;
  readonly globalPrivacyControl: boolean;
}

export interface ConsentState {
  /** False while the visitor must still be asked. */
  readonly decided: boolean;
  readonly granted: Readonly<Record<CategoryId, boolean>>;
  /** Consent id (random, per decision record); null before a stored decision. */
  readonly id: string | null;
  /** Epoch milliseconds of the last decision; null before one. */
  readonly decidedAt: number | null;
  /** Epoch milliseconds of the first decision of this record; null before one. */
  readonly createdAt: number | null;
  readonly revision: number;
  readonly method: Method | null;
  readonly signals: Signals;
  /** A stored decision existed but was made under an older revision (the UI says "we updated"). */
  readonly outdated: boolean;
}

export interface Changes {
  readonly granted: readonly CategoryId[];
  readonly revoked: readonly CategoryId[];
}

export type Listener = (state: ConsentState, changes: Changes) => void;

/** What `whenGranted` runs; the function it returns (if any) runs on withdrawal. */
export type GrantEffect = (state: ConsentState) => void | (() => void);

/** Which piece of UI should show. The core decides, the UI renders. */
export type View = 'banner' | 'preferences' | null;

/** The consent instance: `window.Consentinel` and the value of `createConsent()`. */
export interface Consent {
  readonly config: Config;
  isGranted(category: CategoryId): boolean;
  getState(): ConsentState;
  acceptAll(): void;
  rejectAll(): void;
  save(choices: Readonly<Record<CategoryId, boolean>>): void;
  reset(): void;
  subscribe(listener: Listener): () => void;
  /**
   * Run `effect` once each time every category named becomes granted: at once when it already is
   * (a returning visitor), else at the moment the visitor grants it, and again after a re-grant.
   * The function `effect` returns, if any, runs when one of the categories is withdrawn. This is how
   * gated scripts behave, for code bundled with the page. Returns a function that stops watching.
   * Never runs on a server.
   * @example consent.whenGranted('analytics', () => { startAnalytics(); return stopAnalytics; })
   */
  whenGranted(categories: CategoryId | readonly CategoryId[], effect: GrantEffect): () => void;
  getReferral(): string | null;
  showBanner(): void;
  showPreferences(): void;
  hide(): void;
  /** The view the UI should render; `onView` tells when it changes. */
  getView(): View;
  onView(listener: (view: View) => void): () => void;
  /** Stop observing the page, syncing tabs and calling listeners. */
  destroy(): void;
}
