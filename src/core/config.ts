/**
 * The config, declared once: every key with its type, range, default and meaning (SPEC §3).
 * From this spec come parseConfig (below), the TypeScript types `ConsentConfig` (what a site
 * writes) and `Config` (what the library reads), the JSON Schema (schema/consentinel.schema.json,
 * checked by test/core/schema.test.ts) and the README's reference table (generated from it).
 * Adding an option is one edit here.
 */
import { bool, boolOr, fail, freeze, int, list, messages, object, objectNeeding, oneOf, parse, record, regex, text, type Common, type Input, type Options, type Output } from './spec';
import { DEFAULT_CONSENT_MAPPING } from './consent-mode';

/** Category ids go into cookies, selectors and attribute values unescaped, so they are restricted. */
export const CATEGORY_ID = /^[a-z][a-z0-9_-]*$/;

const CATEGORY_ID_DOC = 'A category id: a-z, 0-9, _ and -, starting with a letter.';
// Reused kinds of value. Documentation is always written as a `doc: '…'` property, which the
// build drops (rollup.config.mjs), so these helpers take their options as an object.
const categoryId = /* @__NO_SIDE_EFFECTS__ */ (options: Options<string> = {}) =>
  text({ pattern: CATEGORY_ID, what: 'a category id', def: 'categoryId', defDoc: CATEGORY_ID_DOC, ...options });
const cookieName = /* @__NO_SIDE_EFFECTS__ */ <D extends string | undefined = undefined>(options: Options<string> & { fallback?: D }) =>
  text({ pattern: /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, what: 'a cookie name', def: 'cookieName', defDoc: 'A cookie name (RFC 6265 token characters).', ...options });
const url = /* @__NO_SIDE_EFFECTS__ */ (options: Common) =>
  text({ pattern: /^(https?:\/\/|\/|\.{0,2}\/|[^:]*$)/, what: 'a URL (http, https or relative)', def: 'url', defDoc: 'An http(s) or relative URL (no other scheme).', ...options });
const regexSource = /* @__NO_SIDE_EFFECTS__ */ (options: Common = {}) =>
  regex({ def: 'regex', defDoc: 'A JavaScript regular expression source (without slashes or flags).', ...options });
const days = /* @__NO_SIDE_EFFECTS__ */ <D extends number>(options: Options<number> & { fallback: D }) => int(1, 395, options);

const COOKIE_DECLARATION = object(
  {
    name: cookieName({ doc: 'Exact cookie name.' }),
    pattern: regexSource({ doc: 'Regular expression matched against cookie names, e.g. "^_ga(_.*)?$".' }),
    displayName: text({ doc: 'The name visitors read in the cookie tables, e.g. "_ga_<container-id>". Default: the name, else the pattern in a readable form ("^_ga(_.*)?$" shows as "_ga…").' }),
    provider: text({ doc: 'Who sets it (shown in the cookie table).' }),
    purpose: text({ doc: 'What it is for.' }),
    duration: text({ doc: 'How long it lives, as text (e.g. "2 years").' }),
  },
  { anyOf: ['name', 'pattern'], def: 'cookieDeclaration', defDoc: 'A cookie of a category: name or pattern (or both).' },
);

const CATEGORY = object(
  {
    required: bool({ fallback: false, doc: 'Always granted and cannot be switched off (e.g. necessary).' }),
    cookies: list(COOKIE_DECLARATION, {
      fallback: [],
      doc: "The cookies of this category: shown in the dialog's cookie table and deleted (on this host and its parent domains) when the category is revoked.",
    }),
    storage: list(regexSource(), {
      fallback: [],
      doc: 'Regular expressions of localStorage / sessionStorage keys deleted when the category is revoked.',
    }),
  },
  { def: 'category' },
);

/** The categories a config without `categories` gets (SPEC §3). */
const BUILT_IN_CATEGORIES = {
  necessary: { required: true },
  analytics: { cookies: [{ pattern: '^_ga(_.*)?$', provider: 'Google Analytics' }, { name: '_gid', provider: 'Google Analytics' }] },
  affiliate: { cookies: [{ name: 'affiliate_ref' }] },
  advertising: { cookies: [{ pattern: '^_gcl_', provider: 'Google Ads' }, { name: '_fbp', provider: 'Meta' }] },
};

const consentType = /* @__NO_SIDE_EFFECTS__ */ (type: string) => categoryId({ doc: `The category that grants ${type} (must be one of the categories).` });

const GOOGLE_CONSENT_MODE = object({
  ad_storage: consentType('ad_storage'),
  ad_user_data: consentType('ad_user_data'),
  ad_personalization: consentType('ad_personalization'),
  analytics_storage: consentType('analytics_storage'),
  functionality_storage: consentType('functionality_storage'),
  personalization_storage: consentType('personalization_storage'),
  security_storage: consentType('security_storage'),
  wait_for_update: int(0, 60000, { doc: 'Milliseconds Google tags wait for an update before firing.' }),
  region: list(text({ pattern: /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, what: 'an ISO 3166 region code like "US-CA"' }), {
    doc: 'ISO 3166 region codes the default applies to, like "EE" or "US-CA".',
  }),
  url_passthrough: bool({ doc: "gtag('set', 'url_passthrough', true)." }),
  ads_data_redaction: bool({ doc: "gtag('set', 'ads_data_redaction', true)." }),
});

export const CONFIG = object(
  {
    $schema: text({ doc: 'The URL or path of this schema, for editor completion. Ignored by Consentinel.' }),
    // The cookie keeps at most 9 digits of it (core/codec.ts).
    revision: int(0, 999999999, {
      fallback: 0,
      doc: 'Version of your cookie policy. Bump it when the policy changes: choices stored under another revision are asked again (the banner says the policy was updated). At most 9 digits, the size the consent cookie holds.',
    }),
    mode: oneOf(['opt-in', 'opt-out'], {
      doc: 'opt-in: nothing non-required runs, is fetched or is stored before a yes (GDPR, ePrivacy). opt-out: non-required categories run until the visitor says no (US-style notice with a "Do not sell or share" choice). Do Not Track / Global Privacy Control refuse in both modes.',
    }),
    categories: record(
      text({ pattern: CATEGORY_ID, what: 'a category id (a-z, 0-9, _ and -, starting with a letter)', def: 'categoryId', defDoc: CATEGORY_ID_DOC }),
      CATEGORY,
      {
      fallback: BUILT_IN_CATEGORIES,
      nonEmpty: 'needs at least one category',
      doc: 'The complete list of categories (it replaces the default set), in display order. Ids are lowercase: a-z, 0-9, _ and -, starting with a letter. Gated markup names them in data-consent.',
    }),
    respectDoNotTrack: bool({
      fallback: true,
      doc: 'Treat the browser\'s Do Not Track signal (navigator.doNotTrack "1"/"yes", window.doNotTrack "1") as a refusal of every non-required category before any choice. A signal never grants; an explicit choice of the visitor wins.',
    }),
    respectGlobalPrivacyControl: bool({
      fallback: true,
      doc: 'Treat Global Privacy Control (navigator.globalPrivacyControl === true) as a refusal of every non-required category before any choice. A signal never grants; an explicit choice of the visitor wins.',
    }),
    cookie: object(
      {
        name: cookieName({ fallback: 'consentinel', doc: 'Name of the consent cookie.' }),
        domain: text({
          pattern: /^[A-Za-z0-9.-]*$/,
          what: 'a domain name',
          fallback: '',
          doc: 'Domain attribute, e.g. "example.com" to share the choice with its subdomains. Empty: a host-only cookie.',
        }),
        path: text({ pattern: /^\//, what: 'a path starting with "/"', fallback: '/', doc: 'Path attribute.' }),
        expiresDays: days({ fallback: 182, doc: 'Days the choice is kept (and asked again after): at most 395 (13 months, the CNIL guideline).' }),
        sameSite: oneOf(['Lax', 'Strict', 'None'], { doc: 'SameSite attribute. None implies Secure.' }),
      },
      { doc: 'Where the choice is stored: one cookie, 1.<id>.<created>.<updated>.<revision>.<method>.<granted> (see the README). Secure is added on https and with sameSite None.' },
    ),
    language: text({
      pattern: /^(auto|[a-z]{2,3}(-[A-Za-z0-9]{2,8})*)$/,
      what: '"auto" or a language code like "pt-BR"',
      fallback: 'auto',
      examples: ['auto', 'et', 'pt-BR'],
      doc: '"auto": <html lang>, then the browser\'s languages, then English. Or a language code like "et" or "pt-BR" (a region falls back to its base language).',
    }),
    translations: record(
      text({ pattern: /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, what: 'a language code', def: 'languageCode', defDoc: 'A language code like "et" or "pt-BR".' }),
      messages({ def: 'messages' }),
      { fallback: {}, doc: 'Texts by language code, merged over the built-in texts of that language (a new code adds a language).' },
    ),
    links: object(
      { privacyPolicy: url({ doc: 'URL of the privacy policy.' }), cookiePolicy: url({ doc: 'URL of the cookie policy.' }) },
      { doc: 'Policy links shown in the banner and the dialog (the [text](privacyPolicy) / [text](cookiePolicy) placeholders of the texts). An unset link renders as plain text.' },
    ),
    affiliate: object(
      {
        // Checked against the categories when given (parseConfig); a custom set may have no "affiliate".
        category: text({
          pattern: CATEGORY_ID,
          what: 'a category id',
          def: 'categoryId',
          defDoc: CATEGORY_ID_DOC,
          fallback: 'affiliate',
          doc: 'The category that must be granted (when given, it must be one of the categories).',
        }),
        params: list(text({ pattern: /^[\w.-]+$/, what: 'a URL parameter name' }), {
          fallback: ['ref', 'aff'],
          doc: 'URL query parameters that carry the referral id, in order of preference.',
        }),
        cookie: cookieName({ fallback: 'affiliate_ref', doc: 'Name of the referral cookie.' }),
        expiresDays: days({ fallback: 30, doc: 'Days the referral cookie is kept.' }),
        // On by default: a referral id left in the address bar reaches analytics' page URLs, the
        // Referer of third-party requests and every copied link, whether or not affiliate is granted.
        stripParam: bool({
          fallback: true,
          doc: 'Remove the referral parameters from the address bar once read (history.replaceState), so that the id does not reach page URLs in analytics, Referer headers or copied links. The id is kept in memory, and in the referral cookie once the category is granted.',
        }),
      },
      { doc: 'Affiliate referrals: an id in one of the URL parameters is kept in memory and stored in its own cookie only once the category is granted; getReferral() answers it only while granted.' },
    ),
    googleConsentMode: boolOr(GOOGLE_CONSENT_MODE, {
      doc: 'Google Consent Mode v2. true: the default mapping; an object: override which category grants each consent type, and pass wait_for_update, region, url_passthrough and ads_data_redaction through. The default (all denied except types mapped to required categories) is pushed synchronously at start, before any gated tag.',
    }),
    consentLog: objectNeeding({ endpoint: url({ doc: 'URL the decisions are POSTed to.' }) }, ['endpoint'], {
      doc: 'Proof of consent: each decision, and each reset() as a withdrawal, is POSTed as JSON (a record id, consent id, timestamps, revision, method, granted and refused categories, language, signals, page URL) with fetch and keepalive. A record that gets no 2xx is kept in localStorage (five at most) and sent again on a later page; a failure never blocks the page. packages/records is a service that receives it.',
    }),
    ui: object(
      {
        layout: oneOf(['bar', 'box'], { doc: 'bar: full width; box: a small card.' }),
        position: oneOf(['bottom', 'top', 'bottom-left', 'bottom-right', 'top-left', 'top-right', 'center'], {
          doc: 'Where the banner sits. It overlays the page, never pushes it.',
        }),
        theme: oneOf(['auto', 'light', 'dark'], { doc: 'auto follows prefers-color-scheme.' }),
        reopenButton: bool({ fallback: true, doc: 'Show the small floating button that reopens the preferences after a choice.' }),
        reopenPosition: oneOf(['bottom-left', 'bottom-right', 'top-left', 'top-right'], {
          doc: 'Corner of the reopen button; left and right mirror in right-to-left languages. Near the end of the page beside that corner, and while a focused page element is under it, it fades out of the way.',
        }),
      },
      { doc: 'Look of the banner.' },
    ),
    hideFromBots: bool({
      fallback: true,
      doc: 'No banner for crawlers (recognised by user agent). They are never granted anything automatically; navigator.webdriver alone does not make a bot.',
    }),
    controls: oneOf(['all', 'no-accept-all'], {
      doc: 'Which declarative controls (data-consentinel="…" on page elements) act on click: "all", or "no-accept-all" to ignore accept-all controls where user content (comments, forum posts) may carry forged ones. Controls inside an element with data-consentinel-ignore never act.',
    }),
    reloadOnWithdraw: bool({ fallback: true, doc: 'After a category is withdrawn, reload the page once so that tags already running stop.' }),
    debug: bool({ fallback: false, doc: 'Report undeclared cookies and storage keys and unknown gated categories in the console.' }),
  },
  {
    doc: 'The configuration of Consentinel (the JSON of data-config, an inline data-consentinel-config block, window.consentinelConfig, or the argument of createConsent()). Every key is optional; unknown keys are errors, so a typo cannot silently weaken privacy.',
  },
);

type Parsed = Output<typeof CONFIG>;

/** What a site writes: every key optional, no other key allowed (a typo is a compile error). */
export type ConsentConfig = Input<typeof CONFIG>;
export type CookieDeclaration = Output<typeof COOKIE_DECLARATION>;
export type Category = Output<typeof CATEGORY>;
export type CookieOptions = Parsed['cookie'];
export type UIOptions = Parsed['ui'];
export type AffiliateOptions = Parsed['affiliate'];
export type Mode = Parsed['mode'];
export type ConsentType =
  | 'ad_storage'
  | 'ad_user_data'
  | 'ad_personalization'
  | 'analytics_storage'
  | 'functionality_storage'
  | 'personalization_storage'
  | 'security_storage';

/** Google Consent Mode, normalised: the full mapping, and the keys passed through to gtag. */
export type GoogleConsentMode = Omit<Exclude<Parsed['googleConsentMode'], boolean>, ConsentType> & {
  /** Which category grants each consent type. */
  readonly mapping: Readonly<Record<ConsentType, string>>;
};

/** The validated, frozen configuration: every key filled in. */
export type Config = Omit<Parsed, '$schema' | 'googleConsentMode' | 'consentLog'> & {
  /** Category ids in display order. */
  readonly order: readonly string[];
  /** `null` when off. */
  readonly googleConsentMode: GoogleConsentMode | null;
  /** `null` when there is no endpoint. */
  readonly consentLog: { readonly endpoint: string } | null;
};

/**
 * Validate what a site wrote and fill in every default. Throws a TypeError naming the key path
 * on the first problem. The result is deeply frozen.
 * @example parseConfig({ revision: 2, categories: { necessary: { required: true }, analytics: {} } })
 */
export function parseConfig(input: ConsentConfig | undefined | null = {}): Config {
  const { $schema: _schema, googleConsentMode, consentLog, ...given } = parse(CONFIG, input ?? {}, 'config');
  const order = Object.keys(given.categories);
  const known = (id: string, path: string) =>
    Object.hasOwn(given.categories, id) || fail(path, `"${id}" is not one of the categories (${order.join(', ')})`);
  // The default "affiliate" may be missing from a custom category set; a category the site named may not.
  if ((input as { affiliate?: { category?: string } } | null)?.affiliate?.category) known(given.affiliate.category, 'config.affiliate.category');

  let consentMode: GoogleConsentMode | null = null;
  if (googleConsentMode) {
    // Consent types go into the mapping; the other keys are passed to gtag as they are.
    const mapping: Record<string, string> = { ...DEFAULT_CONSENT_MAPPING };
    const passed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(googleConsentMode === true ? {} : googleConsentMode)) {
      if (Object.hasOwn(mapping, key)) {
        known(value as string, `config.googleConsentMode.${key}`);
        mapping[key] = value as string;
      } else passed[key] = value;
    }
    consentMode = { ...passed, mapping } as GoogleConsentMode;
  }
  return freeze({ ...given, order, googleConsentMode: consentMode, consentLog: consentLog ?? null });
}
