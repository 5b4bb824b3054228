import type { Config } from '../types';

/**
 * The UI's theme values (top of styles/banner.css) for the parts the core draws without the UI's
 * stylesheet (the reopen button, the iframe placeholders): [token, light, dark].
 */
export const TOKENS = [
  ['accent', '#0b57d0', '#8ab4f8'],
  ['accent-fg', '#fff', '#0b1d3a'],
  ['bg', '#fff', '#1f2329'],
  ['focus', '#0b57d0', '#8ab4f8'],
  ['shadow', '0 .25em 1.5em #0003', '0 .25em 1.5em #000a'],
] as const;

export type Token = (typeof TOKENS)[number][0];

/** `var(--consentinel-<name>, <the theme's value>)`: a site's own value wins, else the theme's. */
export function token(name: Token, dark: boolean): string {
  const [, light, darkValue] = TOKENS.find(([n]) => n == name)!;
  return `var(--consentinel-${name},${dark ? darkValue : light})`;
}

/** Whether `ui.theme` is dark right now (`auto`: the colour scheme of the moment). */
export const isDarkNow = (theme: Config['ui']['theme'], win: Window) =>
  theme == 'dark' || (theme == 'auto' && !!win.matchMedia?.('(prefers-color-scheme: dark)').matches);
