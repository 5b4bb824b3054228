import type { PartFactory } from './part';
import { leftovers } from './leftovers';

export interface CleanerOptions {
  /** Reloads the page after a withdrawal. Default: `location.reload()`. */
  readonly reload?: () => void;
}

/**
 * Cleanup (SPEC §6): at start and after every decision, deletes the declared cookies of every
 * category that is not granted (on this host and every parent domain, for `/` and each prefix of
 * the current path, partitioned ones too) and their storage keys; so what a tag left before a
 * refusal, an expired record or a new revision goes too. Tags already running cannot be
 * stopped, so with `reloadOnWithdraw` the page reloads once after a real switch-off: at once
 * after a decision here, when the tab is next visible after one from another tab.
 * @example createConsent(config, { parts: [createGate(), createCleaner()] })
 */
export function createCleaner(options: CleanerOptions = {}): PartFactory {
  return ({ config }) => {
    let reloaded = false;
    const reload = () => {
      if (!reloaded) (reloaded = true), setTimeout(options.reload || (() => location.reload()));
    };
    const whenVisible = () => {
      if (document.visibilityState == 'visible') reload();
    };
    return {
      update(state, { revoked }, source) {
        for (const remove of leftovers(config, state))
          try {
            remove();
          } catch {
            /* this browser refuses the deletion (storage or cookies blocked): nothing to delete there */
          }
        if (config.reloadOnWithdraw && source != 'init' && revoked.length)
          if (source == 'user') reload();
          else whenVisible(), document.addEventListener('visibilitychange', whenVisible);
      },
      destroy: () => document.removeEventListener('visibilitychange', whenVisible),
    };
  };
}
