import { isSecurePage } from './env';
import Cookies from 'js-cookie';
import { isReferralId, readReferral, stripReferral } from '../core/referral';
import type { PartFactory } from './part';

/**
 * Affiliate referrals (SPEC §7): the id from the URL stays in memory until the affiliate
 * category is granted, then goes to `affiliate.cookie`; refusal or withdrawal deletes it.
 * `getReferral()` answers the id (this page's, else the cookie's) only while it is granted.
 * @example createReferral()(consent).getReferral() // 'partner42' or null
 */
export function createReferral(): PartFactory {
  return (consent) => {
    const { affiliate, cookie } = consent.config;
    const { category, params, cookie: name } = affiliate;
    const jar = Cookies.withAttributes({
      path: '/',
      domain: cookie.domain,
      expires: affiliate.expiresDays,
      sameSite: 'Lax',
      secure: isSecurePage(),
    });
    const id = readReferral(location.search, params);
    if (affiliate.stripParam) {
      const search = stripReferral(location.search, params);
      if (search != location.search)
        history.replaceState(history.state, '', location.pathname + search + location.hash);
    }
    // Where document.cookie throws (a sandboxed iframe), there is no cookie to read.
    const stored = () => {
      try {
        return jar.get(name);
      } catch {
        return undefined;
      }
    };
    return {
      update(state) {
        if (!state.granted[category]) stored() != null && jar.remove(name);
        else if (id) jar.set(name, id);
      },
      getReferral() {
        if (!consent.isGranted(category)) return null;
        const value = stored();
        return id || (isReferralId(value) ? value : null);
      },
    };
  };
}
