import type { ChunkLoader, Chunks } from './lazy-part';

const chunks: { [N in keyof Chunks]: () => Promise<{ default: Chunks[N] }> } = {
  cleaner: () => import('../chunks/cleaner'),
  debug: () => import('../chunks/debug'),
  log: () => import('../chunks/log'),
  placeholder: () => import('../chunks/placeholder'),
};

/**
 * ESM builds: bundlers split each chunk into a file of its own. The script-tag build replaces
 * this module (see rollup.config.mjs): there `auto.ts` imports `consentinel-<name>.mjs` from the
 * directory of `consentinel.js`.
 */
export const loadChunk: ChunkLoader = (name) => chunks[name]().then((m) => m.default);
