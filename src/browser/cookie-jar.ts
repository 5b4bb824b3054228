import { isSecurePage } from './env';
import Cookies from 'js-cookie';

/**
 * Every `[name, value]` pair the page sees, in `document.cookie` order: one name can come more
 * than once (a parent-domain or a longer-path cookie beside the host's own). None where
 * `document.cookie` throws (a sandboxed iframe without allow-same-origin).
 */
export function pageCookies(): string[][] {
  // As js-cookie decodes; a malformed escape stays as it is rather than hiding the other cookies.
  const decode = (text: string) => {
    try {
      return Cookies.converter.read(text, '');
    } catch {
      return text;
    }
  };
  try {
    return document.cookie.split('; ').map((pair) => {
      const [name, ...value] = pair.split('=');
      return [name!, value.join('=')].map(decode);
    });
  } catch {
    return [];
  }
}

/**
 * Deletes cookie `name` everywhere this page can reach it: host-only and on every parent domain
 * (browsers refuse a public suffix such as co.uk, so trying one is harmless), for `/`, `path`
 * and each prefix of the current path with and without its slash (a cookie set without a path
 * gets its page's directory); and each of those once more as a partitioned (CHIPS) cookie,
 * which only a deletion that says `Partitioned` (and so `Secure`) reaches.
 */
export function removeCookie(name: string, path = '/') {
  const labels = location.hostname.split('.');
  const { pathname } = location;
  const paths = new Set(['/', path]);
  for (let i = 1; i <= pathname.length; i++)
    if (i == pathname.length || pathname[i] == '/') paths.add(pathname.slice(0, i)).add(pathname.slice(0, i + 1));
  for (const domain of ['', ...labels.map((_, i) => labels.slice(i).join('.'))])
    for (const p of paths) {
      Cookies.remove(name, { domain, path: p, secure: isSecurePage() });
      // Refused, and harmless, where Secure cookies cannot exist (http other than localhost).
      Cookies.remove(name, { domain, path: p, secure: true, partitioned: true });
    }
}
