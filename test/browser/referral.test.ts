import { afterEach, describe, expect, it, vi } from 'vitest';
import { createReferral } from '../../src/browser/referral';
import { createConsent } from '../../src/create-consent';
import type { Config, Consent, ConsentConfig, ConsentState } from '../../src/types';
import { makeConfig, makeState, startFake } from './fake-consent-integrations';

const visit = (url: string) => history.replaceState(null, '', url);
const cookie = () => document.cookie;
const start = (config = makeConfig(), initial?: ConsentState) => {
  const fake = startFake(config, [createReferral()], initial);
  return { ...fake, referral: fake.parts[0]! };
};
const affiliate = (over: Partial<Config['affiliate']>) => makeConfig({ affiliate: { ...makeConfig().affiliate, ...over } });
const decided = (config: Config, affiliate: boolean) =>
  makeState(config, { decided: true, method: 'custom', granted: { necessary: true, analytics: false, affiliate, advertising: false } });

afterEach(() => {
  for (const c of document.cookie.split('; ')) if (c) document.cookie = c.split('=')[0] + '=; path=/; max-age=0';
  visit('/');
});

describe('referral part', () => {
  it('keeps the id in memory until the category is granted, then writes the cookie', () => {
    visit('/shop?ref=partner42');
    const { decide, referral } = start();
    expect(cookie()).toBe('');
    expect(referral.getReferral!()).toBeNull();
    decide({ affiliate: true });
    expect(cookie()).toBe('affiliate_ref=partner42');
    expect(referral.getReferral!()).toBe('partner42');
  });

  it('writes at once when the category is already granted, with the configured attributes', () => {
    visit('/?aff=p-1');
    const set = vi.spyOn(document, 'cookie', 'set');
    const config = makeConfig({
      affiliate: { ...makeConfig().affiliate, cookie: 'ref_id', expiresDays: 10 },
      cookie: { ...makeConfig().cookie, domain: 'example.com', path: '/shop' },
    });
    start(config, decided(config, true));
    expect(set).toHaveBeenCalledTimes(1);
    const written = set.mock.calls[0]![0];
    const [pair, ...attributes] = written.split('; ');
    expect(pair).toBe('ref_id=p-1');
    expect(attributes.filter((a) => !a.startsWith('expires=')).sort()).toEqual(['domain=example.com', 'path=/', 'sameSite=Lax']);
    const expires = Date.parse(/expires=([^;]+)/.exec(written)![1]!);
    expect(Math.round((expires - Date.now()) / 864e5)).toBe(10);
  });

  it('writes a host-only cookie without Secure on http when no domain is configured', () => {
    visit('/?ref=partner42');
    const set = vi.spyOn(document, 'cookie', 'set');
    const config = makeConfig();
    start(config, decided(config, true));
    expect(set.mock.calls[0]![0]).not.toMatch(/domain|secure/i);
    expect(cookie()).toBe('affiliate_ref=partner42');
  });

  it('stores nothing when the category is refused, and nothing after other categories are granted', () => {
    visit('/?ref=partner42');
    const { decide, referral } = start();
    decide({ affiliate: false, analytics: true, advertising: true }, 'user', 'custom');
    expect(cookie()).toBe('');
    expect(referral.getReferral!()).toBeNull();
  });

  it('stores nothing under a refusal stored earlier', () => {
    visit('/?ref=partner42');
    const config = makeConfig();
    const { referral } = start(config, decided(config, false));
    expect(cookie()).toBe('');
    expect(referral.getReferral!()).toBeNull();
  });

  it('deletes the cookie and stops answering when the category is withdrawn, here or in another tab', () => {
    for (const source of ['user', 'sync'] as const) {
      visit('/?ref=partner42');
      const { decide, referral } = start();
      decide({ affiliate: true });
      expect(cookie()).toBe('affiliate_ref=partner42');
      decide({ affiliate: false }, source);
      expect(cookie()).toBe('');
      expect(referral.getReferral!()).toBeNull();
    }
  });

  it('deletes a cookie left from before when the visitor refuses', () => {
    document.cookie = 'affiliate_ref=old; path=/';
    const config = makeConfig();
    start(config, decided(config, false));
    expect(cookie()).toBe('');
  });

  it('answers from the cookie on a later page without the parameter', () => {
    document.cookie = 'affiliate_ref=partner42; path=/';
    const config = makeConfig();
    const { referral } = start(config, decided(config, true));
    expect(referral.getReferral!()).toBe('partner42');
    expect(cookie()).toBe('affiliate_ref=partner42');
  });

  it('lets a new referral in the URL replace the stored one', () => {
    document.cookie = 'affiliate_ref=old; path=/';
    visit('/?ref=new');
    const config = makeConfig();
    const { referral } = start(config, decided(config, true));
    expect(referral.getReferral!()).toBe('new');
    expect(cookie()).toBe('affiliate_ref=new');
  });

  it('ignores an invalid id in the URL and in the cookie', () => {
    visit('/?ref=%3Cscript%3E');
    const { decide, referral } = start();
    decide({ affiliate: true });
    expect(cookie()).toBe('');
    expect(referral.getReferral!()).toBeNull();
    document.cookie = 'affiliate_ref=a%20b; path=/';
    expect(referral.getReferral!()).toBeNull();
  });

  it('reads the configured parameters only', () => {
    visit('/?ref=nope&partner=yes');
    const config = affiliate({ params: ['partner'] });
    const { referral } = start(config, decided(config, true));
    expect(referral.getReferral!()).toBe('yes');
  });

  it('removes the parameters from the address bar with stripParam, keeping the rest', () => {
    visit('/shop?page=2&ref=partner42&aff=x#top');
    history.replaceState({ spa: 1 }, '', location.href);
    const { decide, referral } = start(affiliate({ stripParam: true }));
    expect(location.pathname + location.search + location.hash).toBe('/shop?page=2#top');
    expect(history.state).toEqual({ spa: 1 });
    decide({ affiliate: true });
    expect(referral.getReferral!()).toBe('partner42');
    expect(cookie()).toBe('affiliate_ref=partner42');
  });

  it('strips by default: the id must not reach page URLs or Referer headers', () => {
    visit('/shop?ref=partner42&page=2');
    start();
    expect(location.search).toBe('?page=2');
  });

  it('leaves the address bar alone with stripParam: false or without a parameter', () => {
    visit('/shop?ref=partner42');
    const replace = vi.spyOn(history, 'replaceState');
    start(affiliate({ stripParam: false }));
    expect(location.search).toBe('?ref=partner42');
    visit('/shop?page=2');
    start(affiliate({ stripParam: true }));
    expect(replace).toHaveBeenCalledTimes(1);
  });
});

describe('referral in a real instance', () => {
  const instances: Consent[] = [];
  const create = (config: ConsentConfig = {}) => {
    const consent = createConsent(config);
    instances.push(consent);
    return consent;
  };
  afterEach(() => {
    for (const c of instances.splice(0)) c.destroy();
  });
  const referralCookie = () => /(?:^|; )affiliate_ref=([^;]*)/.exec(document.cookie)?.[1];

  it('stores the referral after acceptAll() and answers getReferral()', () => {
    visit('/?ref=partner42');
    const consent = create();
    expect(referralCookie()).toBeUndefined();
    expect(consent.getReferral()).toBeNull();
    consent.acceptAll();
    expect(referralCookie()).toBe('partner42');
    expect(consent.getReferral()).toBe('partner42');
  });

  it('stores nothing after rejectAll() and forgets it on withdrawal', () => {
    visit('/?ref=partner42');
    const consent = create();
    consent.rejectAll();
    expect(referralCookie()).toBeUndefined();
    expect(consent.getReferral()).toBeNull();
    consent.save({ affiliate: true });
    expect(referralCookie()).toBe('partner42');
    consent.save({ affiliate: false });
    expect(referralCookie()).toBeUndefined();
    expect(consent.getReferral()).toBeNull();
  });

  it('credits the stored referral on a later page once consent is stored', () => {
    visit('/?aff=partner42');
    create().acceptAll();
    visit('/pricing');
    expect(create().getReferral()).toBe('partner42');
  });

  it('strips the parameter and ignores a junk id', () => {
    visit('/?ref=%22%3E%3Cimg&x=1');
    const consent = create({ affiliate: { stripParam: true } });
    expect(location.search).toBe('?x=1');
    consent.acceptAll();
    expect(referralCookie()).toBeUndefined();
    expect(consent.getReferral()).toBeNull();
  });
});
