import { render } from 'preact';
import type { CategoryId, Consent, View } from '../types';
import type { Messages } from './messages';
import { Banner } from './components/Banner';
import type { Choice } from './components/Buttons';
import { whenIdle, type SecondLayer } from './second-layer';
import { keepFocusClear } from './page';

/**
 * Renders `consent.getView()` into `el` and follows `consent.onView()`: the only part of the UI
 * that knows the consent instance. Plain closures and a render() per change instead of a
 * component with hooks: the smallest way to hold three values. The dialog is the second layer:
 * `loadDialog` brings it (with its stylesheet) at idle once the banner shows, when the visitor
 * points at or focuses "Preferences", or when it must show.
 * @returns stop: unsubscribes and empties `el`.
 */
export function renderApp(consent: Consent, messages: Messages, el: Element, loadDialog: () => Promise<SecondLayer>): () => void {
  const { config } = consent;
  let dialogLayer: SecondLayer | undefined;
  let live = true;
  const prefetch = () => {
    loadDialog().then((layer) => {
      dialogLayer = layer;
      if (live && view == 'preferences') paint();
    }, () => {});
  };
  let view: View = null;
  /** The dialog was opened from the banner: keep the banner (inert) under it and go back to it on close. */
  let under = false;
  /** The dialog's switches: nothing changes until a choice is pressed. Starts from the choice when it opens. */
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
  const toggle = (id: CategoryId) => {
    draft = { ...draft, [id]: !draft[id] };
    paint();
  };

  // Stable ref callbacks: Preact sets each up when its element appears and cleans up when it goes.
  const side = config.ui.position.startsWith('top') ? 'top' : 'bottom';
  const bannerRef = (box: HTMLDivElement | null) => (box && config.ui.position != 'center' ? keepFocusClear(box, side) : undefined);
  // Made once, when the dialog's layer has arrived.
  let dialogRef: ((box: HTMLElement | null) => () => void) | undefined;

  const bannerChoices: Choice[] =
    // Opt-out: "OK" keeps what runs and records that the visitor saw the notice.
    config.mode == 'opt-out'
      ? [
          { label: messages.notice.doNotSell, action: 'reject-all', onClick: rejectAll },
          { label: messages.banner.preferences, action: 'preferences', onClick: preferences, onIntent: prefetch },
          { label: messages.notice.ok, action: 'accept-all', onClick: acceptAll },
        ]
      : [
          { label: messages.banner.acceptAll, action: 'accept-all', onClick: acceptAll },
          { label: messages.banner.rejectAll, action: 'reject-all', onClick: rejectAll },
          { label: messages.banner.preferences, action: 'preferences', onClick: preferences, onIntent: prefetch },
        ];
  const dialogChoices: Choice[] = [
    { label: messages.dialog.acceptAll, action: 'accept-all', onClick: acceptAll },
    { label: messages.dialog.rejectAll, action: 'reject-all', onClick: rejectAll },
    { label: messages.dialog.save, action: 'save', onClick: decide(() => consent.save(draft)) },
  ];

  const paint = () => {
    const state = consent.getState();
    const { PreferencesDialog, modalDialog } = dialogLayer || {};
    dialogRef ||= modalDialog?.(close);
    // Not here yet: drawn as soon as it arrives (the banner, if any, stays until then).
    if (view == 'preferences' && !PreferencesDialog) prefetch();
    render(
      <>
        {(view == 'banner' || under) && (
          <Banner
            messages={messages}
            config={config}
            outdated={state.outdated}
            // Inert only once the dialog is there: until then focus stays on "Preferences", to return to.
            covered={under && !!PreferencesDialog}
            choices={bannerChoices}
            onClose={hide}
            boxRef={bannerRef}
          />
        )}
        {view == 'preferences' && PreferencesDialog && (
          <PreferencesDialog
            messages={messages}
            config={config}
            method={state.method}
            draft={draft}
            onToggle={toggle}
            choices={dialogChoices}
            onClose={close}
            boxRef={dialogRef!}
            consentId={state.id}
          />
        )}
      </>,
      el,
    );
  };
  const show = (next: View) => {
    under = next == 'preferences' && (view == 'banner' || under);
    if (next != view) draft = { ...consent.getState().granted };
    view = next;
    paint();
    if (view == 'banner' && !dialogLayer) whenIdle(prefetch);
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
    live = false;
    off();
    offChange();
    render(null, el);
  };
}
