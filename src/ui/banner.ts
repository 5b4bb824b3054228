import { h } from 'preact';
import type { Config } from '../types';
import type { Messages } from './messages';
import { format } from './format';
import { choices, closeButton, type Choice } from './buttons';

/**
 * The first layer: a region named by its title with three equally prominent choices, and the ×
 * (opt-in only) that closes it without deciding. In opt-out mode it is a notice (its choices come
 * from the caller: "Do not sell or share", "Preferences", "OK"). `covered`: the dialog is open
 * over it, so it is inert.
 */
export function banner(m: Messages, config: Config, outdated: boolean, covered: boolean, list: Choice[], onClose: () => void) {
  const optOut = config.mode == 'opt-out';
  const t = optOut ? m.notice : m.banner;
  return h(
    'div',
    { class: 'b', role: 'region', 'aria-label': t.title, 'data-layout': config.ui.layout, 'data-position': config.ui.position, inert: covered },
    h('div', { class: 't' }, h('h2', null, t.title), outdated && h('p', { class: 'n' }, m.banner.updated), h('p', null, format(t.description, config.links))),
    choices(list),
    !optOut && closeButton(m.banner.close, onClose),
  );
}
