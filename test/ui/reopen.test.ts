// The reopen button is a browser part of the core (src/browser/reopen.ts); it is tested here with the UI it opens.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConsent } from '../../src/create-consent';
import { createMemoryStore } from '../../src/browser/cookie-store';
import { createReopen } from '../../src/browser/reopen';
import type { ConsentConfig } from '../../src/types';
import { NO_SIGNALS, cleanDocument, flush, focused, mountOn, press, record } from './setup';

const made: Array<() => void> = [];
afterEach(() => {
  for (const undo of made.splice(0)) undo();
  cleanDocument();
});

function start(config: ConsentConfig = {}, stored?: string, options?: { label?: string }) {
  const consent = createConsent(config, { parts: [createReopen(options)], store: createMemoryStore(stored), signals: NO_SIGNALS, userAgent: 'Mozilla/5.0' });
  made.push(() => consent.destroy());
  const reopen = () => document.querySelector('[data-consentinel-reopen]')?.shadowRoot?.querySelector('button') ?? null;
  return { consent, reopen };
}

describe('the reopen button', () => {
  it('is absent while the visitor has not decided, and appears after a decision', () => {
    const { consent, reopen } = start();
    expect(reopen()).toBeNull();
    consent.rejectAll();
    expect(reopen()).not.toBeNull();
    expect(reopen()!.getAttribute('aria-label')).toBe('Cookie settings');
    expect(reopen()!.querySelector('svg')!.getAttribute('aria-hidden')).toBe('true');
  });

  it('shows at once for a returning visitor and opens the preferences', () => {
    const { consent, reopen } = start({}, record(['necessary']));
    expect(reopen()).not.toBeNull();
    reopen()!.click();
    expect(consent.getView()).toBe('preferences');
    expect(reopen(), 'stays under the dialog, so focus can return to it').not.toBeNull();
  });

  it('hides while the banner shows again (reset) and can be switched off', () => {
    const { consent, reopen } = start({}, record(['necessary']));
    consent.reset();
    expect(reopen()).toBeNull();
    cleanDocument();
    const off = start({ ui: { reopenButton: false } }, record(['necessary']));
    expect(off.reopen()).toBeNull();
  });

  it('takes its name from the options, or the site texts of the page language', () => {
    document.documentElement.lang = 'et';
    const t = start({ translations: { et: { reopen: 'Küpsiste seaded' } } }, record(['necessary']));
    expect(t.reopen()!.getAttribute('aria-label')).toBe('Küpsiste seaded');
    expect(t.reopen()!.title).toBe('Küpsiste seaded');
    cleanDocument();
    document.documentElement.lang = 'fr-CA';
    const fr = start({ translations: { fr: { reopen: 'Paramètres des cookies' } } }, record(['necessary']));
    expect(fr.reopen()!.getAttribute('aria-label')).toBe('Paramètres des cookies');
    cleanDocument();
    const de = start({ language: 'de', translations: { de: { reopen: 'Cookie-Einstellungen' } } }, record(['necessary']));
    expect(de.reopen()!.getAttribute('aria-label')).toBe('Cookie-Einstellungen');
    cleanDocument();
    const o = start({}, record(['necessary']), { label: 'Privacy' });
    expect(o.reopen()!.getAttribute('aria-label')).toBe('Privacy');
  });

  it('keeps a label with markup as text', () => {
    const { reopen } = start({ language: 'en', translations: { en: { reopen: '<img src=x onerror=alert(1)>' } } }, record(['necessary']));
    expect(reopen()!.querySelector('img')).toBeNull();
    expect(reopen()!.getAttribute('aria-label')).toBe('<img src=x onerror=alert(1)>');
  });

  it('has the documented names: host #consentinel-reopen with data-theme, button .consentinel-reopen', () => {
    const { reopen } = start({}, record(['necessary']));
    const host = document.getElementById('consentinel-reopen')!;
    expect(host.hasAttribute('data-consentinel-reopen')).toBe(true);
    expect(host.dataset.theme, 'like the UI host: auto follows prefers-color-scheme').toBe('auto');
    expect(host.shadowRoot!.mode).toBe('open');
    expect(reopen()!.className).toBe('consentinel-reopen');
    expect(reopen()!.getAttribute('aria-label')).toMatch(/cookie/i);
    cleanDocument();
    start({ ui: { theme: 'dark' } }, record(['necessary']));
    expect(document.getElementById('consentinel-reopen')!.dataset.theme).toBe('dark');
  });

  it('sits in the corner ui.reopenPosition names, on logical sides (they mirror right to left)', () => {
    const corner = (position?: 'bottom-left' | 'bottom-right' | 'top-left' | 'top-right') => {
      cleanDocument();
      const { reopen } = start(position ? { ui: { reopenPosition: position } } : {}, record(['necessary']));
      const style = reopen()!.style;
      return ['top', 'bottom', 'inset-inline-start', 'inset-inline-end'].filter((side) => style.getPropertyValue(side) == '16px');
    };
    expect(corner(), 'the default').toEqual(['bottom', 'inset-inline-start']);
    expect(corner('bottom-right')).toEqual(['bottom', 'inset-inline-end']);
    expect(corner('top-left')).toEqual(['top', 'inset-inline-start']);
    expect(corner('top-right')).toEqual(['top', 'inset-inline-end']);
    expect(() => start({ ui: { reopenPosition: 'left' as never } })).toThrow(/ui\.reopenPosition/);
    // The host's direction is the language's, as on the UI's host, so that the corner mirrors.
    cleanDocument();
    document.documentElement.lang = 'ar';
    start({}, record(['necessary']));
    expect(document.getElementById('consentinel-reopen')!.dir).toBe('rtl');
    expect(document.getElementById('consentinel-reopen')!.lang).toBe('ar');
  });

  // jsdom has no constructable stylesheets, so this is the path of browsers without them (the
  // stylesheet itself is checked in Chromium, test/e2e/reopen.test.mjs).
  it('without constructable stylesheets: the theme of the moment through CSSOM, no <style> for a CSP to block', () => {
    const tokens = () => {
      const style = document.querySelector('[data-consentinel-reopen]')!.shadowRoot!.querySelector('button')!.style;
      return { accent: style.getPropertyValue('--accent'), fg: style.getPropertyValue('--accent-fg'), position: style.position };
    };
    start({}, record(['necessary']));
    expect(document.querySelector('[data-consentinel-reopen]')!.shadowRoot!.querySelector('style, link')).toBeNull();
    expect(tokens()).toEqual({ accent: 'var(--consentinel-accent,#0b57d0)', fg: 'var(--consentinel-accent-fg,#fff)', position: 'fixed' });
    cleanDocument();
    start({ ui: { theme: 'dark' } }, record(['necessary']));
    expect(tokens()).toMatchObject({ accent: 'var(--consentinel-accent,#8ab4f8)', fg: 'var(--consentinel-accent-fg,#0b1d3a)' });
    cleanDocument();
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: query.includes('dark') }));
    try {
      start({}, record(['necessary']));
      expect(tokens().accent, 'auto, in a dark colour scheme').toBe('var(--consentinel-accent,#8ab4f8)');
      cleanDocument();
      start({ ui: { theme: 'light' } }, record(['necessary']));
      expect(tokens().accent, 'light wins over the scheme').toBe('var(--consentinel-accent,#0b57d0)');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('goes away with the instance', () => {
    const { consent, reopen } = start({}, record(['necessary']));
    consent.destroy();
    expect(reopen()).toBeNull();
  });
});

describe('the whole flow through the real instance', () => {
  it('banner → Reject all → reopen → dialog → Escape returns focus to the reopen button', async () => {
    const { consent, reopen } = start();
    const ui = mountOn(consent);
    expect(ui.region()).not.toBeNull();
    ui.button('Reject all')!.click();
    await flush();
    expect(ui.region()).toBeNull();
    expect(consent.getState().method).toBe('reject-all');

    reopen()!.focus();
    reopen()!.click();
    await flush();
    expect(ui.dialog()!.contains(focused())).toBe(true);
    press('Escape');
    await flush();
    expect(ui.dialog()).toBeNull();
    expect(focused()).toBe(reopen());
    expect(consent.getState().method).toBe('reject-all');
  });

  it('switching a category on in the dialog and saving grants it', async () => {
    const { consent, reopen } = start({}, record(['necessary']));
    const ui = mountOn(consent);
    reopen()!.focus();
    reopen()!.click();
    await flush();
    const sw = ui.$$<HTMLButtonElement>('[role="switch"]').find((s) => s.getAttribute('aria-label') === 'Advertising')!;
    sw.click();
    await flush();
    ui.button('Save preferences')!.click();
    await flush();
    expect(consent.isGranted('advertising')).toBe(true);
    expect(consent.isGranted('analytics')).toBe(false);
    expect(focused()).toBe(reopen());
  });
});
