// A stand-in for the composition root (src/create-consent.ts) that drives parts the way the
// architecture note says: factory at start, update('init') with all granted ids, then one
// update per transition.
import type { Part, PartFactory, Source } from '../../src/browser/part';
import { DEFAULT_CONSENT_MAPPING } from '../../src/core/consent-mode';
import { parseConfig } from '../../src/core/config';
import { changes } from '../../src/core/state';
import type { CategoryId, Config, Consent, ConsentState, GoogleConsentMode } from '../../src/types';

/** The real config parser's result (four plain categories, no reload on withdrawal), with `over` on top. */
export function makeConfig(over: Partial<Config> = {}): Config {
  const base = parseConfig({
    categories: { necessary: { required: true }, analytics: {}, affiliate: {}, advertising: {} },
    reloadOnWithdraw: false,
  });
  return { ...base, ...over };
}

export const gcm = (over: Partial<GoogleConsentMode> = {}): GoogleConsentMode => ({
  mapping: DEFAULT_CONSENT_MAPPING,
  ...over,
});

export function makeState(config: Config, over: Partial<ConsentState> = {}): ConsentState {
  const granted: Record<CategoryId, boolean> = {};
  for (const id of config.order) granted[id] = config.categories[id]!.required || config.mode == 'opt-out';
  return {
    decided: false,
    granted,
    id: null,
    decidedAt: null,
    createdAt: null,
    revision: config.revision,
    method: null,
    signals: { doNotTrack: false, globalPrivacyControl: false },
    outdated: false,
    ...over,
  };
}

/** Starts `factories` on a fake instance; `decide` plays one transition through every part. */
export function startFake(config: Config, factories: PartFactory[], initial = makeState(config)) {
  let state = initial;
  const consent = {
    config,
    getState: () => state,
    isGranted: (id: CategoryId) => !!state.granted[id],
  } as Consent;
  const parts: Part[] = factories.map((f) => f(consent));
  // The composition root's rule: at start every granted category counts as newly granted.
  for (const p of parts) p.update?.(state, changes({ ...state, granted: {} }, state), 'init');
  return {
    consent,
    parts,
    decide(choices: Record<CategoryId, boolean>, source: Source = 'user', method: ConsentState['method'] = 'custom') {
      const prev = state;
      state = { ...prev, decided: true, method, decidedAt: Date.now(), granted: { ...prev.granted, ...choices } };
      const diff = changes(prev, state);
      for (const p of parts) p.update?.(state, diff, source);
    },
  };
}

/** `granted` for every category in `config.order` (required ones always). */
export const all = (config: Config, value: boolean) =>
  Object.fromEntries(config.order.map((id) => [id, value || config.categories[id]!.required]));
