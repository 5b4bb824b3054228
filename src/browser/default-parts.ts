import type { ConsentState } from '../types';
import type { PartFactory } from './part';
import { CHUNKS, loadChunk, type ChunkLoader } from './chunks';
import { lazyPart } from './lazy-part';
import type { LanguageLoader } from '../core/language';
import { createGtag } from './gtag';
import { createReferral } from './referral';
import { createGate } from './gate';
import { createDomEvents } from './dom-events';
import { createControls } from './controls';
import { createReopen } from './reopen';

export interface PartOptions {
  /** Loads the code that only some visits need (default: browser/chunks.ts). */
  readonly load?: ChunkLoader;
  /** Loads a built-in language other than English for the iframe placeholders. Without it, English. */
  readonly loadLanguage?: LanguageLoader;
}

/**
 * Every browser part, in the order they must run: Consent Mode first (its default must precede
 * any tag), the referral, the gate, then cleanup of refused categories, the consent log, DOM events,
 * declarative controls, the reopen button and debug reports.
 */
export function defaultParts({ load = loadChunk, loadLanguage }: PartOptions = {}): PartFactory[] {
  const busy: Promise<unknown>[] = [];
  // The reload after a withdrawal waits for the other on-demand parts (the consent log).
  // (Through globalThis: a page or test environment torn down meanwhile has no location to reload.)
  const reload = () => void Promise.allSettled(busy).then(() => globalThis.location?.reload());
  // The last decision seen before the log's code loads: a reset() is recorded as its withdrawal.
  let decided: ConsentState | null = null;
  return [
    createGtag(),
    createReferral(),
    createGate({ loadLanguage, placeholders: () => load('placeholder') }),
    lazyPart(() => load('cleaner').then((make) => make({ reload })), CHUNKS.cleaner.needed, busy),
    lazyPart(
      () => load('log').then((make) => make({ last: decided, busy })),
      (consent, state, changes, source) => {
        // A reset() here keeps the decision it forgets, for the log to record its withdrawal.
        if (state.id || source !== 'user') decided = state.id ? state : null;
        return CHUNKS.log.needed(consent, state, changes, source);
      },
      busy,
    ),
    createDomEvents(),
    createControls(),
    createReopen(),
    lazyPart(() => load('debug'), CHUNKS.debug.needed),
  ];
}
