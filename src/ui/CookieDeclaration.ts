import { h } from 'preact';
import type { Config } from '../types';
import type { Messages } from './messages';
import { CookieTable } from './CookieTable';
import { categoryText } from './category-text';

/**
 * The full cookie declaration for a site's cookie-policy page (`data-consentinel="cookie-table"`):
 * one table per category, rendered in the page's own DOM so the site's styles apply.
 */
export function CookieDeclaration({ config, messages }: { config: Config; messages: Messages }) {
  return config.order.map((id) => h(CookieTable, { caption: categoryText(messages, id).title, cookies: config.categories[id].cookies, t: messages.table }));
}
