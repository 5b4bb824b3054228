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
  return (
    <div class="banner" role="region" aria-label={t.title} data-layout={config.ui.layout} data-position={config.ui.position} inert={covered}>
      <div class="text">
        <h2>{t.title}</h2>
        {outdated && <p class="updated">{b.updated}</p>}
        <p>{format(t.description, config.links)}</p>
      </div>
      <div class="actions">
        {choices.map(([label, onClick]) => (
          <button onClick={onClick}>{label}</button>
        ))}
      </div>
      {!optOut && (
        <button class="close" aria-label={b.close} onClick={onClose}>
          ×
        </button>
      )}
    </div>
  );
}
