import { languageFiles } from '../../src/browser/language-files';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import css from '../../styles/banner.css?raw';
import { cleanDocument, flush, mount, mountOn, record, serveTranslations } from './setup';
import { FakeConsent } from './fake-consent';

afterEach(cleanDocument);

const CSS = readFileSync(join(__dirname, '../../styles/banner.css'), 'utf8');
// Vitest blanks CSS imports, ?raw included, unless vitest.config.ts lists the file in test.css.include.
const cssImported = css.length > 0;

describe('mountConsentUI', () => {
  it('puts one host first in <body> (first in the tab order) with an open shadow root, and unmount removes it', () => {
    const pageStart = document.createElement('header');
    document.body.append(pageStart);
    const { host, root, unmount } = mount();
    expect(document.querySelectorAll('[data-consentinel-root]')).toHaveLength(1);
    expect(document.body.firstElementChild).toBe(host);
    expect(host.nextElementSibling).toBe(pageStart);
    // The documented id that scanners and pop-up blockers look for.
    expect(host.id).toBe('consentinel');
    expect(root.mode).toBe('open');
    expect(document.body.querySelector('[role="region"]')).toBeNull();
    unmount();
    expect(document.querySelector('[data-consentinel-root]')).toBeNull();
  });

  it('renders into a host the site gives, and leaves the host in place on unmount', () => {
    const mine = document.createElement('aside');
    document.body.append(mine);
    const { host, region, unmount } = mount({}, { options: { root: mine } });
    expect(host).toBe(mine);
    expect(region()).not.toBeNull();
    unmount();
    expect(mine.isConnected).toBe(true);
    expect(mine.shadowRoot!.childNodes).toHaveLength(0);
  });

  it.skipIf(!cssImported)('adopts a constructable stylesheet where the browser has them (CSP style-src \'self\')', () => {
    // jsdom has CSSStyleSheet but not adoptedStyleSheets: give shadow roots the property.
    let adopted: CSSStyleSheet[] = [];
    Object.defineProperty(ShadowRoot.prototype, 'adoptedStyleSheets', { configurable: true, get: () => adopted, set: (v) => (adopted = v) });
    try {
      const { root } = mount();
      expect(adopted).toHaveLength(1);
      expect(adopted[0]!.cssRules.length).toBeGreaterThan(20);
      expect(root.querySelector('style, link')).toBeNull();
    } finally {
      delete (ShadowRoot.prototype as { adoptedStyleSheets?: unknown }).adoptedStyleSheets;
    }
  });

  it('falls back to <link> to the stylesheet next to the script, or <style> without a base', () => {
    const { root } = mount({}, { options: { base: '/dist/' } });
    expect(root.querySelector('link')!.getAttribute('href')).toBe('/dist/consentinel.css');
    expect(root.querySelector('link')!.rel).toBe('stylesheet');
    cleanDocument();
    const esm = mount();
    expect(esm.root.querySelector('style')!.textContent).toBe(css);
  });

  it.skipIf(!cssImported)('inlines the stylesheet file', () => {
    expect(css).toBe(CSS);
  });

  it('works with any Consent implementation, through its public methods only', async () => {
    const consent = new FakeConsent({}, { view: 'banner' });
    const { button, region, dialog } = mountOn(consent);
    button('Preferences')!.click();
    await flush();
    button('Save preferences')!.click();
    await flush();
    expect(consent.calls).toEqual(['view preferences', 'save {"necessary":true,"analytics":false,"affiliate":false,"advertising":false}', 'view null']);
    expect(region()).toBeNull();
    expect(dialog()).toBeNull();
  });

  it('follows the view: banner, preferences, nothing', async () => {
    const consent = new FakeConsent();
    const { region, dialog } = mountOn(consent);
    expect(region()).toBeNull();
    consent.showBanner();
    await flush();
    expect(region()).not.toBeNull();
    consent.hide();
    await flush();
    expect(region()).toBeNull();
    consent.showPreferences();
    await flush();
    expect(dialog()).not.toBeNull();
    expect(region()).toBeNull();
  });

  it('renders nothing after unmount, even when a language arrives late', async () => {
    serveTranslations();
    document.documentElement.lang = 'nl';
    const { unmount } = mount({}, { options: { base: '/dist/' } });
    unmount();
    await flush();
    await flush();
    expect(document.querySelector('[data-consentinel-root]')).toBeNull();
  });
});

describe('data-consentinel="cookie-table"', () => {
  const config = {
    categories: {
      necessary: { required: true, cookies: [{ name: 'consentinel', provider: 'Northwind', purpose: 'Remembers your choice', duration: '6 months' }] },
      analytics: { cookies: [{ pattern: '^_ga', provider: 'Google', purpose: 'Statistics', duration: '2 years' }, { name: '_gid', provider: 'Google' }] },
      chat: {},
    },
  };

  it('renders the full declaration into the page (light DOM), one table per category', async () => {
    document.body.innerHTML = '<main><h2>Cookies we use</h2><div data-consentinel="cookie-table"><p>Enable JavaScript to see the list.</p></div></main>';
    mount(config, { stored: record(['necessary']) });
    const el = document.querySelector('[data-consentinel="cookie-table"]')!;
    // The tables come with the UI's second layer.
    await vi.waitFor(() => expect(el.querySelectorAll('table')).toHaveLength(3));
    const tables = [...el.querySelectorAll('table')];
    expect(tables.map((t) => t.caption!.textContent)).toEqual(['Necessary', 'Analytics', 'chat']);
    const rows = (t: HTMLTableElement) => [...t.tBodies[0]!.rows].map((r) => [...r.cells].map((c) => c.textContent));
    expect(rows(tables[0]!)).toEqual([['consentinel', 'Northwind', 'Remembers your choice', '6 months']]);
    expect(rows(tables[1]!)).toEqual([['_ga…', 'Google', 'Statistics', '2 years'], ['_gid', 'Google', '', '']]);
    expect(rows(tables[2]!)).toEqual([['No cookies declared.']]);
    expect([...tables[0]!.querySelectorAll('th')].map((th) => [th.textContent, th.getAttribute('scope')])).toEqual([
      ['Name', 'col'], ['Provider', 'col'], ['Purpose', 'col'], ['Duration', 'col'],
    ]);
    expect(el.textContent).not.toContain('Enable JavaScript');
  });

  it('fills tables parsed after the UI mounted (the UI mounts as soon as <body> exists)', async () => {
    mount(config, { stored: record(['necessary']) });
    const late = document.createElement('div');
    late.setAttribute('data-consentinel', 'cookie-table');
    document.body.append(late);
    await flush();
    expect(late.querySelector('table')).toBeNull();
    document.dispatchEvent(new Event('DOMContentLoaded'));
    await vi.waitFor(() => expect(late.querySelectorAll('table')).toHaveLength(3));
    document.dispatchEvent(new Event('DOMContentLoaded'));
    await flush();
    expect(late.querySelectorAll('table')).toHaveLength(3);
  });

  it('uses the page language, and unmount empties it', async () => {
    serveTranslations();
    document.documentElement.lang = 'it';
    document.body.innerHTML = '<div data-consentinel="cookie-table"></div><div data-consentinel="cookie-table"></div>';
    // As the script-tag core mounts it: with its loader of the language files.
    const { unmount } = mount(config, { stored: record(['necessary']), options: { base: '/dist/', loadLanguage: languageFiles('/dist/') } });
    const it = JSON.parse(readFileSync(join(__dirname, '../../src/i18n/it.json'), 'utf8'));
    await vi.waitFor(() => expect(document.querySelectorAll('table')).toHaveLength(6));
    expect(document.querySelector('caption')!.textContent).toBe(it.categories.necessary.title);
    expect(document.querySelector('th')!.textContent).toBe(it.table.name);
    unmount();
    expect(document.querySelectorAll('table')).toHaveLength(0);
  });
});
