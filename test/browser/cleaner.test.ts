// @vitest-environment-options {"url": "https://a.b.example.co.uk/shop/cart"}
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCleaner } from '../../src/browser/cleaner';
import { createConsent } from '../../src/create-consent';
import { createMemoryStore } from '../../src/browser/cookie-store';
import type { ConsentConfig } from '../../src/types';
import { fakeConsent } from './fake-consent';

const tick = () => new Promise((r) => setTimeout(r, 0));
const names = () => document.cookie.split('; ').filter(Boolean).map((c) => c.split('=')[0]).sort();
const CATEGORIES = {
  necessary: { required: true, cookies: [{ name: 'session' }] },
  analytics: { cookies: [{ pattern: '^_ga(_.*)?$' }, { name: '_gid' }], storage: ['^_ga', '^amp_', '^key$'] },
  advertising: { cookies: [{ name: '_fbp' }] },
};

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
  for (const c of document.cookie.split('; ').filter(Boolean)) {
    const name = c.split('=')[0];
    for (const domain of ['', 'example.co.uk', 'b.example.co.uk', 'a.b.example.co.uk'])
      for (const path of ['/', '/shop', '/shop/', '/shop/cart'])
        document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=${path}${domain && '; domain=' + domain}`;
  }
  localStorage.clear();
  sessionStorage.clear();
  delete (document as { visibilityState?: unknown }).visibilityState;
});

function start(config: ConsentConfig = {}, granted: Record<string, boolean> = { analytics: true, advertising: true }) {
  const reload = vi.fn();
  const fake = fakeConsent({ categories: CATEGORIES, ...config }, { decided: true, granted });
  fake.start(createCleaner({ reload }));
  stop = fake.destroy;
  return { ...fake, reload };
}

describe('cleaner', () => {
  it('deletes the refused category’s cookies on every parent domain and path prefix', () => {
    document.cookie = '_ga=1; path=/; domain=example.co.uk';
    document.cookie = '_ga_XYZ=2; path=/shop';
    document.cookie = '_gid=3; path=/shop/; domain=b.example.co.uk';
    document.cookie = '_gid=4; path=/shop/cart; domain=a.b.example.co.uk';
    document.cookie = '_ga_host=5; path=/';
    document.cookie = '_fbp=6; path=/; domain=example.co.uk';
    document.cookie = 'session=7; path=/';
    document.cookie = 'other=8; path=/';
    expect(names()).toEqual(['_fbp', '_ga', '_ga_XYZ', '_ga_host', '_gid', '_gid', 'other', 'session']);
    const fake = start();
    fake.decide({ analytics: false });
    expect(names()).toEqual(['_fbp', 'other', 'session']);
  });

  it('deletes matching localStorage and sessionStorage keys only', () => {
    localStorage.setItem('_ga_client', '1');
    localStorage.setItem('amp_device', '1');
    localStorage.setItem('key', '1');
    localStorage.setItem('cart', '1');
    sessionStorage.setItem('_ga_session', '1');
    sessionStorage.setItem('tab', '1');
    const fake = start();
    fake.decide({ analytics: false });
    // "key" is also a Storage method, so only storage.key(i) lists it in every browser.
    expect(localStorage.length).toBe(1);
    expect(localStorage.getItem('cart')).toBe('1');
    expect(Object.keys(sessionStorage)).toEqual(['tab']);
  });

  it('at start, deletes what the refused categories left, keeps the granted ones’, and does not reload', async () => {
    document.cookie = '_ga=1; path=/';
    document.cookie = '_fbp=2; path=/; domain=example.co.uk';
    localStorage.setItem('_ga_client', '1');
    const fake = start({}, { analytics: true, advertising: false });
    expect(names()).toEqual(['_ga']);
    expect(localStorage.getItem('_ga_client')).toBe('1');
    fake.decide({ advertising: true });
    expect(names()).toEqual(['_ga']);
    await tick();
    expect(fake.reload).not.toHaveBeenCalled();
  });

  it('a decision that only grants still deletes what is left of the categories still refused, without a reload', async () => {
    const fake = start({}, { analytics: false, advertising: false });
    document.cookie = '_fbp=tag wrote it again; path=/';
    document.cookie = '_ga=1; path=/';
    fake.decide({ analytics: true });
    expect(names()).toEqual(['_ga']);
    await tick();
    expect(fake.reload).not.toHaveBeenCalled();
  });

  it('keeps a cookie that a granted category declares too', () => {
    document.cookie = '_ga=1; path=/';
    const fake = start({ categories: { ...CATEGORIES, advertising: { cookies: [{ pattern: '^_' }] } } }, { analytics: true, advertising: true });
    fake.decide({ advertising: false });
    expect(names()).toEqual(['_ga']);
  });

  it('never throws where document.cookie throws (a sandboxed iframe), and still cleans storage', async () => {
    localStorage.setItem('_ga_client', '1');
    const denied = vi.spyOn(document, 'cookie', 'get').mockImplementation(() => {
      throw new DOMException('The document is sandboxed and lacks the allow-same-origin flag', 'SecurityError');
    });
    const fake = start();
    expect(() => fake.decide({ analytics: false })).not.toThrow();
    denied.mockRestore();
    expect(localStorage.getItem('_ga_client')).toBeNull();
    await tick();
    expect(fake.reload).toHaveBeenCalledTimes(1);
  });

  it('never deletes the consent cookie, even when a pattern matches it', () => {
    document.cookie = 'consentinel=1.x; path=/';
    document.cookie = 'consent_other=1; path=/';
    const fake = start({ categories: { necessary: { required: true }, analytics: { cookies: [{ pattern: '^consent' }] } } }, { analytics: true });
    fake.decide({ analytics: false });
    expect(names()).toEqual(['consentinel']);
  });

  it('keeps going when storage cannot be used', () => {
    const denied = vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    sessionStorage.setItem('_ga_session', '1');
    document.cookie = '_gid=1; path=/';
    const fake = start();
    expect(() => fake.decide({ analytics: false })).not.toThrow();
    denied.mockRestore();
    expect(sessionStorage.length).toBe(0);
    expect(names()).toEqual([]);
  });

  it('reloads the page once after a withdrawal in this tab', async () => {
    const fake = start();
    fake.decide({ analytics: false });
    fake.decide({ advertising: false });
    expect(fake.reload).not.toHaveBeenCalled();
    await tick();
    expect(fake.reload).toHaveBeenCalledTimes(1);
  });

  it('does not reload with reloadOnWithdraw: false', async () => {
    const fake = start({ reloadOnWithdraw: false });
    fake.decide({ analytics: false });
    await tick();
    expect(fake.reload).not.toHaveBeenCalled();
  });

  it('reloads a hidden tab when it becomes visible after a withdrawal in another tab', async () => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    const fake = start();
    fake.decide({ analytics: false }, 'sync');
    await tick();
    expect(fake.reload).not.toHaveBeenCalled();
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    await tick();
    expect(fake.reload).toHaveBeenCalledTimes(1);
  });

  it('reloads a visible tab at once after a withdrawal in another tab', async () => {
    const fake = start();
    fake.decide({ analytics: false }, 'sync');
    await tick();
    expect(fake.reload).toHaveBeenCalledTimes(1);
  });

  it('cleans up through a real consent instance', async () => {
    document.cookie = '_ga=1; path=/; domain=example.co.uk';
    localStorage.setItem('_ga_x', '1');
    const reload = vi.fn();
    const consent = createConsent(
      { categories: CATEGORIES },
      { parts: [createCleaner({ reload })], store: createMemoryStore(), signals: { doNotTrack: false, globalPrivacyControl: false } },
    );
    stop = consent.destroy;
    expect(names()).toEqual([]);
    expect(localStorage.length).toBe(0);
    consent.acceptAll();
    document.cookie = '_ga=1; path=/; domain=example.co.uk';
    localStorage.setItem('_ga_x', '1');
    consent.save({ analytics: false });
    expect(names()).toEqual([]);
    expect(localStorage.length).toBe(0);
    await tick();
    expect(reload).toHaveBeenCalledTimes(1);
  });
});
