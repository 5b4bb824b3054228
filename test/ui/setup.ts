// Mounting helpers for the UI tests: a real consent instance (memory store, no parts) with the
// UI mounted on it, and queries that look inside the shadow root.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';
import { createConsent } from '../../src/create-consent';
import { createMemoryStore } from '../../src/browser/cookie-store';
import { encodeRecord } from '../../src/core/codec';
import { mountConsentUI, type MountOptions } from '../../src/ui/mount';
import { loadSecondLayer } from '../../src/ui/second-layer';
import type { Consent, ConsentConfig, Signals } from '../../src/types';

export const I18N = join(__dirname, '../../src/i18n');

// The dialog is the UI's second layer, imported on demand. Loaded once here, so that a dialog
// shows within a flush(), as in a browser once the layer has arrived (fetched at idle, or on
// intent). The browser suite covers the fetch itself (test/e2e/ui-layers.test.mjs).
await loadSecondLayer();
export const NO_SIGNALS: Signals = { doNotTrack: false, globalPrivacyControl: false };

/** Lets Preact's batched re-renders and pending promises run. */
export const flush = () => new Promise((r) => setTimeout(r, 0));

/** A stored decision in the consent cookie format. */
export const record = (granted: string[], revision = 0, method = 'custom') =>
  encodeRecord({ id: 'a'.repeat(32), created: 1_700_000_000, updated: Math.floor(Date.now() / 1000) - 60, revision, method: method as 'custom', granted });

export interface Setup {
  stored?: string;
  signals?: Partial<Signals>;
  options?: MountOptions;
}

export function mount(config: ConsentConfig = {}, { stored, signals, options }: Setup = {}) {
  const consent = createConsent(config, {
    parts: [],
    store: createMemoryStore(stored),
    signals: { ...NO_SIGNALS, ...signals },
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
  });
  return { consent, ...mountOn(consent, options) };
}

const mounted: Array<() => void> = [];

export function mountOn(consent: Consent, options?: MountOptions) {
  const unmount = mountConsentUI(consent, options);
  mounted.push(unmount, () => consent.destroy());
  const host = document.querySelector<HTMLElement>('[data-consentinel-root]')!;
  const root = host.shadowRoot!;
  const $ = <E extends Element = HTMLElement>(sel: string) => root.querySelector<E>(sel);
  const $$ = <E extends Element = HTMLElement>(sel: string) => [...root.querySelectorAll<E>(sel)];
  /** A button by its accessible name (aria-label or text) inside `scope`. */
  const button = (name: string, scope = '') =>
    $$<HTMLButtonElement>(`${scope} button`).find((b) => (b.getAttribute('aria-label') ?? b.textContent) === name);
  const region = () => $('[role="region"]');
  const dialog = () => $('[role="dialog"]');
  return { unmount, host, root, $, $$, button, region, dialog };
}

/** The accessible names (aria-label, else the text) of `elements`, in document order. */
export const names = (elements: Iterable<Element>) => [...elements].map((el) => el.getAttribute('aria-label') ?? el.textContent);

/** The element that has focus, inside shadow roots. */
export function focused(): Element | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/** A key press as the browser dispatches it: from the focused element, crossing shadow roots. */
export function press(key: string, shiftKey = false) {
  const e = new KeyboardEvent('keydown', { key, shiftKey, bubbles: true, composed: true, cancelable: true });
  (focused() ?? document.body).dispatchEvent(e);
  return e;
}

/** fetch() serving <base>i18n/<code>.json from src/i18n, recording the URLs asked for. */
export function serveTranslations() {
  const urls: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    urls.push(url);
    const m = /i18n\/([\w-]+)\.json$/.exec(url);
    try {
      const body = readFileSync(join(I18N, `${m![1]}.json`), 'utf8');
      return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
  return urls;
}

/** Resets what a test may have changed in the document. */
export function cleanDocument() {
  for (const undo of mounted.splice(0)) undo();
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('lang');
  vi.unstubAllGlobals();
}
