import Cookies from 'js-cookie';
import type { Category } from '../types';
import type { PartFactory } from './part';

export interface CleanerOptions {
  /** Reloads the page after a withdrawal. Default: `location.reload()`. */
  readonly reload?: () => void;
}

/** Tests for cookie names and storage keys declared by `cats`. */
export const declared = (cats: readonly Category[]) => {
  const any = (sources: string[], v: string) => sources.some((p) => new RegExp(p).test(v));
  return [
    (name: string) => cats.some((c) => c.cookies.some((x) => x.name == name || (x.pattern && any([x.pattern], name)))),
    (key: string) => cats.some((c) => any(c.storage as string[], key)),
  ] as const;
};

/** Calls `f` for every localStorage and sessionStorage key (a browser may refuse access). */
export const eachStorageKey = (f: (store: Storage, key: string, kind: string) => void) => {
  for (const kind of ['localStorage', 'sessionStorage'] as const) {
    try {
      const store = window[kind];
      for (const key of Array.from({ length: store.length }, (_, i) => store.key(i)!)) f(store, key, kind);
    } catch {
      /* storage disabled */
    }
  }
};

/**
 * Withdrawal (SPEC §6): when categories are revoked, deletes their declared cookies on this host
 * and every parent domain, for `/` and each prefix of the current path, and their storage keys.
 * Tags already running cannot be stopped, so with `reloadOnWithdraw` the page reloads once: at
 * once after a decision here, when the tab is next visible after one from another tab.
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
      update(_state, { revoked }, source) {
        if (source == 'init' || !revoked.length) return;
        const [cookie, key] = declared(revoked.map((id) => config.categories[id]!));
        const { hostname, pathname } = location;
        // Browsers refuse public suffixes (co.uk), so trying them is harmless.
        const labels = hostname.split('.');
        const domains = [''].concat(labels.slice(0, -1).map((_, i) => labels.slice(i).join('.')));
        // A cookie set without a path gets its page's directory; any prefix may have been used.
        const paths = new Set<string>();
        for (let i = 0; i <= pathname.length; i++)
          if (i == pathname.length || pathname[i] == '/') paths.add(pathname.slice(0, i) || '/').add(pathname.slice(0, i + 1));
        for (const name of Object.keys(Cookies.get()))
          if (name != config.cookie.name && cookie(name))
            for (const domain of domains)
              for (const path of paths) Cookies.remove(name, { domain, path, secure: location.protocol == 'https:' });
        eachStorageKey((store, k) => key(k) && store.removeItem(k));
        if (config.reloadOnWithdraw)
          if (source == 'user') reload();
          else whenVisible(), document.addEventListener('visibilitychange', whenVisible);
      },
      destroy: () => document.removeEventListener('visibilitychange', whenVisible),
    };
  };
}
