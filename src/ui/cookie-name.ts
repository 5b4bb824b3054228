import type { CookieDeclaration } from '../types';

// Characters that mean something in a regular expression; the rest stand for themselves.
const SPECIAL = '\\^$.|?*+()[]{}';

/**
 * A pattern as a visitor can read it: the literal start of the name with "…" for the rest
 * (`^_ga(_.*)?$` → "_ga…", `^_gcl_` → "_gcl_…", `^_gid$` → "_gid"; unanchored: "…_pk_id…").
 * A pattern without a literal part comes back unchanged: give that cookie a `displayName`.
 */
export function readablePattern(pattern: string): string {
  const anchored = pattern.startsWith('^');
  let literal = '';
  let i = anchored ? 1 : 0;
  for (; i < pattern.length; i++) {
    const char = pattern[i];
    const next = pattern[i + 1] ?? '';
    if (char == '\\' && next && SPECIAL.includes(next)) literal += pattern[++i];
    else if (char == '\\' || SPECIAL.includes(char)) break;
    else literal += char;
  }
  // "_ga?" or "_ga*": the last letter may be absent, so it is not part of every name.
  if ('?*{'.includes(pattern[i] || ' ')) literal = literal.slice(0, -1);
  if (!literal) return pattern;
  const exact = i == pattern.length - 1 && pattern[i] == '$';
  return `${anchored ? '' : '…'}${literal}${exact ? '' : '…'}`;
}

/** What the cookie tables show as a cookie's name: its `displayName`, its name, or its readable pattern. */
export const cookieLabel = (cookie: CookieDeclaration): string => cookie.displayName || cookie.name || readablePattern(cookie.pattern!);
