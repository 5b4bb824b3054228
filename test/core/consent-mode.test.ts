// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONSENT_MAPPING, consentModeDefault, consentModeUpdate } from '../../src/core/consent-mode';
import { gcm, makeConfig, makeState } from '../browser/fake-consent-integrations';

const denied = {
  ad_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
  analytics_storage: 'denied',
  functionality_storage: 'denied',
  personalization_storage: 'denied',
  security_storage: 'denied',
};
const necessaryOnly = {
  ...denied,
  functionality_storage: 'granted',
  personalization_storage: 'granted',
  security_storage: 'granted',
};

describe('DEFAULT_CONSENT_MAPPING', () => {
  it('is SPEC §8 and frozen', () => {
    expect(DEFAULT_CONSENT_MAPPING).toEqual({
      analytics_storage: 'analytics',
      ad_storage: 'advertising',
      ad_user_data: 'advertising',
      ad_personalization: 'advertising',
      functionality_storage: 'necessary',
      security_storage: 'necessary',
      personalization_storage: 'necessary',
    });
    expect(Object.isFrozen(DEFAULT_CONSENT_MAPPING)).toBe(true);
  });
});

describe('consentModeDefault', () => {
  it('grants only the types mapped to required categories, all seven present', () => {
    expect(consentModeDefault(makeConfig({ googleConsentMode: gcm() }))).toStrictEqual(necessaryOnly);
  });

  it('follows a mapping override', () => {
    const config = makeConfig({
      googleConsentMode: gcm({ mapping: { ...DEFAULT_CONSENT_MAPPING, personalization_storage: 'analytics', ad_storage: 'necessary' } }),
    });
    expect(consentModeDefault(config)).toStrictEqual({
      ...necessaryOnly,
      personalization_storage: 'denied',
      ad_storage: 'granted',
    });
  });

  it('denies a type whose category the config does not have', () => {
    const config = makeConfig({
      categories: { essential: { required: true, cookies: [], storage: [] } },
      order: ['essential'],
      googleConsentMode: gcm(),
    });
    expect(consentModeDefault(config)).toStrictEqual(denied);
  });

  it('carries wait_for_update and region when set, and nothing else', () => {
    const config = makeConfig({
      googleConsentMode: gcm({ wait_for_update: 500, region: ['ES', 'US-CA'], url_passthrough: true, ads_data_redaction: true }),
    });
    expect(consentModeDefault(config)).toStrictEqual({ ...necessaryOnly, wait_for_update: 500, region: ['ES', 'US-CA'] });
    expect(consentModeDefault(makeConfig({ googleConsentMode: gcm({ wait_for_update: 0, region: [] }) }))).toStrictEqual({
      ...necessaryOnly,
      wait_for_update: 0,
    });
  });
});

describe('consentModeUpdate', () => {
  const config = makeConfig({ googleConsentMode: gcm({ wait_for_update: 500, region: ['ES'] }) });
  const state = (granted: Record<string, boolean>) =>
    makeState(config, { decided: true, granted: { necessary: true, analytics: false, affiliate: false, advertising: false, ...granted } });

  it('grants each type whose mapped category is granted, without default-only keys', () => {
    expect(consentModeUpdate(config, state({ analytics: true }))).toStrictEqual({ ...necessaryOnly, analytics_storage: 'granted' });
    expect(consentModeUpdate(config, state({ advertising: true }))).toStrictEqual({
      ...necessaryOnly,
      ad_storage: 'granted',
      ad_user_data: 'granted',
      ad_personalization: 'granted',
    });
  });

  it('shows a Global Privacy Control refusal as denied', () => {
    const gpc = makeState(config, {
      decided: true,
      method: 'global-privacy-control',
      signals: { doNotTrack: false, globalPrivacyControl: true },
    });
    expect(consentModeUpdate(config, gpc)).toStrictEqual(necessaryOnly);
  });

  it('grants everything when every category is', () => {
    const granted = Object.fromEntries(Object.keys(denied).map((t) => [t, 'granted']));
    expect(consentModeUpdate(config, state({ analytics: true, advertising: true }))).toStrictEqual(granted);
  });
});
