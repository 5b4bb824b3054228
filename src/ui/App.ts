import { Component, h } from 'preact';
import type { Consent, View } from '../types';
import type { Messages } from './messages';
import { Banner } from './Banner';
import { PreferencesDialog } from './PreferencesDialog';

export interface AppProps {
  consent: Consent;
  messages: Messages;
}

interface AppState {
  view: View;
  /** The dialog was opened from the banner: keep the banner (inert) under it and go back to it on close. */
  under: boolean;
}

/** The only component that knows the consent instance: it renders `consent.getView()`. */
export class App extends Component<AppProps, AppState> {
  override state: AppState = { view: this.props.consent.getView(), under: false };
  off?: () => void;

  override componentDidMount() {
    const { consent } = this.props;
    const show = (view: View) => this.setState((s) => ({ view, under: view == 'preferences' && (s.view == 'banner' || s.under) }));
    this.off = consent.onView(show);
    show(consent.getView());
  }

  override componentWillUnmount() {
    this.off?.();
  }

  override render({ consent, messages }: AppProps, { view, under }: AppState) {
    const { config } = consent;
    const state = consent.getState();
    // The core already hides after a decision; saying so here keeps the UI right with any core.
    const decide = (choose: () => void) => () => {
      choose();
      consent.hide();
    };
    const onAcceptAll = decide(() => consent.acceptAll());
    const onRejectAll = decide(() => consent.rejectAll());
    return [
      (view == 'banner' || under) &&
        h(Banner, {
          messages,
          config,
          outdated: state.outdated,
          covered: under,
          onAcceptAll,
          onRejectAll,
          onPreferences: () => consent.showPreferences(),
          onClose: () => consent.hide(),
          onAcknowledge: decide(() => consent.save({})),
        }),
      view == 'preferences' &&
        h(PreferencesDialog, {
          messages,
          config,
          granted: state.granted,
          method: state.method,
          onAcceptAll,
          onRejectAll,
          onSave: (choices) => decide(() => consent.save(choices))(),
          onClose: () => (under ? consent.showBanner() : consent.hide()),
        }),
    ];
  }
}
