import { Component, createRef, h } from 'preact';
import type { CategoryId, Config, Method } from '../types';
import type { Messages } from './messages';
import { format } from './format';
import { CookieTable } from './CookieTable';
import { categoryText } from './category-text';
import { deepActiveElement, trapTab } from './focus';

type Choices = Record<CategoryId, boolean>;

export interface PreferencesDialogProps {
  messages: Messages;
  config: Config;
  /** The current choice: the draft starts from it. */
  granted: Readonly<Choices>;
  /** How the current state was reached: a signal is named at the top. */
  method: Method | null;
  onAcceptAll(): void;
  onRejectAll(): void;
  onSave(choices: Choices): void;
  /** Close without deciding (Escape, the close button). */
  onClose(): void;
}

/**
 * The modal preferences dialog. Switches edit a local draft; only "Save preferences" commits it.
 * Focus moves in when it opens, Tab stays inside, Escape closes, and focus goes back to the
 * element that had it. A plain element with ARIA rather than <dialog>.showModal(), which jsdom
 * lacks, so the behaviour is testable in unit tests.
 */
export class PreferencesDialog extends Component<PreferencesDialogProps, { draft: Choices }> {
  override state = { draft: { ...this.props.granted } };
  box = createRef<HTMLDivElement>();
  opener: HTMLElement | null = null;

  onKey = (e: KeyboardEvent) => {
    const box = this.box.current;
    // A page that removed our host without unmounting must get its keyboard back.
    if (!box?.isConnected) return;
    if (e.key == 'Escape') this.props.onClose();
    if (e.key == 'Tab') trapTab(e, box);
  };

  override componentDidMount() {
    this.opener = deepActiveElement();
    this.box.current!.focus();
    // On the document, so that keys still work after a click on the backdrop dropped focus.
    document.addEventListener('keydown', this.onKey);
  }

  override componentWillUnmount() {
    document.removeEventListener('keydown', this.onKey);
    const opener = this.opener;
    // After this render: the banner under the dialog is still inert now, and an inert element
    // cannot take focus.
    queueMicrotask(() => opener?.isConnected && opener.focus());
  }

  override render({ messages: m, config, method, onAcceptAll, onRejectAll, onSave, onClose }: PreferencesDialogProps, { draft }: { draft: Choices }) {
    const d = m.dialog;
    const signal = method == 'do-not-track' ? d.doNotTrack : method == 'global-privacy-control' ? d.globalPrivacyControl : '';
    return h(
      'div',
      { class: 'backdrop' },
      h(
        'div',
        { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'consentinel-title', tabIndex: -1, ref: this.box },
        h('button', { class: 'close', 'aria-label': d.close, onClick: onClose }, '×'),
        h('h2', { id: 'consentinel-title' }, d.title),
        signal && h('p', { class: 'signal' }, format(d.signal, config.links, { signal })),
        h('p', null, format(d.description, config.links)),
        config.order.map((id) => {
          const { required, cookies } = config.categories[id];
          const t = categoryText(m, id);
          return h(
            'div',
            { class: 'category' },
            h(
              'details',
              null,
              h('summary', null, h('span', { id: `consentinel-${id}` }, t.title), required && h('small', null, d.alwaysOn)),
              h('p', null, format(t.description, config.links)),
              h(CookieTable, { caption: d.cookies, cookies, t: m.table }),
            ),
            h('button', {
              role: 'switch',
              'aria-checked': required || !!draft[id],
              'aria-labelledby': `consentinel-${id}`,
              disabled: required,
              onClick: () => this.setState({ draft: { ...draft, [id]: !draft[id] } }),
            }),
          );
        }),
        h(
          'div',
          { class: 'actions' },
          h('button', { onClick: onAcceptAll }, d.acceptAll),
          h('button', { onClick: onRejectAll }, d.rejectAll),
          h('button', { onClick: () => onSave(draft) }, d.save),
        ),
      ),
    );
  }
}
