import { consentModeDefault, consentModeUpdate } from '../core/consent-mode';
import type { PartFactory } from './part';

type GtagWindow = { dataLayer: unknown[]; gtag: (...args: unknown[]) => void };

/**
 * Google Consent Mode v2 (SPEC §8). Pushes the default synchronously when the instance starts,
 * before the gate can run any tag, then an update and a `consentinel_update` dataLayer event for
 * each decision (and at start when a decision is known). Does nothing when the mode is off.
 * @example const gtag = createGtag()(consent)
 */
export function createGtag(): PartFactory {
  return ({ config }) => {
    const mode = config.googleConsentMode;
    if (!mode) return {};
    const w = window as unknown as GtagWindow;
    w.dataLayer = w.dataLayer || [];
    // Google's snippet pushes the Arguments object itself: gtag.js tells commands from plain
    // dataLayer objects by that, so a rest array would not work.
    w.gtag =
      w.gtag ||
      function () {
        // eslint-disable-next-line prefer-rest-params
        w.dataLayer.push(arguments);
      };
    w.gtag('consent', 'default', consentModeDefault(config));
    if (mode.url_passthrough) w.gtag('set', 'url_passthrough', true);
    if (mode.ads_data_redaction) w.gtag('set', 'ads_data_redaction', true);
    return {
      update(state, _changes, source) {
        // Undecided opt-in: the default already says it all. Undecided opt-out grants
        // categories before a choice, so Google must hear that too.
        if (source == 'init' && !state.decided && config.mode == 'opt-in') return;
        w.gtag('consent', 'update', consentModeUpdate(config, state));
        w.dataLayer.push({
          event: 'consentinel_update',
          consentinel: { granted: config.order.filter((id) => state.granted[id]) },
        });
      },
    };
  };
}
