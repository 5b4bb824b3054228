import { h, type Ref } from 'preact';
import type { CategoryId, Config, Method } from '../types';
import type { Messages } from './messages';
import { format } from './format';
import { categoryTitle, cookieTable } from './cookie-table';
import { choices, closeButton, type Choice } from './buttons';

/**
 * The modal preferences dialog: one switch per category over `draft` (`toggle` flips one), a
 * signal (Do Not Track, Global Privacy Control) named at the top when it decided, and the choices.
 * `modal` (focus.ts) gives it its keyboard and focus behaviour. A plain element with ARIA rather
 * than <dialog>.showModal(), which jsdom lacks, so the behaviour is testable in unit tests.
 */
export function preferencesDialog(
  m: Messages,
  config: Config,
  method: Method | null,
  draft: Record<CategoryId, boolean>,
  toggle: (id: CategoryId) => void,
  list: Choice[],
  onClose: () => void,
  modal: Ref<HTMLDivElement>,
) {
  const d = m.dialog;
  const signal = method == 'do-not-track' ? d.doNotTrack : method == 'global-privacy-control' ? d.globalPrivacyControl : '';
  return h(
    'div',
    { class: 'backdrop' },
    h(
      'div',
      { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'consentinel-title', tabIndex: -1, ref: modal },
      closeButton(d.close, onClose),
      h('h2', { id: 'consentinel-title' }, d.title),
      signal && h('p', { class: 'note' }, format(d.signal, config.links, { signal })),
      h('p', null, format(d.description, config.links)),
      config.order.map((id) => {
        const { required, cookies } = config.categories[id];
        return h(
          'div',
          { class: 'category' },
          h(
            'details',
            null,
            h('summary', null, h('span', { id: `consentinel-${id}` }, categoryTitle(m, id)), required && h('small', null, d.alwaysOn)),
            h('p', null, format(m.categories[id]?.description || '', config.links)),
            cookieTable(d.cookies, cookies, m.table),
          ),
          h('button', { role: 'switch', 'aria-checked': required || !!draft[id], 'aria-labelledby': `consentinel-${id}`, disabled: required, onClick: () => toggle(id) }),
        );
      }),
      choices(list),
    ),
  );
}
