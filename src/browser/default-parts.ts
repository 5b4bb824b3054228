import type { PartFactory } from './part';
import { CHUNKS, loadChunk, type ChunkLoader } from './chunks';
import { lazyPart } from './lazy-part';
import { createGtag } from './gtag';
import { createReferral } from './referral';
import { createGate } from './gate';
import { createDomEvents } from './dom-events';
import { createControls } from './controls';
import { createReopen } from './reopen';

export interface PartOptions {
  /** Loads the code that only some visits need (default: browser/chunks.ts). */
  readonly load?: ChunkLoader;
  /** URL of the directory holding `i18n/<code>.json` (script-tag use). */
  readonly i18nBase?: string;
}

/**
 * Every browser part, in the order they must run: Consent Mode first (its default must precede
 * any tag), the referral, the gate, then cleanup of refused categories, the consent log, DOM events,
 * declarative controls, the reopen button and debug reports.
 */
export function defaultParts({ load = loadChunk, i18nBase }: PartOptions = {}): PartFactory[] {
  const busy: Promise<unknown>[] = [];
  // The reload after a withdrawal waits for the other on-demand parts (the consent log).
  // (Through globalThis: a page or test environment torn down meanwhile has no location to reload.)
  const reload = () => void Promise.allSettled(busy).then(() => globalThis.location?.reload());
  return [
    createGtag(),
    createReferral(),
    createGate({ i18nBase, placeholders: () => load('placeholder') }),
    lazyPart(() => load('cleaner').then((make) => make({ reload })), CHUNKS.cleaner.needed, busy),
    lazyPart(() => load('log'), CHUNKS.log.needed, busy),
    createDomEvents(),
    createControls(),
    createReopen(),
    lazyPart(() => load('debug'), CHUNKS.debug.needed),
  ];
}
