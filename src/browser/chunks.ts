import type { Changes, Consent, ConsentState } from '../types';
import type { Source } from './part';
import { hasLogQueue } from './log-queue';
import { leftovers } from './leftovers';

type Needed = (consent: Consent, state: ConsentState, changes: Changes, source: Source) => unknown;

/**
 * The on-demand parts of the library, each declared once here: code that few page views need,
 * kept out of the core that every visitor runs. Each has its module in src/chunks/ (whose default
 * export is the part) and, for those loaded by a rule of their own, `needed`: the first update for
 * which it is true loads the code (browser/lazy-part.ts). The placeholder is loaded by the gate
 * when it first blocks an iframe.
 *
 * Bundlers split each `import()` into a file of their own. The script-tag build turns each into
 * `import('./consentinel-<name>.mjs')` (rollup.config.mjs), which the browser resolves against the
 * URL of consentinel.js and runs under its nonce. Adding a chunk: a module in src/chunks/ and an
 * entry here; the builds and the size ceilings find it by itself.
 */
export const CHUNKS = {
  /**
   * Deletes the cookies and storage keys of every refused category, at start and after each
   * decision, and reloads once after a switch-off. Needed for that reload, or when a refused
   * category left something behind (at start too): most visits have neither and never fetch it.
   */
  cleaner: {
    load: () => import('../chunks/cleaner'),
    needed: (({ config }, state, changes, source) =>
      (config.reloadOnWithdraw && source !== 'init' && changes.revoked.length > 0) || leftovers(config, state).length > 0) as Needed,
  },
  /**
   * POSTs each decision and withdrawal to `consentLog.endpoint`, keeping it until a 2xx; at start
   * only when decisions wait to be sent again (a cheap look at one localStorage key).
   */
  log: {
    load: () => import('../chunks/log'),
    needed: ((consent, _state, _changes, source) => consent.config.consentLog && (source === 'user' || (source === 'init' && hasLogQueue()))) as Needed,
  },
  /** Reports what the page stores or gates without a declaration (`debug: true` or ?consentinel-debug). */
  debug: {
    load: () => import('../chunks/debug'),
    needed: ((consent, _state, _changes, source) => source === 'init' && (consent.config.debug || /[?&]consentinel-debug\b/.test(location.search))) as Needed,
  },
  /** The accessible placeholder of a blocked iframe. */
  placeholder: {
    load: () => import('../chunks/placeholder'),
  },
};

export type ChunkName = keyof typeof CHUNKS;
/** What each chunk's module exports as its default. */
export type Chunks = { [N in ChunkName]: Awaited<ReturnType<(typeof CHUNKS)[N]['load']>>['default'] };
export type ChunkLoader = <N extends ChunkName>(name: N) => Promise<Chunks[N]>;

export const loadChunk: ChunkLoader = (name) => CHUNKS[name].load().then((module) => module.default as Chunks[typeof name]);
