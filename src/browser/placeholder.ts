import { builtInFile, configLanguage, type LanguageLoader } from '../core/language';
import type { CategoryId, Consent, MessagesOverride } from '../types';
import { isDarkNow, token } from './theme';

type Tree = MessagesOverride | undefined;

// The few English texts a placeholder needs (src/i18n/en.json); the rest of English is in the UI.
const EN: Tree = {
  placeholder: {
    text: 'This content is hosted by a third party and needs your consent for {category}.',
    allow: 'Allow {category}',
  },
  categories: {
    necessary: { title: 'Necessary' },
    analytics: { title: 'Analytics' },
    affiliate: { title: 'Affiliate referrals' },
    advertising: { title: 'Advertising' },
  },
};

/**
 * Placeholders for blocked iframes: a box of the same size in the iframe's place that names the
 * categories it waits for and has a button to allow them. Styles are set through CSSOM, which a
 * Content-Security-Policy without 'unsafe-inline' allows. Texts other than English come from
 * `loadLanguage` (the page's shared loader) the first time a placeholder shows.
 * @example const p = createPlaceholders(consent, document, languageFiles(base)); p.show(iframe, ['advertising'])
 */
export function createPlaceholders(consent: Consent, d: Document, loadLanguage?: LanguageLoader) {
  const { config } = consent;
  // The banner's theme (ui.theme; `auto` follows the colour scheme), in the UI's tokens, so that
  // the button matches the banner's buttons and a site's --consentinel-* overrides reach it.
  const dark = isDarkNow(config.ui.theme, d.defaultView!);
  // iframe → [placeholder, the iframe's own inline display, the categories it shows]
  const boxes = new Map<HTMLElement, [HTMLElement, string, string?]>();
  let lang: string;
  let loaded: Tree;
  let pending: Promise<unknown> | undefined;

  const say = (path: string[], name: string) => {
    for (const tree of [config.translations[lang], loaded, EN]) {
      let v: Tree | string = tree;
      for (const k of path) v = typeof v == 'object' ? v[k] : v;
      if (typeof v == 'string') return v.replace('{category}', () => name);
    }
    return name;
  };

  const fill = (f: HTMLElement, cats: CategoryId[]) => {
    const e = boxes.get(f);
    if (!e || e[2] == '' + cats) return;
    e[2] = '' + cats;
    const name = cats.map((id) => say(['categories', id, 'title'], id)).join(', ');
    const p = d.createElement('p');
    const b = d.createElement('button');
    p.textContent = say(['placeholder', 'text'], name);
    p.style.margin = '0 0 .5em';
    b.type = 'button';
    b.className = 'consentinel-button';
    Object.assign(b.style, {
      font: 'inherit',
      fontWeight: '600',
      minHeight: '2.75em',
      padding: '.5em 1.25em',
      border: '0',
      borderRadius: 'var(--consentinel-radius,.5em)',
      background: token('accent', dark),
      color: token('accent-fg', dark),
      cursor: 'pointer',
    });
    b.textContent = say(['placeholder', 'allow'], name);
    b.onclick = () => consent.save(Object.fromEntries(cats.map((id) => [id, true])));
    e[0].setAttribute('aria-label', f.title || p.textContent);
    e[0].replaceChildren(p, b);
  };

  const drop = (f: HTMLElement) => {
    const e = boxes.get(f);
    if (!e) return;
    boxes.delete(f);
    f.style.display = e[1];
    if (e[0].contains(d.activeElement)) f.focus();
    e[0].remove();
  };

  return {
    /** Show (or update) the placeholder of `f`, which waits for `cats`. */
    show(f: HTMLElement, cats: CategoryId[]) {
      if (!boxes.has(f)) {
        const w = d.defaultView!;
        const r = f.getBoundingClientRect();
        const size = (k: 'width' | 'height', rendered: number, fallback: string) =>
          rendered ? rendered + 'px' : (f.getAttribute(k) || fallback).replace(/^\d+$/, '$&px');
        const box = d.createElement('div');
        box.setAttribute('role', 'group');
        // A name privacy tools recognise, like the UI's (README, "Names for privacy tools").
        box.className = 'consentinel-placeholder';
        // overflow makes an inline-block's baseline its bottom edge, as an iframe's is: no shift.
        Object.assign(box.style, {
          display: w.getComputedStyle(f).display == 'inline' ? 'inline-block' : 'block',
          boxSizing: 'border-box',
          width: size('width', r.width, '300'),
          height: size('height', r.height, '150'),
          maxWidth: '100%',
          overflow: 'auto',
          padding: '1em',
          textAlign: 'center',
          alignContent: 'center',
          border: '1px solid',
          borderRadius: 'var(--consentinel-radius,.5em)',
          background: 'rgba(128,128,128,.12)',
        });
        boxes.set(f, [box, f.style.display]);
        f.before(box);
        f.style.display = 'none';
      }
      lang ||= configLanguage(config, d.documentElement.lang, navigator.languages);
      const file = builtInFile(lang);
      if (loadLanguage && file) pending ||= loadLanguage(file).then((texts) => (loaded = texts), () => 0);
      if (pending) pending.then(() => fill(f, cats));
      else fill(f, cats);
    },
    /** Remove the placeholder of `f` (it is allowed now). */
    drop,
    /** Remove the placeholders of iframes gone from the page, or all of them. */
    sweep(all?: boolean) {
      boxes.forEach((_, f) => (all || !f.isConnected) && drop(f));
    },
  };
}
