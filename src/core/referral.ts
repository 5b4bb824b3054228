// Unreserved URL characters only (RFC 3986 §2.3): they pass through cookies, headers and
// server-side logs without encoding, and leave no room for junk or injection.
const ID = /^[\w.~-]{1,64}$/;

/**
 * Whether a value may be used as an affiliate referral id (1–64 of `[A-Za-z0-9._~-]`).
 * @example isReferralId('partner42') // true
 */
export const isReferralId = (value: unknown): value is string =>
  typeof value == 'string' && ID.test(value);

/**
 * The referral id carried by a query string under the first of `params` holding a valid one.
 * @example readReferral('?ref=partner42', ['ref', 'aff']) // 'partner42'
 */
export function readReferral(search: string, params: readonly string[]): string | null {
  const query = new URLSearchParams(search);
  for (const param of params) {
    const id = query.get(param);
    if (isReferralId(id)) return id;
  }
  return null;
}

/**
 * The query string without any of `params`, other pairs kept byte for byte ('' when empty).
 * @example stripReferral('?ref=p42&page=2', ['ref']) // '?page=2'
 */
export function stripReferral(search: string, params: readonly string[]): string {
  const kept = search
    .slice(1)
    .split('&')
    .filter((pair) => pair && !params.includes([...new URLSearchParams(pair).keys()][0]!));
  return kept.length ? '?' + kept.join('&') : '';
}
