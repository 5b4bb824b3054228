import { Component } from 'preact';
import type { CategoryId, Consent, View } from '../types';
import type { Messages } from './messages';
import { banner } from './banner';
import { preferencesDialog } from './preferences-dialog';
import { modal } from './focus';

export interface AppProps {
  consent: Consent;
  messages: Messages;
}

interface AppState {
  view: View;
  /** The dialog was opened from the banner: keep the banner (inert) under it and go back to it on close. */
  under: boolean;
  /** The dialog's switches: nothing changes until a button is pressed. Starts from the current choice. */
  draft: Record<CategoryId, boolean>;
}

/** The only component that knows the consent instance: it renders `consent.getView()`. */
export class App extends Component<AppProps, AppState> {
  off?: () => void;
  // The dialog's view, with a new draft each time it opens.
  next = (view: View, s: Partial<AppState>): AppState => ({
    view,
    under: view == 'preferences' && (s.view == 'banner' || !!s.under),
    draft: view == s.view ? s.draft! : { ...this.props.consent.getState().granted },
  });
  override state = this.next(this.props.consent.getView(), {});
  show = (view: View) => this.setState((s) => this.next(view, s));
  close = () => (this.state.under ? this.props.consent.showBanner() : this.props.consent.hide());
  // One stable ref callback, so the dialog is set up once per opening.
  box = modal(this.close);

  override componentDidMount() {
    this.off = this.props.consent.onView(this.show);
    this.show(this.props.consent.getView());
  }

  override componentWillUnmount() {
    this.off?.();
  }

  override render({ consent: c, messages: m }: AppProps, { view, under, draft }: AppState) {
    const { config } = c;
    const state = c.getState();
    const hide = () => c.hide();
    // The core already hides after a decision; saying so here keeps the UI right with any core.
    const decide = (choose: () => void) => () => {
      choose();
      hide();
    };
    const acceptAll = decide(() => c.acceptAll());
    const rejectAll = decide(() => c.rejectAll());
    const preferences = () => c.showPreferences();
    return [
      (view == 'banner' || under) &&
        banner(
          m,
          config,
          state.outdated,
          under,
          // Opt-out: "OK" keeps what runs and records that the visitor saw the notice.
          config.mode == 'opt-out'
            ? [[m.notice.doNotSell, rejectAll], [m.banner.preferences, preferences], [m.notice.ok, decide(() => c.save({}))]]
            : [[m.banner.acceptAll, acceptAll], [m.banner.rejectAll, rejectAll], [m.banner.preferences, preferences]],
          hide,
        ),
      view == 'preferences' &&
        preferencesDialog(
          m,
          config,
          state.method,
          draft,
          (id) => this.setState({ draft: { ...draft, [id]: !draft[id] } }),
          [[m.dialog.acceptAll, acceptAll], [m.dialog.rejectAll, rejectAll], [m.dialog.save, decide(() => c.save(draft))]],
          this.close,
          this.box,
        ),
    ];
  }
}
