// A stand-in for the composition root: the state is whatever the test says, `decide` plays one
// transition through every part the way src/create-consent.ts does ('init' once at start, then
// one update per transition), and `consent.save` is a decision made in this tab.
import { parseConfig } from '../../src/core/config';
import { changes } from '../../src/core/state';
import type { Part, PartFactory, Source } from '../../src/browser/part';
import type { CategoryId, Consent, ConsentConfig, ConsentState } from '../../src/types';

type Initial = Omit<Partial<ConsentState>, 'granted'> & { granted?: Record<CategoryId, boolean> };

export function fakeConsent(input: ConsentConfig = {}, initial: Initial = {}) {
  const config = parseConfig(input);
  let parts: Part[] = [];
  let state: ConsentState = {
    decided: false,
    id: null,
    decidedAt: null,
    createdAt: null,
    revision: config.revision,
    method: null,
    signals: { doNotTrack: false, globalPrivacyControl: false },
    outdated: false,
    ...initial,
    granted: Object.fromEntries(
      config.order.map((id) => [id, initial.granted?.[id] ?? (config.categories[id]!.required || config.mode == 'opt-out')]),
    ),
  };

  const decide = (choices: Record<CategoryId, boolean>, source: Source = 'user') => {
    const prev = state;
    state = { ...prev, decided: true, method: 'custom', decidedAt: Date.now(), granted: { ...prev.granted, ...choices } };
    const diff = changes(prev, state);
    for (const p of parts) p.update?.(state, diff, source);
  };

  const consent = {
    config,
    getState: () => state,
    isGranted: (id: CategoryId) => state.granted[id] === true,
    save: (choices: Record<CategoryId, boolean>) => decide(choices),
  } as unknown as Consent;

  return {
    consent,
    config,
    decide,
    /** Creates the parts, then updates them once with source 'init'. */
    start(...factories: PartFactory[]) {
      parts = factories.map((make) => make(consent));
      // The composition root's rule: at start every granted category counts as newly granted.
      for (const p of parts) p.update?.(state, changes({ ...state, granted: {} }, state), 'init');
      return parts;
    },
    destroy: () => parts.forEach((p) => p.destroy?.()),
  };
}
