import type { Changes, Consent, ConsentState } from '../types';
import type { Part, PartFactory, Source } from './part';

type Update = [ConsentState, Changes, Source];

/**
 * A part whose code is loaded only the first time `needed` says so (a withdrawal, debug mode, a
 * decision to log). Updates that arrive while it loads are replayed in order. Each load is added
 * to `busy`, so that a reload can wait for the others (the consent log of a withdrawal must be
 * sent before the cleaner reloads the page). A failed load is tried again on the next update.
 */
export const lazyPart = (load: () => Promise<PartFactory>, needed: (consent: Consent, ...u: Update) => unknown, busy: Promise<unknown>[] = []): PartFactory => (consent) => {
  let part: Part | undefined;
  let queue: Update[] | undefined;
  return {
    update(...u) {
      if (part) return part.update?.(...u);
      if (queue) return void queue.push(u);
      if (!needed(consent, ...u)) return;
      queue = [u];
      busy.push(
        load()
          .then((make) => {
            part = make(consent);
            for (const q of queue!) part.update?.(...q);
          })
          .catch((e) => {
            queue = undefined;
            console.error('[consentinel] could not load or run part of the library', e);
          }),
      );
    },
    destroy: () => part?.destroy?.(),
  };
};
