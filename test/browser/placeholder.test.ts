import { afterEach, describe, expect, it, vi } from 'vitest';
import { languageFiles } from '../../src/browser/language-files';
import { createGate } from '../../src/browser/gate';
import { createPlaceholders } from '../../src/browser/placeholder';
import { createConsent } from '../../src/create-consent';
import { createMemoryStore } from '../../src/browser/cookie-store';
import type { ConsentConfig } from '../../src/types';
import en from '../../src/i18n/en.json';
import { fakeConsent } from './fake-consent';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
const IFRAME = '<iframe data-consent="advertising" data-src="https://video.test/embed" title="Launch video" width="560" height="315"></iframe>';

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
  document.body.innerHTML = '';
  document.documentElement.lang = '';
  vi.unstubAllGlobals();
  placeholders.mockClear();
});

const placeholders = vi.fn(async () => createPlaceholders);
// The script tag's loader of the built-in languages (auto.ts hands the same one to the UI).
const gate = (i18nBase?: string) => createGate({ loadLanguage: i18nBase ? languageFiles(i18nBase) : undefined, placeholders });

/** Starts a gate on `html`; placeholders show once their code has loaded. */
async function start(html: string, config: ConsentConfig = {}, i18nBase?: string) {
  document.body.innerHTML = html;
  const fake = fakeConsent({ reloadOnWithdraw: false, ...config });
  fake.start(gate(i18nBase));
  stop = fake.destroy;
  await tick();
  return fake;
}
const box = () => document.querySelector<HTMLElement>('[role="group"]');
const button = () => box()!.querySelector('button')!;

describe('iframe placeholder', () => {
  it('stands in the iframe’s place, named, saying which category it needs', async () => {
    await start(`<p>x</p>${IFRAME}`);
    const b = box()!;
    const f = document.querySelector('iframe')!;
    expect(b.nextElementSibling).toBe(f);
    expect(f.style.display).toBe('none');
    expect(b.getAttribute('aria-label')).toBe('Launch video');
    expect(b.querySelector('p')!.textContent).toBe(en.placeholder.text.replace('{category}', en.categories.advertising.title));
    expect(button().type).toBe('button');
    expect(button().textContent).toBe('Allow Advertising');
  });

  it('looks like the banner: its theme tokens, light or dark as ui.theme says, and documented class names', async () => {
    const colours = () => [button().style.background, button().style.color];
    await start(IFRAME, { ui: { theme: 'light' } });
    expect(colours()).toEqual(['var(--consentinel-accent,#0b57d0)', 'var(--consentinel-accent-fg,#fff)']);
    expect(box()!.className).toBe('consentinel-placeholder');
    expect(button().className).toBe('consentinel-button');
    stop!();
    await start(IFRAME, { ui: { theme: 'dark' } });
    expect(colours()).toEqual(['var(--consentinel-accent,#8ab4f8)', 'var(--consentinel-accent-fg,#0b1d3a)']);
    stop!();
    // auto: the colour scheme of the moment.
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: query == '(prefers-color-scheme: dark)' }));
    try {
      await start(IFRAME);
      expect(colours()[0]).toBe('var(--consentinel-accent,#8ab4f8)');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('keeps the iframe’s box', async () => {
    await start(IFRAME);
    expect(box()!.style.width).toBe('560px');
    expect(box()!.style.height).toBe('315px');
    expect(box()!.style.boxSizing).toBe('border-box');
    expect(document.querySelector('style')).toBeNull();
  });

  it('is named by its text when the iframe has no title', async () => {
    await start('<iframe data-consent="analytics" data-src="https://x.test/"></iframe>');
    expect(box()!.getAttribute('aria-label')).toMatch(/needs your consent for Analytics\.$/);
  });

  it('allows the category from its button, then gives way to the iframe', async () => {
    const fake = await start(IFRAME);
    const save = vi.spyOn(fake.consent, 'save');
    button().focus();
    button().click();
    expect(save).toHaveBeenCalledWith({ advertising: true });
    const f = document.querySelector('iframe')!;
    expect(f.getAttribute('src')).toBe('https://video.test/embed');
    expect(f.style.display).toBe('');
    expect(box()).toBeNull();
    expect(document.activeElement).toBe(f);
  });

  it('names every missing category of a multi-category iframe and allows them all', async () => {
    const fake = await start('<iframe data-consent="affiliate advertising" data-src="https://x.test/"></iframe>');
    expect(button().textContent).toBe('Allow Affiliate referrals, Advertising');
    fake.decide({ affiliate: true });
    expect(button().textContent).toBe('Allow Advertising');
    button().click();
    expect(fake.consent.isGranted('advertising')).toBe(true);
    expect(document.querySelector('iframe')!.hasAttribute('src')).toBe(true);
  });

  it('is not shown for !category or unknown categories, nor for allowed iframes', async () => {
    await start('<iframe data-consent="!analytics" data-src="https://a.test/"></iframe><iframe data-consent="nope" data-src="https://b.test/"></iframe>');
    expect(box()).toBeNull();
  });

  it('appears for an iframe inserted later and leaves with it', async () => {
    await start('');
    document.body.insertAdjacentHTML('beforeend', `<div>${IFRAME}</div>`);
    await tick();
    expect(box()).not.toBeNull();
    document.querySelector('iframe')!.remove();
    await tick();
    expect(box()).toBeNull();
  });

  it('uses the site’s translation overrides', async () => {
    await start(IFRAME, { translations: { en: { placeholder: { allow: 'Let {category} in' }, categories: { advertising: { title: 'Ads' } } } } });
    expect(button().textContent).toBe('Let Ads in');
  });

  it('fetches a built-in language from i18nBase only when a placeholder shows', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ placeholder: { text: 'Vaja: {category}', allow: 'Luba {category}' }, categories: { advertising: { title: 'Reklaam' } } })));
    vi.stubGlobal('fetch', fetch);
    document.documentElement.lang = 'et';
    const fake = await start('<iframe data-consent="advertising" data-src="https://x.test/"></iframe>', {}, 'https://cdn.test/dist/');
    await tick();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith('https://cdn.test/dist/i18n/et.json');
    expect(button().textContent).toBe('Luba Reklaam');
    fake.decide({ analytics: true });
    await tick();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('loads its code once, only when an iframe is blocked', async () => {
    await start('<p>no iframe</p>');
    expect(placeholders).not.toHaveBeenCalled();
    stop!();
    await start(IFRAME + IFRAME.replace('advertising', 'analytics'));
    expect(placeholders).toHaveBeenCalledTimes(1);
    expect(document.querySelectorAll('[role="group"]')).toHaveLength(2);
  });

  it('fetches nothing when no placeholder shows, or without i18nBase', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    document.documentElement.lang = 'et';
    await start('<p>no iframe</p>', {}, 'https://cdn.test/dist/');
    stop!();
    await start(IFRAME, { translations: { et: { placeholder: { allow: 'Luba {category}' } } } });
    await tick();
    expect(fetch).not.toHaveBeenCalled();
    expect(button().textContent).toBe('Luba Advertising');
  });

  it('allows through a real consent instance', async () => {
    document.body.innerHTML = IFRAME;
    const consent = createConsent({}, { parts: [gate()], store: createMemoryStore(), signals: { doNotTrack: false, globalPrivacyControl: false } });
    stop = consent.destroy;
    await tick();
    button().click();
    expect(consent.getState()).toMatchObject({ decided: true, granted: { advertising: true, analytics: false } });
    expect(document.querySelector('iframe')!.getAttribute('src')).toBe('https://video.test/embed');
    expect(box()).toBeNull();
  });
});
