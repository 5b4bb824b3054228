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
    { class: 'k' },
    h(
      'div',
      { class: 'd', role: 'dialog', 'aria-modal': true, 'aria-labelledby': 't', tabIndex: -1, ref: modal },
      closeButton(d.close, onClose),
      h('h2', { id: 't' }, d.title),
      signal && h('p', { class: 'n' }, format(d.signal, config.links, { signal })),
      h('p', null, format(d.description, config.links)),
      config.order.map((id) => {
        const { required, cookies } = config.categories[id];
        const title = categoryTitle(m, id);
        return h(
          'div',
          { class: 'c' },
          h(
            'details',
            null,
            h('summary', null, title, required && h('small', null, d.alwaysOn)),
            h('p', null, format(m.categories[id]?.description || '', config.links)),
            cookieTable(d.cookies, cookies, m.table),
          ),
          h('button', { role: 'switch', 'aria-checked': required || !!draft[id], 'aria-label': title, disabled: required, onClick: () => toggle(id) }),
        );
      }),
      policyLinks(m, config),
      choices(list),
    ),
  );
}

/** The configured policy links (SPEC §3: shown in the banner and the dialog), under their own labels. */
function policyLinks(m: Messages, config: Config) {
  const targets = (['privacyPolicy', 'cookiePolicy'] as const).filter((target) => config.links[target]);
  return targets.length > 0 && h('p', { class: 'l' }, targets.map((target) => h('a', { href: config.links[target] }, m.links[target])));
}
