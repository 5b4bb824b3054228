import { isSecurePage } from './env';
import Cookies from 'js-cookie';
import type { CookieOptions } from '../types';
import { latestRecord } from '../core/codec';
import { pageCookies, removeCookie } from './cookie-jar';

/** Where the encoded record lives. The store moves strings; the codec owns the format. */
export interface ConsentStore {
  read(): string | undefined;
  write(value: string): void;
  clear(): void;
}

/**
 * The consent cookie through one immutable js-cookie instance. `Secure` is added on https.
 * The page may see the name more than once (left by an earlier `cookie.domain` or `cookie.path`,
 * or set by another subdomain): reading takes the latest record of them all (`latestRecord`),
 * and writing or clearing first deletes every copy this page can reach, so the visitor's new
 * choice is the one that stays.
 */
export function createCookieStore(o: CookieOptions): ConsentStore {
  // js-cookie leaves out attributes that are empty: domain '' is a host-only cookie.
  const jar = Cookies.withAttributes({
    path: o.path,
    domain: o.domain,
    sameSite: o.sameSite,
    secure: isSecurePage() || o.sameSite === 'None',
  });
  const clear = () => removeCookie(o.name, o.path);
  return {
    read: () => latestRecord(pageCookies().filter(([name]) => name == o.name).map(([, value]) => value)),
    write(value) {
      clear();
      jar.set(o.name, value, { expires: o.expiresDays });
    },
    clear,
  };
}

/** A store that keeps the value in memory: for tests and for servers. */
export function createMemoryStore(initial?: string): ConsentStore {
  let value = initial;
  return { read: () => value, write: (v) => void (value = v), clear: () => void (value = undefined) };
}
