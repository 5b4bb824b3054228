import { render } from 'preact';
import type { CategoryId, Consent, View } from '../types';
import type { Messages } from './messages';
import { banner } from './banner';
import { preferencesDialog } from './preferences-dialog';
import { modal } from './focus';

/**
 * Renders `consent.getView()` into `el` and follows `consent.onView()`; the only part of the UI
 * that knows the consent instance. Plain closures and a render() per change instead of a
 * component class: the smallest way to hold three values.
 * @returns stop: unsubscribes and empties `el`.
 */
export function renderApp(consent: Consent, m: Messages, el: Element): () => void {
  const { config } = consent;
  let view: View = null;
  /** The dialog was opened from the banner: keep the banner (inert) under it and go back to it on close. */
  let under = false;
  /** The dialog's switches: nothing changes until a button is pressed. Starts from the choice when it opens. */
  let draft: Record<CategoryId, boolean> = {};

  const hide = () => consent.hide();
  // The core already hides after a decision; saying so here keeps the UI right with any Consent.
  const decide = (choose: () => void) => () => {
    choose();
    hide();
  };
  const acceptAll = decide(() => consent.acceptAll());
  const rejectAll = decide(() => consent.rejectAll());
  const preferences = () => consent.showPreferences();
  const close = () => (under ? consent.showBanner() : hide());
  // One ref callback for every opening: the dialog is set up when it appears, not on each render.
  const box = modal(close);

  const paint = () => {
    const state = consent.getState();
    render(
      [
        (view == 'banner' || under) &&
          banner(
            m,
            config,
            state.outdated,
            under,
            // Opt-out: "OK" keeps what runs and records that the visitor saw the notice.
            config.mode == 'opt-out'
              ? [[m.notice.doNotSell, rejectAll], [m.banner.preferences, preferences], [m.notice.ok, acceptAll]]
              : [[m.banner.acceptAll, acceptAll], [m.banner.rejectAll, rejectAll], [m.banner.preferences, preferences]],
            hide,
          ),
        view == 'preferences' &&
          preferencesDialog(
            m,
            config,
            state.method,
            draft,
            (id) => {
              draft = { ...draft, [id]: !draft[id] };
              paint();
            },
            [[m.dialog.acceptAll, acceptAll], [m.dialog.rejectAll, rejectAll], [m.dialog.save, decide(() => consent.save(draft))]],
            close,
            box,
            state.id,
          ),
      ],
      el,
    );
  };
  const show = (next: View) => {
    under = next == 'preferences' && (view == 'banner' || under);
    if (next != view) draft = { ...consent.getState().granted };
    view = next;
    paint();
  };
  const off = consent.onView(show);
  // A change made meanwhile (in another tab) moves the open dialog's switches with it, so that
  // "Save preferences" never grants back what was just refused there.
  const offChange = consent.subscribe((_state, { granted, revoked }) => {
    for (const id of granted) draft[id] = true;
    for (const id of revoked) draft[id] = false;
    paint();
  });
  show(consent.getView());
  return () => {
    off();
    offChange();
    render(null, el);
  };
}
