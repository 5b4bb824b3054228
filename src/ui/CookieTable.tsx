import type { CookieDeclaration } from '../types';
import type { Messages } from './messages';

export interface CookieTableProps {
  caption: string;
  cookies: readonly CookieDeclaration[];
  t: Messages['table'];
}

const COLUMNS = ['name', 'provider', 'purpose', 'duration'] as const;

/** One category's declared cookies. A pattern stands in for the name when there is no exact one. */
export function CookieTable({ caption, cookies, t }: CookieTableProps) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {COLUMNS.map((k) => (
            <th scope="col">{t[k]}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {cookies.length ? (
          cookies.map((c) => (
            <tr>
              {COLUMNS.map((k) => (
                <td>{k == 'name' ? c.name || c.pattern : c[k]}</td>
              ))}
            </tr>
          ))
        ) : (
          <tr>
            <td colSpan={4}>{t.none}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
