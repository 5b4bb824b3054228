/** What a choice does, named for tools that answer banners for the visitor (README, "Names for privacy tools"). */
export type Action = 'accept-all' | 'reject-all' | 'preferences' | 'save';

export interface Choice {
  /** The visible label, which is also the accessible name. */
  label: string;
  action: Action;
  onClick: () => void;
  /** Called when the visitor is about to press it (pointer over it, or focus): a chance to fetch what it will show. */
  onIntent?: () => void;
}

/**
 * The choices of the banner or the dialog: the same element, the same class and the same look for
 * each (no nudging towards "Accept all"). `data-consentinel-action` says what each does whatever
 * the language, so that privacy tools can operate the banner.
 */
export function ButtonRow({ choices }: { choices: Choice[] }) {
  return (
    <div class="consentinel-buttons">
      {choices.map(({ label, action, onClick, onIntent }) => (
        <button type="button" class="consentinel-button" data-consentinel-action={action} onClick={onClick} onPointerEnter={onIntent} onFocus={onIntent}>
          {label}
        </button>
      ))}
    </div>
  );
}

/** The × that closes without deciding; `label` is its accessible name. */
export function CloseButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" class="consentinel-close" data-consentinel-action="close" aria-label={label} onClick={onClick}>
      ×
    </button>
  );
}
