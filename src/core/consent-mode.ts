import type { CategoryId, Config, ConsentState, ConsentType } from '../types';

export type ConsentModeValue = 'granted' | 'denied';

/** What `gtag('consent', 'default' | 'update', …)` receives. */
export type ConsentModeParams = { [T in ConsentType]: ConsentModeValue } & {
  wait_for_update?: number;
  region?: readonly string[];
};

/**
 * SPEC §8: which category grants each Google consent type when the config gives no mapping.
 * @example parseConfig({ googleConsentMode: true }).googleConsentMode.mapping // equals this
 */
export const DEFAULT_CONSENT_MAPPING: Readonly<Record<ConsentType, CategoryId>> = Object.freeze({
  ad_storage: 'advertising',
  ad_user_data: 'advertising',
  ad_personalization: 'advertising',
  analytics_storage: 'analytics',
  functionality_storage: 'necessary',
  personalization_storage: 'necessary',
  security_storage: 'necessary',
});

// A category missing from `categories` (a default mapping over a custom category set) is never
// granted, so the type stays denied.
const params = (config: Config, granted: (id: CategoryId) => unknown): ConsentModeParams => {
  const mapping = config.googleConsentMode!.mapping;
  const out = {} as ConsentModeParams;
  for (const type in mapping)
    out[type as ConsentType] = granted(mapping[type as ConsentType]) ? 'granted' : 'denied';
  return out;
};

/**
 * The `gtag('consent', 'default', …)` parameters: only types mapped to required categories are
 * granted. Call only when `config.googleConsentMode` is set.
 * @example gtag('consent', 'default', consentModeDefault(config))
 */
export function consentModeDefault(config: Config): ConsentModeParams {
  const { wait_for_update, region } = config.googleConsentMode!;
  const out = params(config, (id) => config.categories[id]?.required);
  if (wait_for_update != null) out.wait_for_update = wait_for_update;
  if (region?.length) out.region = region;
  return out;
}

/**
 * The `gtag('consent', 'update', …)` parameters for a state. A DNT/GPC refusal is already a
 * refusal in `state.granted`, so it shows as denied.
 * @example gtag('consent', 'update', consentModeUpdate(config, consent.getState()))
 */
export function consentModeUpdate(config: Config, state: ConsentState): ConsentModeParams {
  return params(config, (id) => state.granted[id]);
}
