import type { Category, Config, ConsentConfig, ConsentType, CookieDeclaration, MessagesOverride } from '../types';
import { DEFAULT_CONSENT_MAPPING } from './consent-mode';
import { bool, fail, freeze, int, list, oneOf, record, regex, shape, str, type Rule } from './validate';

/** Category ids go into cookies, selectors and attribute values unescaped, so they are restricted. */
export const CATEGORY_ID = /^[a-z][a-z0-9_-]*$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const COOKIE_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;


const category = (required: boolean, cookies: CookieDeclaration[] = []): Category => ({ required, cookies, storage: [] });

const defaultCategories = (): Record<string, Category> => ({
  necessary: category(true),
  analytics: category(false, [{ pattern: '^_ga(_.*)?$', provider: 'Google Analytics' }, { name: '_gid', provider: 'Google Analytics' }]),
  affiliate: category(false, [{ name: 'affiliate_ref' }]),
  advertising: category(false, [{ pattern: '^_gcl_', provider: 'Google Ads' }, { name: '_fbp', provider: 'Meta' }]),
});

const text = str();
const cookieDeclaration: Rule<CookieDeclaration> = (v, p) => {
  const d = shape<CookieDeclaration>({ name: str(COOKIE_NAME, 'a cookie name'), pattern: regex, provider: text, purpose: text, duration: text })(v, p);
  return d.name || d.pattern ? d : fail(p, 'needs "name" or "pattern"');
};

const categoryRule: Rule<Category> = (v, p) =>
  shape<Category>({ required: bool, cookies: list(cookieDeclaration), storage: list(regex) }, { required: false, cookies: [], storage: [] })(v, p);

const messages: Rule<MessagesOverride> = (v, p) =>
  record(/^[A-Za-z][A-Za-z0-9_-]*$/, 'a message key', (x, q) => (typeof x === 'string' ? x : messages(x, q)))(v, p);

const url = str(/^(https?:\/\/|\/|\.{0,2}\/|[^:]*$)/, 'a URL (http, https or relative)');

/**
 * Validate what a site wrote and fill in every default. Throws a TypeError naming the key path
 * on the first problem. The result is deeply frozen.
 * @example parseConfig({ revision: 2, categories: { necessary: { required: true }, analytics: {} } })
 */
export function parseConfig(input: ConsentConfig | undefined | null = {}): Config {
  const { $schema: _schema, ...given } = shape<Record<string, unknown>>({
    $schema: text,
    // The cookie keeps at most 9 digits of it (core/codec.ts).
    revision: int(0, 999999999),
    mode: oneOf('opt-in', 'opt-out'),
    categories: record(CATEGORY_ID, 'a valid category id (a-z, 0-9, _ and -, starting with a letter)', categoryRule),
    respectDoNotTrack: bool,
    respectGlobalPrivacyControl: bool,
    cookie: shape({
      name: str(COOKIE_NAME, 'a cookie name'),
      domain: str(/^[A-Za-z0-9.-]*$/, 'a domain name'),
      path: str(/^\//, 'a path starting with "/"'),
      expiresDays: int(1, 395),
      sameSite: oneOf('Lax', 'Strict', 'None'),
    }),
    language: (v, p) => (v === 'auto' ? v : str(LANGUAGE, '"auto" or a language code like "et" or "pt-BR"')(v, p)),
    translations: record(LANGUAGE, 'a language code', messages),
    links: shape({ privacyPolicy: url, cookiePolicy: url }),
    affiliate: shape({ category: str(CATEGORY_ID, 'a category id'), params: list(str(/^[\w.-]+$/, 'a URL parameter name')), cookie: str(COOKIE_NAME, 'a cookie name'), expiresDays: int(1, 395), stripParam: bool }),
    googleConsentMode: (v, p) => (typeof v === 'boolean' ? v : shape<Record<string, unknown>>({
      ...Object.fromEntries(Object.keys(DEFAULT_CONSENT_MAPPING).map((k) => [k, str(CATEGORY_ID, 'a category id')])),
      wait_for_update: int(0, 60000),
      region: list(str(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'an ISO 3166 region code like "EE" or "US-CA"')),
      url_passthrough: bool,
      ads_data_redaction: bool,
    })(v, p)),
    consentLog: shape({ endpoint: url }),
    ui: shape({
      layout: oneOf('bar', 'box'),
      position: oneOf('bottom', 'top', 'bottom-left', 'bottom-right', 'top-left', 'top-right', 'center'),
      theme: oneOf('light', 'dark', 'auto'),
      reopenButton: bool,
    }),
    hideFromBots: bool,
    reloadOnWithdraw: bool,
    debug: bool,
  })(input ?? {}, 'config');

  const categories = (given.categories as Record<string, Category> | undefined) ?? defaultCategories();
  const order = Object.keys(categories);
  if (!order.length) fail('config.categories', 'needs at least one category');
  const known = (id: string, path: string) => (Object.hasOwn(categories, id) ? id : fail(path, `"${id}" is not one of the categories (${order.join(', ')})`));

  if (given.consentLog && (given.consentLog as { endpoint?: string }).endpoint === undefined) fail('config.consentLog.endpoint', 'is required');
  const affiliate = { category: 'affiliate', params: ['ref', 'aff'], cookie: 'affiliate_ref', expiresDays: 30, stripParam: false, ...(given.affiliate as object) };
  if (given.affiliate && (given.affiliate as { category?: string }).category) known(affiliate.category, 'config.affiliate.category');

  const gcm = given.googleConsentMode as boolean | Record<string, unknown> | undefined;
  let googleConsentMode: Config['googleConsentMode'] = null;
  if (gcm) {
    const { wait_for_update, region, url_passthrough, ads_data_redaction, ...types } = gcm === true ? {} : gcm;
    for (const [type, id] of Object.entries(types)) known(id as string, `config.googleConsentMode.${type}`);
    googleConsentMode = { mapping: { ...DEFAULT_CONSENT_MAPPING, ...(types as Record<ConsentType, string>) }, wait_for_update, region, url_passthrough, ads_data_redaction } as Config['googleConsentMode'];
  }

  return freeze({
    revision: 0,
    mode: 'opt-in',
    respectDoNotTrack: true,
    respectGlobalPrivacyControl: true,
    language: 'auto',
    translations: {},
    links: {},
    consentLog: null,
    hideFromBots: true,
    reloadOnWithdraw: true,
    debug: false,
    ...given,
    categories,
    order,
    cookie: { name: 'consentinel', domain: '', path: '/', expiresDays: 182, sameSite: 'Lax', ...(given.cookie as object) },
    affiliate,
    googleConsentMode,
    ui: { layout: 'bar', position: 'bottom', theme: 'auto', reopenButton: true, ...(given.ui as object) },
  }) as unknown as Config;
}
