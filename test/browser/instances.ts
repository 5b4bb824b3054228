// Real consent instances for jsdom tests of one part: `make()` creates one, and after each test
// every instance is destroyed, the cookies and the page are cleared, and mocks are undone.
import { afterEach, vi } from 'vitest';
import { createConsent, type ConsentOptions } from '../../src/create-consent';
import type { Consent, ConsentConfig } from '../../src/types';

/** The consent cookie's documented format (README, "The consent cookie"). */
export const RECORD = /^1\.([0-9a-f]{32})\.(\d+)\.(\d+)\.(\d+)\.(accept-all|reject-all|custom)\.([a-z0-9_+-]*)$/;

export function useInstances() {
  const instances: Consent[] = [];
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of instances.splice(0)) c.destroy();
    while (cleanups.length) cleanups.pop()!();
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
    for (const c of document.cookie.split('; ')) if (c) document.cookie = `${c.split('=')[0]}=; path=/; max-age=0`;
    document.body.innerHTML = '';
  });
  return {
    instances,
    /** Runs `fn` after the test (undoing what the test set up). */
    onCleanup: (fn: () => void) => void cleanups.push(fn),
    make(config: ConsentConfig = {}, options: ConsentOptions = {}) {
      const c = createConsent(config, options);
      instances.push(c);
      return c;
    },
    /** The page's cookies by name. */
    cookies: () => Object.fromEntries(document.cookie.split('; ').filter(Boolean).map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)])),
    /** Records `type` events on document until the test ends. */
    listen(type: string) {
      const events: CustomEvent[] = [];
      const fn = (e: Event) => events.push(e as CustomEvent);
      document.addEventListener(type, fn);
      cleanups.push(() => document.removeEventListener(type, fn));
      return events;
    },
    /** Sets a navigator property until the test ends. */
    setNavigator(key: string, value: unknown) {
      Object.defineProperty(navigator, key, { value, configurable: true, writable: true });
      cleanups.push(() => delete (navigator as unknown as Record<string, unknown>)[key]);
    },
  };
}
