import { h } from 'preact';
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
  return h(
    'table',
    null,
    h('caption', null, caption),
    h('thead', null, h('tr', null, COLUMNS.map((k) => h('th', { scope: 'col' }, t[k])))),
    h(
      'tbody',
      null,
      cookies.length
        ? cookies.map((c) => h('tr', null, COLUMNS.map((k) => h('td', null, k == 'name' ? c.name || c.pattern : c[k]))))
        : h('tr', null, h('td', { colSpan: 4 }, t.none)),
    ),
  );
}
