// @vitest-environment node
// SPEC §1: importing any entry in Node (SSR) must not throw and must not touch window/document.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const BROWSER_GLOBALS = ['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'customElements', 'HTMLElement'] as const;
const touched: string[] = [];

/** Every browser global throws when read, even with typeof, so any access at import shows. */
function forbidBrowserGlobals() {
  const saved = BROWSER_GLOBALS.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)] as const);
  for (const name of BROWSER_GLOBALS) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        touched.push(name);
        throw new Error(`touched ${name} at import`);
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

const entries = ['index.ts', 'ui.ts'].filter((f) => existsSync(new URL(`../src/${f}`, import.meta.url)));

describe('importing the ESM entries in Node', () => {
  it.each(entries)('src/%s imports without touching the browser', async (file) => {
    touched.length = 0;
    const restore = forbidBrowserGlobals();
    try {
      const mod = await import(/* @vite-ignore */ new URL(`../src/${file}`, import.meta.url).href);
      expect(Object.keys(mod).length).toBeGreaterThan(0);
    } finally {
      restore();
    }
    expect(touched).toEqual([]);
  });

  it('createConsent() then runs inertly on the server', async () => {
    const { createConsent } = await import('../src/index');
    const c = createConsent({ revision: 1 });
    expect(c.getState()).toMatchObject({ decided: false, revision: 1, granted: { necessary: true, analytics: false } });
    expect(c.getView()).toBeNull();
    // Inert: there is no visitor to ask on a server, and nowhere to keep a choice.
    c.acceptAll();
    c.save({ advertising: true });
    c.showPreferences();
    expect(c.getState()).toMatchObject({ decided: false, granted: { analytics: false, advertising: false } });
    expect(c.getView()).toBeNull();
    const effect = () => {
      throw new Error('whenGranted must not run on a server');
    };
    c.whenGranted('necessary', effect);
    c.destroy();
  });
});
