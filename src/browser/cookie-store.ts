import Cookies from 'js-cookie';
import type { CookieOptions } from '../types';

/** Where the encoded record lives. The store moves strings; the codec owns the format. */
export interface ConsentStore {
  read(): string | undefined;
  write(value: string): void;
  clear(): void;
}

/** The consent cookie through one immutable js-cookie instance. `Secure` is added on https. */
export function createCookieStore(o: CookieOptions): ConsentStore {
  // js-cookie leaves out attributes that are empty: domain '' is a host-only cookie.
  const jar = Cookies.withAttributes({
    path: o.path,
    domain: o.domain,
    sameSite: o.sameSite,
    secure: location.protocol === 'https:' || o.sameSite === 'None',
  });
  return {
    read: () => jar.get(o.name),
    write: (value) => void jar.set(o.name, value, { expires: o.expiresDays }),
    clear: () => jar.remove(o.name),
  };
}

/** A store that keeps the value in memory: for tests and for servers. */
export function createMemoryStore(initial?: string): ConsentStore {
  let value = initial;
  return { read: () => value, write: (v) => void (value = v), clear: () => void (value = undefined) };
}
