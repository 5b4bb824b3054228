import { h } from 'preact';
import type { Config } from '../types';
import type { Messages } from './messages';
import { format } from './format';

export interface BannerProps {
  messages: Messages;
  config: Config;
  /** The stored choice is of an older revision: say the policy changed. */
  outdated: boolean;
  /** The preferences dialog is open over it. */
  covered: boolean;
  onAcceptAll(): void;
  onRejectAll(): void;
  onPreferences(): void;
  /** Close without deciding. */
  onClose(): void;
  /** Opt-out notice: "OK" keeps what runs and records that the visitor saw the notice. */
  onAcknowledge(): void;
}

/**
 * The first layer: a labelled region with three equally prominent choices. In opt-out mode it is
 * a notice: optional categories already run, so "OK" records that as the choice (the notice does
 * not come back on every page) and "Do not sell" refuses them.
 */
export function Banner({ messages, config, outdated, covered, onAcceptAll, onRejectAll, onPreferences, onClose, onAcknowledge }: BannerProps) {
  const b = messages.banner;
  const n = messages.notice;
  const optOut = config.mode == 'opt-out';
  const t = optOut ? n : b;
  const choices: [string, () => void][] = optOut
    ? [[n.doNotSell, onRejectAll], [b.preferences, onPreferences], [n.ok, onAcknowledge]]
    : [[b.acceptAll, onAcceptAll], [b.rejectAll, onRejectAll], [b.preferences, onPreferences]];
  return h(
    'div',
    { class: 'banner', role: 'region', 'aria-label': t.title, 'data-layout': config.ui.layout, 'data-position': config.ui.position, inert: covered },
    h('div', { class: 'text' }, h('h2', null, t.title), outdated && h('p', { class: 'updated' }, b.updated), h('p', null, format(t.description, config.links))),
    h('div', { class: 'actions' }, choices.map(([label, onClick]) => h('button', { onClick }, label))),
    !optOut && h('button', { class: 'close', 'aria-label': b.close, onClick: onClose }, '×'),
  );
}
