import type { Config } from '../../types';
import type { Messages } from '../messages';
import { format } from '../format';
import { CookieTable, categoryTitle } from './CookieTable';

export interface CategoryRowProps {
  id: string;
  messages: Messages;
  config: Config;
  /** The switch's position in the dialog's draft (a required category is always on). */
  checked: boolean;
  onToggle: () => void;
}

/**
 * One category in the dialog: its title and "Always on" for a required one, a switch named by the
 * title, and a disclosure with the description and the cookie table.
 */
export function CategoryRow({ id, messages, config, checked, onToggle }: CategoryRowProps) {
  const { required, cookies } = config.categories[id];
  const title = categoryTitle(messages, id);
  return (
    <div class="consentinel-category" data-consentinel-category={id}>
      <details>
        <summary>
          {title}
          {required && <small>{messages.dialog.alwaysOn}</small>}
        </summary>
        <p>{format(messages.categories[id]?.description || '', config.links)}</p>
        <CookieTable caption={messages.dialog.cookies} cookies={cookies} texts={messages.table} />
      </details>
      <button
        type="button"
        class="consentinel-switch"
        role="switch"
        aria-checked={required || checked}
        aria-label={title}
        disabled={required}
        onClick={onToggle}
      />
    </div>
  );
}
