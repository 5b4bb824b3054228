// A Consent written against the public interface only (no core code): the UI must work with any
// implementation, including one whose methods need their `this`. Every call is recorded.
import { parseConfig } from '../../src/core/config';
import type { CategoryId, Consent, ConsentConfig, ConsentState, GrantEffect, Listener, View } from '../../src/types';

type Start = Partial<Omit<ConsentState, 'granted'>> & { granted?: Record<CategoryId, boolean>; view?: View };

export class FakeConsent implements Consent {
  readonly config;
  readonly calls: string[] = [];
  #state: ConsentState;
  #view: View;
  #viewers = new Set<(v: View) => void>();

  constructor(input: ConsentConfig = {}, start: Start = {}) {
    this.config = parseConfig(input);
    const { view = null, granted, ...rest } = start;
    this.#view = view;
    this.#state = {
      decided: false,
      id: null,
      decidedAt: null,
      createdAt: null,
      revision: this.config.revision,
      method: null,
      signals: { doNotTrack: false, globalPrivacyControl: false },
      outdated: false,
      ...rest,
      granted: Object.fromEntries(this.config.order.map((id) => [id, granted?.[id] ?? this.config.categories[id]!.required])),
    };
  }

  #decide(method: ConsentState['method'], choices: Record<CategoryId, boolean>) {
    this.#state = { ...this.#state, decided: true, method, granted: { ...this.#state.granted, ...choices } };
  }
  #all = (on: boolean) => Object.fromEntries(this.config.order.map((id) => [id, on || this.config.categories[id]!.required]));

  isGranted(id: CategoryId) {
    return this.#state.granted[id] === true;
  }
  getState() {
    return this.#state;
  }
  acceptAll() {
    this.calls.push('acceptAll');
    this.#decide('accept-all', this.#all(true));
  }
  rejectAll() {
    this.calls.push('rejectAll');
    this.#decide('reject-all', this.#all(false));
  }
  save(choices: Record<CategoryId, boolean>) {
    this.calls.push(`save ${JSON.stringify(choices)}`);
    this.#decide('custom', choices);
  }
  reset() {
    this.calls.push('reset');
  }
  subscribe(_listener: Listener) {
    return () => {};
  }
  whenGranted(_categories: CategoryId | readonly CategoryId[], _effect: GrantEffect) {
    return () => {};
  }
  getReferral() {
    return null;
  }
  #setView(view: View) {
    this.calls.push(`view ${view}`);
    this.#view = view;
    for (const fn of this.#viewers) fn(view);
  }
  showBanner() {
    this.#setView('banner');
  }
  showPreferences() {
    this.#setView('preferences');
  }
  hide() {
    this.#setView(null);
  }
  getView() {
    return this.#view;
  }
  onView(fn: (v: View) => void) {
    this.#viewers.add(fn);
    return () => void this.#viewers.delete(fn);
  }
  destroy() {}
}
