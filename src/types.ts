/**
 * Public types of Consentinel. This file imports nothing; every other module may import it.
 * The JSON config a site writes is `ConsentConfig`; after validation it becomes the frozen
 * `Config` that the rest of the library reads (every key filled in).
 */

/** A category id: `^[a-z][a-z0-9_-]*$` (validated once, so it is safe in cookies and selectors). */
export type CategoryId = string;

export type Mode = 'opt-in' | 'opt-out';

/** How the current state was reached. */
export type Method =
  | 'accept-all'
  | 'reject-all'
  | 'custom'
  | 'do-not-track'
  | 'global-privacy-control';

export interface CookieDeclaration {
  /** Exact cookie name. */
  readonly name?: string;
  /** Regular expression source matched against cookie names. */
  readonly pattern?: string;
  readonly provider?: string;
  readonly purpose?: string;
  readonly duration?: string;
}

export interface Category {
  readonly required: boolean;
  readonly cookies: readonly CookieDeclaration[];
  /** Regular expression sources of localStorage / sessionStorage keys. */
  readonly storage: readonly string[];
}

export interface CookieOptions {
  readonly name: string;
  /** Empty string: host-only cookie. */
  readonly domain: string;
  readonly path: string;
  readonly expiresDays: number;
  readonly sameSite: 'Lax' | 'Strict' | 'None';
}

export interface AffiliateOptions {
  readonly category: CategoryId;
  readonly params: readonly string[];
  readonly cookie: string;
  readonly expiresDays: number;
  /** Remove the parameter from the address bar after reading it. */
  readonly stripParam: boolean;
}

export type ConsentType =
  | 'ad_storage'
  | 'ad_user_data'
  | 'ad_personalization'
  | 'analytics_storage'
  | 'functionality_storage'
  | 'personalization_storage'
  | 'security_storage';

export interface GoogleConsentMode {
  /** Which category grants each consent type. */
  readonly mapping: Readonly<Record<ConsentType, CategoryId>>;
  readonly wait_for_update?: number;
  readonly region?: readonly string[];
  readonly url_passthrough?: boolean;
  readonly ads_data_redaction?: boolean;
}

export interface UIOptions {
  readonly layout: 'bar' | 'box';
  readonly position: 'bottom' | 'top' | 'bottom-left' | 'bottom-right' | 'top-left' | 'top-right' | 'center';
  readonly theme: 'light' | 'dark' | 'auto';
  readonly reopenButton: boolean;
}

/** Partial messages: any subset of the `Messages` tree (see src/i18n/en.json). */
export type MessagesOverride = { readonly [key: string]: string | MessagesOverride };

/** The validated, frozen configuration. */
export interface Config {
  readonly revision: number;
  readonly mode: Mode;
  readonly categories: Readonly<Record<CategoryId, Category>>;
  /** Category ids in display order. */
  readonly order: readonly CategoryId[];
  readonly respectDoNotTrack: boolean;
  readonly respectGlobalPrivacyControl: boolean;
  readonly cookie: CookieOptions;
  readonly language: string;
  readonly translations: Readonly<Record<string, MessagesOverride>>;
  readonly links: { readonly privacyPolicy?: string; readonly cookiePolicy?: string };
  readonly affiliate: AffiliateOptions;
  /** `null` when off. */
  readonly googleConsentMode: GoogleConsentMode | null;
  readonly consentLog: { readonly endpoint: string } | null;
  readonly ui: UIOptions;
  readonly hideFromBots: boolean;
  /**
   * Which `data-consentinel` controls in the page act: `all` (SPEC §5), or `no-accept-all` where
   * user content (a forum, comments) could carry a forged "accept all" control.
   */
  readonly controls: 'all' | 'no-accept-all';
  /** After a category is withdrawn, reload the page once so tags already running stop. */
  readonly reloadOnWithdraw: boolean;
  /** Report undeclared cookies/storage and unknown gated categories in the console. */
  readonly debug: boolean;
}

/** What a site writes: every key optional. */
export type ConsentConfig = { readonly [key: string]: unknown };

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
