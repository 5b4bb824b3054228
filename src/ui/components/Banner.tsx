import type { Ref } from 'preact';
import type { Config } from '../../types';
import type { Messages } from '../messages';
import { format } from '../format';
import { ButtonRow, CloseButton, type Choice } from './Buttons';

export interface BannerProps {
  messages: Messages;
  config: Config;
  /** The stored choice is of an older revision: say that the policy changed. */
  outdated: boolean;
  /** The dialog is open over it: it is inert until the dialog closes. */
  covered: boolean;
  choices: Choice[];
  /** The × (opt-in only): closes without deciding. */
  onClose: () => void;
  /** Set up while the banner is on the page (page.ts keeps focused page elements out from under it). */
  boxRef?: Ref<HTMLDivElement>;
}

/**
 * The first layer: a region named by its title, with equally prominent choices. In opt-out mode
 * it is a notice (its choices come from the caller: "Do not sell or share", "Preferences", "OK")
 * without a ×, since closing it would be the same as "OK".
 */
export function Banner({ messages, config, outdated, covered, choices, onClose, boxRef }: BannerProps) {
  const optOut = config.mode == 'opt-out';
  const texts = optOut ? messages.notice : messages.banner;
  return (
    <div
      ref={boxRef}
      class="consentinel-banner"
      role="region"
      aria-label={texts.title}
      data-consentinel-layer="banner"
      data-layout={config.ui.layout}
      data-position={config.ui.position}
      inert={covered}
    >
      <div class="consentinel-banner-text">
        <h2>{texts.title}</h2>
        {outdated && <p class="consentinel-note">{messages.banner.updated}</p>}
        <p>{format(texts.description, config.links)}</p>
      </div>
      <ButtonRow choices={choices} />
      {!optOut && <CloseButton label={messages.banner.close} onClick={onClose} />}
    </div>
  );
}
