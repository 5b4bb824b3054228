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
  const declares = (category: Category, name: string, cookie: boolean) =>
    cookie
      ? category.cookies.some((x) => x.name == name || (!!x.pattern && new RegExp(x.pattern).test(name)))
      : category.storage.some((p) => new RegExp(p).test(name));
  const refused = (name: string, cookie: boolean) => {
    const owners = config.order.filter((id) => declares(config.categories[id]!, name, cookie));
    return owners.length > 0 && !owners.some((id) => state.granted[id]);
  };
  const deletions = pageCookies()
    .map(([name]) => name!)
    .filter((name) => name != config.cookie.name && refused(name, true))
    .map((name) => () => removeCookie(name));
  eachStorageKey((store, key) => refused(key, false) && deletions.push(() => store.removeItem(key)));
  return deletions;
}
