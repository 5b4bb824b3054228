import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGtag } from '../../src/browser/gtag';
import type { PartFactory } from '../../src/browser/part';
import { DEFAULT_CONSENT_MAPPING } from '../../src/core/consent-mode';
import { createConsent, type ConsentOptions } from '../../src/create-consent';
import type { Config, Consent, ConsentConfig } from '../../src/types';
import { all, gcm, makeConfig, makeState, startFake } from './fake-consent-integrations';

type W = { dataLayer?: unknown[]; gtag?: (...a: unknown[]) => void };
const w = window as unknown as W;

const isArgs = (e: unknown) => Object.prototype.toString.call(e) == '[object Arguments]';
/** dataLayer with gtag() entries as plain arrays, after checking they are Arguments objects. */
const layer = () => w.dataLayer!.map((e) => (isArgs(e) ? ['gtag', ...Array.from(e as ArrayLike<unknown>)] : e));

const denied = {
  ad_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
  analytics_storage: 'denied',
  functionality_storage: 'granted',
  personalization_storage: 'granted',
  security_storage: 'granted',
};
const analyticsOnly = { ...denied, analytics_storage: 'granted' };
const everything = { ...denied, analytics_storage: 'granted', ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' };
const event = (...granted: string[]) => ({ event: 'consentinel_update', consentinel: { granted } });

const on = (over: Partial<Config> = {}, mode = gcm()) => makeConfig({ googleConsentMode: mode, ...over });

beforeEach(() => {
  delete w.dataLayer;
  delete w.gtag;
});
afterEach(() => {
  delete w.dataLayer;
  delete w.gtag;
});

describe('gtag part', () => {
  it('does nothing when Consent Mode is off', () => {
    const fake = startFake(makeConfig(), [createGtag()]);
    fake.decide(all(fake.consent.config, true));
    expect(w.dataLayer).toBeUndefined();
    expect(w.gtag).toBeUndefined();
  });

  it('pushes the default synchronously at creation, before later parts exist, as an Arguments object', () => {
    const seen: unknown[][] = [];
    const gate: PartFactory = () => {
      seen.push(layer());
      return { update: () => void seen.push(layer()) };
    };
    startFake(on(), [createGtag(), gate]);
    expect(isArgs(w.dataLayer![0])).toBe(true);
    expect(seen).toEqual([[['gtag', 'consent', 'default', denied]], [['gtag', 'consent', 'default', denied]]]);
    expect(layer()).toEqual([['gtag', 'consent', 'default', denied]]);
  });

  it('then updates and pushes an event after each decision, in this exact order', () => {
    const fake = startFake(on(), [createGtag()]);
    fake.decide({ analytics: true });
    fake.decide(all(fake.consent.config, true), 'sync', 'accept-all');
    fake.decide(all(fake.consent.config, false), 'user', 'reject-all');
    expect(layer()).toEqual([
      ['gtag', 'consent', 'default', denied],
      ['gtag', 'consent', 'update', analyticsOnly],
      event('necessary', 'analytics'),
      ['gtag', 'consent', 'update', everything],
      event('necessary', 'analytics', 'affiliate', 'advertising'),
      ['gtag', 'consent', 'update', denied],
      event('necessary'),
    ]);
  });

  it('updates on load when a decision is stored', () => {
    const config = on();
    startFake(config, [createGtag()], makeState(config, { decided: true, method: 'custom', granted: { ...all(config, false), analytics: true } }));
    expect(layer()).toEqual([
      ['gtag', 'consent', 'default', denied],
      ['gtag', 'consent', 'update', analyticsOnly],
      event('necessary', 'analytics'),
    ]);
  });

  it('shows a Do Not Track refusal as denied on load', () => {
    const config = on();
    const dnt = makeState(config, { decided: true, method: 'do-not-track', signals: { doNotTrack: true, globalPrivacyControl: false } });
    startFake(config, [createGtag()], dnt);
    expect(layer()).toEqual([['gtag', 'consent', 'default', denied], ['gtag', 'consent', 'update', denied], event('necessary')]);
  });

  it('tells Google about opt-out grants on load, before a choice', () => {
    startFake(on({ mode: 'opt-out' }), [createGtag()]);
    expect(layer()).toEqual([
      ['gtag', 'consent', 'default', denied],
      ['gtag', 'consent', 'update', everything],
      event('necessary', 'analytics', 'affiliate', 'advertising'),
    ]);
  });

  it('follows a mapping override', () => {
    const mapping = { ...DEFAULT_CONSENT_MAPPING, ad_user_data: 'affiliate', analytics_storage: 'necessary' };
    const fake = startFake(on({}, gcm({ mapping })), [createGtag()]);
    fake.decide({ affiliate: true });
    expect(layer()).toEqual([
      ['gtag', 'consent', 'default', { ...denied, analytics_storage: 'granted' }],
      ['gtag', 'consent', 'update', { ...denied, analytics_storage: 'granted', ad_user_data: 'granted' }],
      event('necessary', 'affiliate'),
    ]);
  });

  it('passes wait_for_update, region, url_passthrough and ads_data_redaction through', () => {
    const mode = gcm({ wait_for_update: 500, region: ['ES', 'US-CA'], url_passthrough: true, ads_data_redaction: true });
    const fake = startFake(on({}, mode), [createGtag()]);
    fake.decide({ advertising: true });
    expect(layer()).toEqual([
      ['gtag', 'consent', 'default', { ...denied, wait_for_update: 500, region: ['ES', 'US-CA'] }],
      ['gtag', 'set', 'url_passthrough', true],
      ['gtag', 'set', 'ads_data_redaction', true],
      ['gtag', 'consent', 'update', { ...denied, ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' }],
      event('necessary', 'advertising'),
    ]);
  });

  it('keeps an existing dataLayer and gtag', () => {
    const earlier = { event: 'page' };
    w.dataLayer = [earlier];
    const own = vi.fn();
    w.gtag = own;
    const fake = startFake(on(), [createGtag()]);
    fake.decide({ analytics: true });
    expect(w.gtag).toBe(own);
    expect(own.mock.calls).toEqual([
      ['consent', 'default', denied],
      ['consent', 'update', analyticsOnly],
    ]);
    expect(w.dataLayer).toEqual([earlier, event('necessary', 'analytics')]);
  });

  it('pushes to the dataLayer of the moment, as gtag.js expects', () => {
    const fake = startFake(on(), [createGtag()]);
    const replaced: unknown[] = [];
    w.dataLayer = replaced;
    fake.decide({ analytics: true });
    expect(replaced).toHaveLength(2);
  });
});

describe('gtag part in a real instance', () => {
  const instances: Consent[] = [];
  const start = (config: ConsentConfig, options?: ConsentOptions) => {
    const consent = createConsent(config, options);
    instances.push(consent);
    return consent;
  };
  afterEach(() => {
    for (const c of instances.splice(0)) c.destroy();
    for (const c of document.cookie.split('; ')) if (c) document.cookie = c.split('=')[0] + '=; path=/; max-age=0';
  });

  it('pushes the default at creation and an update after acceptAll()', () => {
    const consent = start({ googleConsentMode: true });
    expect(layer()).toEqual([['gtag', 'consent', 'default', denied]]);
    consent.acceptAll();
    expect(layer()).toEqual([
      ['gtag', 'consent', 'default', denied],
      ['gtag', 'consent', 'update', everything],
      event('necessary', 'analytics', 'affiliate', 'advertising'),
    ]);
  });

  it('updates on the next page load from the stored choice', () => {
    start({ googleConsentMode: true }).save({ analytics: true });
    delete w.dataLayer;
    start({ googleConsentMode: true });
    expect(layer()).toEqual([
      ['gtag', 'consent', 'default', denied],
      ['gtag', 'consent', 'update', analyticsOnly],
      event('necessary', 'analytics'),
    ]);
  });

  it('takes a mapping and options from the config', () => {
    const consent = start({ googleConsentMode: { ad_user_data: 'analytics', wait_for_update: 500, url_passthrough: true } });
    consent.save({ analytics: true });
    expect(layer()).toEqual([
      ['gtag', 'consent', 'default', { ...denied, wait_for_update: 500 }],
      ['gtag', 'set', 'url_passthrough', true],
      ['gtag', 'consent', 'update', { ...analyticsOnly, ad_user_data: 'granted' }],
      event('necessary', 'analytics'),
    ]);
  });

  it('reports a Global Privacy Control refusal as denied at once', () => {
    start({ googleConsentMode: true }, { signals: { doNotTrack: false, globalPrivacyControl: true } });
    expect(layer()).toEqual([['gtag', 'consent', 'default', denied], ['gtag', 'consent', 'update', denied], event('necessary')]);
  });

  it('leaves the page alone by default', () => {
    start({}).acceptAll();
    expect(w.dataLayer).toBeUndefined();
    expect(w.gtag).toBeUndefined();
  });
});
