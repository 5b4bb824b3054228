import { h } from 'preact';

/** A choice: its visible label (also its accessible name) and what pressing it does. */
export type Choice = [label: string, onClick: () => void];

/** The row of choices of the banner and the dialog: same element, same class, same look (no nudging). */
export const choices = (list: Choice[]) => h('div', { class: 'a' }, list.map(([label, onClick]) => h('button', { onClick }, label)));

/** The × that closes without deciding, named by `label`. */
export const closeButton = (label: string, onClick: () => void) => h('button', { class: 'x', 'aria-label': label, onClick }, '×');
