// Compile-time tests of the config's types (checked by `npm run typecheck`, part of `npm test`):
// every `@ts-expect-error` below must meet an error, or tsc fails with "Unused '@ts-expect-error'".
import { createConsent, parseConfig } from '../../src/index';
import type { Config, ConsentConfig } from '../../src/types';

// What a site may write compiles.
const good = {
  revision: 2,
  mode: 'opt-out',
  categories: { necessary: { required: true }, analytics: { cookies: [{ pattern: '^_ga', provider: 'Google' }], storage: ['^_hj'] } },
  cookie: { sameSite: 'Strict', expiresDays: 30 },
  googleConsentMode: { analytics_storage: 'analytics', wait_for_update: 500 },
  consentLog: { endpoint: '/consent' },
  translations: { et: { banner: { title: 'Küpsised' } } },
} satisfies ConsentConfig;
createConsent(good);
createConsent({ googleConsentMode: true });
createConsent();

// A misspelled key of a category.
// @ts-expect-error: "cookeis" is not a key of a category
createConsent({ categories: { analytics: { cookeis: [] } } });
// @ts-expect-error: revision is a number, not a string
createConsent({ revision: '1' });
// @ts-expect-error: mode is "opt-in" or "opt-out"
createConsent({ mode: 'optin' });
// @ts-expect-error: an unknown top-level key
createConsent({ respectDNT: true });
// @ts-expect-error: sameSite is one of three values
createConsent({ cookie: { sameSite: 'lax' } });
// @ts-expect-error: consentLog needs its endpoint
createConsent({ consentLog: {} });
// @ts-expect-error: storage is a list of patterns
createConsent({ categories: { analytics: { storage: '^_ga' } } });
// @ts-expect-error: googleConsentMode has no such consent type
createConsent({ googleConsentMode: { analytics_cookies: 'analytics' } });

// What the library reads is complete: defaults are filled in, so no key is optional.
const config: Config = parseConfig({});
const days: number = config.cookie.expiresDays;
const required: boolean = config.categories.necessary!.required;
const layout: 'bar' | 'box' = config.ui.layout;
const order: readonly string[] = config.order;
const log: string | undefined = config.consentLog?.endpoint;
const mapped: string | undefined = config.googleConsentMode?.mapping.ad_storage;
// @ts-expect-error: the parsed config is read-only
config.revision = 3;
export const used = [days, required, layout, order, log, mapped];
