import type { Ref } from 'preact';
import type { CategoryId, Config, Method } from '../../types';
import type { Messages } from '../messages';
import { format } from '../format';
import { ButtonRow, CloseButton, type Choice } from './Buttons';
import { CategoryRow } from './CategoryRow';

export interface PreferencesDialogProps {
  messages: Messages;
  config: Config;
  /** How the current state was reached: a browser signal that decided is named at the top. */
  method: Method | null;
  /** The switches' positions; nothing is stored until a choice is pressed. */
  draft: Record<CategoryId, boolean>;
  onToggle: (id: CategoryId) => void;
  choices: Choice[];
  onClose: () => void;
  /** The modal behaviour (focus.ts) and the page's scroll lock (page.ts), set up while it is open. */
  boxRef: Ref<HTMLDivElement>;
  /** The id the site's consent records are filed under, for the visitor's access request. */
  consentId: string | null;
}

const TITLE_ID = 'consentinel-dialog-title';

/**
 * The modal preferences dialog: a header with the title and the × that stays in view, the
 * categories in a body of its own that scrolls, and a footer with the choices that stays in
 * view too. A plain element with ARIA rather than <dialog>.showModal(), which jsdom lacks, so
 * that the behaviour is testable in unit tests.
 */
export function PreferencesDialog({ messages, config, method, draft, onToggle, choices, onClose, boxRef, consentId }: PreferencesDialogProps) {
  const texts = messages.dialog;
  const signal = method == 'do-not-track' ? texts.doNotTrack : method == 'global-privacy-control' ? texts.globalPrivacyControl : '';
  const links = (['privacyPolicy', 'cookiePolicy'] as const).filter((target) => config.links[target]);
  return (
    <div class="consentinel-backdrop">
      <div
        ref={boxRef}
        class="consentinel-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={TITLE_ID}
        data-consentinel-layer="preferences"
        tabIndex={-1}
      >
        <div class="consentinel-dialog-header">
          <h2 id={TITLE_ID}>{texts.title}</h2>
          <CloseButton label={texts.close} onClick={onClose} />
        </div>
        <div class="consentinel-dialog-body">
          {signal && <p class="consentinel-note">{format(texts.signal, config.links, { signal })}</p>}
          <p>{format(texts.description, config.links)}</p>
          {config.order.map((id) => (
            <CategoryRow id={id} messages={messages} config={config} checked={!!draft[id]} onToggle={() => onToggle(id)} />
          ))}
          {links.length > 0 && (
            <p class="consentinel-links">
              {links.map((target) => (
                <a href={config.links[target]}>{messages.links[target]}</a>
              ))}
            </p>
          )}
          {consentId && <p class="consentinel-consent-id">{format(texts.consentId, config.links, { id: consentId })}</p>}
        </div>
        <div class="consentinel-dialog-footer">
          <ButtonRow choices={choices} />
        </div>
      </div>
    </div>
  );
}
