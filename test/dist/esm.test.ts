// @vitest-environment node
// The ESM headless build (dist/index.js, built by `npm run build` before these tests run) in Node,
// the way a server-rendered app imports it.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';

const INDEX = new URL('../../dist/index.js', import.meta.url);
const UI = new URL('../../dist/ui.js', import.meta.url);
const CORE = new URL('../../dist/consentinel.js', import.meta.url);
const BROWSER_GLOBALS = ['window', 'document', 'navigator', 'location', 'localStorage', 'BroadcastChannel'] as const;

/** Makes every browser global throw when read (or probed with typeof), and gives back the restore function. */
function forbidBrowserGlobals() {
  const saved = BROWSER_GLOBALS.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)] as const);
  for (const name of BROWSER_GLOBALS) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        throw new Error(`touched ${name}`);
      },
    });
  }
  return () => {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else delete (globalThis as Record<string, unknown>)[name];
    }
  };
}

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

describe('dist/index.js in Node', () => {
  it('imports without touching window, document, navigator or location, and has no Preact', async () => {
    restore = forbidBrowserGlobals();
    const mod = await import(/* @vite-ignore */ INDEX.href);
    restore();
    restore = undefined;
    expect(typeof mod.createConsent).toBe('function');
    expect(typeof mod.parseConfig).toBe('function');
    expect(typeof mod.decodeRecord).toBe('function');
    expect(typeof mod.encodeRecord).toBe('function');
    expect(typeof mod.createMemoryStore).toBe('function');
    expect(readFileSync(INDEX, 'utf8')).not.toMatch(/from\s*['"]preact/);
  });

  it('createConsent() is inert: undecided, no view, and decisions change nothing', async () => {
    const { createConsent } = await import(/* @vite-ignore */ INDEX.href);
    // No window or document exist here: any access other than a typeof probe throws a ReferenceError.
    expect(typeof (globalThis as Record<string, unknown>).document).toBe('undefined');
    const c = createConsent({ categories: { necessary: { required: true }, analytics: {} } });
    expect(c.getState()).toMatchObject({ decided: false, granted: { necessary: true, analytics: false }, signals: { doNotTrack: false, globalPrivacyControl: false } });
    expect(c.isGranted('analytics')).toBe(false);
    expect(c.getView()).toBeNull();
    expect(c.getReferral()).toBeNull();
    const seen: unknown[] = [];
    c.subscribe((_s: unknown, changes: unknown) => seen.push(changes));
    c.save({ analytics: true });
    c.acceptAll();
    c.showBanner();
    expect(c.isGranted('analytics')).toBe(false);
    expect(c.getState().decided).toBe(false);
    expect(c.getView()).toBeNull();
    expect(seen).toEqual([]);
    c.destroy();
  });

  it('with a store given, decisions work on a server too (kept in that store)', async () => {
    const { createConsent, createMemoryStore } = await import(/* @vite-ignore */ INDEX.href);
    const store = createMemoryStore();
    const c = createConsent({}, { store });
    c.save({ analytics: true });
    expect(c.isGranted('analytics')).toBe(true);
    expect(store.read()).toMatch(/^1\.[0-9a-f]{32}\./);
  });

  it('dist/consentinel.js (the script-tag file) imports in Node without throwing or printing', () => {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(CORE.href)}); console.log('imported')`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out.trim()).toBe('imported');
  });

  it('rejects an invalid config with the boundary TypeError', async () => {
    const { createConsent } = await import(/* @vite-ignore */ INDEX.href);
    expect(() => createConsent({ mode: 'opt-maybe' })).toThrow(/^\[consentinel\] config\.mode: /);
  });

  it('reads a stored record given through a memory store (e.g. the request cookie on a server)', async () => {
    const { createConsent, createMemoryStore } = await import(/* @vite-ignore */ INDEX.href);
    const now = Math.floor(Date.now() / 1000);
    const store = createMemoryStore(`1.0123456789abcdef0123456789abcdef.${now}.${now}.0.custom.necessary+advertising`);
    const c = createConsent({}, { store });
    expect(c.getState()).toMatchObject({ decided: true, method: 'custom' });
    expect(c.isGranted('advertising')).toBe(true);
    expect(c.isGranted('analytics')).toBe(false);
  });

  it.runIf(existsSync(UI))('dist/ui.js imports without touching the browser', async () => {
    restore = forbidBrowserGlobals();
    const mod = await import(/* @vite-ignore */ UI.href);
    restore();
    restore = undefined;
    expect(Object.keys(mod).length).toBeGreaterThan(0);
  });
});
