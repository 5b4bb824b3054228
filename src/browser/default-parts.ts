import type { PartFactory } from './part';
import type { ChunkLoader } from './lazy-part';
import { lazyPart } from './lazy-part';
import { createGtag } from './gtag';
import { createReferral } from './referral';
import { createGate } from './gate';
import { createDomEvents } from './dom-events';
import { createControls } from './controls';
import { createReopen } from './reopen';
import { leftovers } from './leftovers';

export interface PartOptions {
  /** Loads the code that only some visits need. */
  readonly load: ChunkLoader;
  /** URL of the directory holding `i18n/<code>.json` (script-tag use). */
  readonly i18nBase?: string;
}

/**
 * Every browser part, in the order they must run: Consent Mode first (its default must precede
 * any tag), the referral, the gate, then cleanup of refused categories, the consent log, DOM events,
 * declarative controls, the reopen button and debug reports.
 */
export function defaultParts({ load, i18nBase }: PartOptions): PartFactory[] {
  const busy: Promise<unknown>[] = [];
  // The reload after a withdrawal waits for the other on-demand parts (the consent log).
  // (Through globalThis: a page or test environment torn down meanwhile has no location to reload.)
  const reload = () => void Promise.allSettled(busy).then(() => globalThis.location?.reload());
  return [
    createGtag(),
    createReferral(),
    createGate({ i18nBase, placeholders: () => load('placeholder') }),
    // Needed for the reload after a switch-off, or when a refused category left something behind
    // (at start too): most visits have neither and never fetch the cleaner.
    lazyPart(
      () => load('cleaner').then((make) => make({ reload })),
      ({ config }, state, changes, source) => (config.reloadOnWithdraw && source !== 'init' && changes.revoked.length) || leftovers(config, state).length,
      busy,
    ),
    lazyPart(() => load('log'), (c, _s, _changes, source) => source === 'user' && c.config.consentLog, busy),
    createDomEvents(),
    createControls(),
    createReopen(),
    lazyPart(() => load('debug'), (c, _s, _changes, source) => source === 'init' && (c.config.debug || /[?&]consentinel-debug\b/.test(location.search))),
  ];
}
