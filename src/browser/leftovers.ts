import type { Category, Config, ConsentState } from '../types';
import { pageCookies, removeCookie } from './cookie-jar';

/** Tests for cookie names and storage keys declared by `cats`. */
export const declared = (cats: readonly Category[]) => {
  const any = (sources: readonly string[], v: string) => sources.some((p) => new RegExp(p).test(v));
  return [
    (name: string) => cats.some((c) => c.cookies.some((x) => x.name == name || (x.pattern && any([x.pattern], name)))),
    (key: string) => cats.some((c) => any(c.storage, key)),
  ] as const;
};

/** Calls `f` for every localStorage and sessionStorage key (a browser may refuse access). */
export const eachStorageKey = (f: (store: Storage, key: string, kind: string) => void) => {
  for (const kind of ['localStorage', 'sessionStorage'] as const) {
    try {
      const store = window[kind];
      // By index: a key named like a Storage method ("key") is not listed by Object.keys.
      for (let i = store.length; i--; ) f(store, store.key(i)!, kind);
    } catch {
      /* storage disabled */
    }
  }
};

/**
 * One deletion for each cookie name and storage key present now that some category declares and
 * none of those declaring it is granted in `state`: what the cleaner runs. Cheap enough for the
 * core to ask at every start and decision whether the cleaner is needed. Never the consent cookie.
 */
export function leftovers(config: Config, state: ConsentState): (() => void)[] {
  const of = (granted: boolean) => config.order.filter((id) => !!state.granted[id] == granted).map((id) => config.categories[id]!);
  const [refusedCookie, refusedKey] = declared(of(false));
  // A name that a granted category declares too stays.
  const [grantedCookie, grantedKey] = declared(of(true));
  const deletions = pageCookies()
    .map(([name]) => name!)
    .filter((name) => name != config.cookie.name && refusedCookie(name) && !grantedCookie(name))
    .map((name) => () => removeCookie(name));
  eachStorageKey((store, key) => refusedKey(key) && !grantedKey(key) && deletions.push(() => store.removeItem(key)));
  return deletions;
}
