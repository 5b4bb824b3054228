import type { Config, CookieDeclaration } from '../../types';
import type { Messages } from '../messages';
import { cookieLabel } from '../cookie-name';

const COLUMNS = ['name', 'provider', 'purpose', 'duration'] as const;

export interface CookieTableProps {
  caption: string;
  cookies: readonly CookieDeclaration[];
  texts: Messages['table'];
}

/**
 * One category's declared cookies. On narrow screens the stylesheet stacks each row into a card
 * whose cells carry their column name (`data-label`); the explicit table roles keep the table
 * semantics that browsers drop from a table whose display is changed.
 */
export function CookieTable({ caption, cookies, texts }: CookieTableProps) {
  return (
    <table class="consentinel-cookies" role="table">
      <caption>{caption}</caption>
      <thead role="rowgroup">
        <tr role="row">
          {COLUMNS.map((column) => (
            <th scope="col" role="columnheader">
              {texts[column]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody role="rowgroup">
        {cookies.length ? (
          cookies.map((cookie) => (
            <tr role="row">
              {COLUMNS.map((column) => (
                <td role="cell" data-label={texts[column]}>
                  {column == 'name' ? cookieLabel(cookie) : cookie[column]}
                </td>
              ))}
            </tr>
          ))
        ) : (
          <tr role="row">
            <td role="cell" colSpan={4}>
              {texts.none}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** A category's title; a category without texts is shown by its id. */
export const categoryTitle = (messages: Messages, id: string) => messages.categories[id]?.title || id;

/**
 * The full cookie declaration for a site's cookie-policy page (`data-consentinel="cookie-table"`):
 * one table per category, rendered in the page's own DOM so that the site's styles apply.
 */
export function CookieDeclarationTables({ config, messages }: { config: Config; messages: Messages }) {
  return (
    <>
      {config.order.map((id) => (
        <CookieTable caption={categoryTitle(messages, id)} cookies={config.categories[id].cookies} texts={messages.table} />
      ))}
    </>
  );
}
