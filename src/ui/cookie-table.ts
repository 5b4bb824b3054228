import { h } from 'preact';
import type { Config, CookieDeclaration } from '../types';
import type { Messages } from './messages';

const COLUMNS = ['name', 'provider', 'purpose', 'duration'] as const;

/** One category's declared cookies. A pattern stands in for the name when there is no exact one. */
export const cookieTable = (caption: string, cookies: readonly CookieDeclaration[], t: Messages['table']) =>
  h(
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

/** A category's title; a category without texts is shown by its id. */
export const categoryTitle = (m: Messages, id: string) => m.categories[id]?.title || id;

/**
 * The full cookie declaration for a site's cookie-policy page (`data-consentinel="cookie-table"`):
 * one table per category, rendered in the page's own DOM so the site's styles apply.
 */
export const cookieDeclaration = (config: Config, m: Messages) => config.order.map((id) => cookieTable(categoryTitle(m, id), config.categories[id].cookies, m.table));
