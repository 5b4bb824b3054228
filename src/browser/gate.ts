import type { ConsentState } from '../types';
import type { PartFactory } from './part';
import type { createPlaceholders } from './placeholder';
import type { LanguageLoader } from '../core/language';
import { trusted } from './trusted';

export interface GateOptions {
  /** The document to gate. Default: `document`. */
  readonly root?: Document;
  /** Loads a built-in language other than English, for placeholder texts. Without it, English. */
  readonly loadLanguage?: LanguageLoader;
  /**
   * Loads the placeholder code, the first time an iframe is blocked, so pages without one never
   * pay for it. Without it a blocked iframe just stays empty.
   * @example createGate({ placeholders: () => import('./placeholder').then((m) => m.createPlaceholders) })
   */
  readonly placeholders?: () => Promise<typeof createPlaceholders>;
}

const STATE = 'data-consentinel-state';
const SELECTOR = `[data-consent]:not([${STATE}])`;
/**
 * The attributes a gated element carries as `data-<name>` until it is allowed, in the order they
 * are set: srcset before src, so an image does not also fetch its fallback src.
 */
export const FETCHING = ['srcset', 'src', 'poster', 'href', 'srcdoc'];
// The types a browser runs: classic (empty or a JavaScript MIME type) and module. A script of any
// other type is never fetched and fires neither load nor error.
// https://html.spec.whatwg.org/multipage/scripting.html#prepare-the-script-element
const RUNS = /^(|module|(application|text)\/(x-)?(ecma|java)script|text\/(javascript1\.[0-5]|jscript|livescript))$/i;

/**
 * An attribute's value as Trusted Types want it where they guard it: `srcdoc`, event handlers and
 * a script's `src` (any other element's `src` takes the same object as its text).
 */
const trust = (name: string, value: string) =>
  name == 'srcdoc'
    ? trusted().createHTML(value)
    : name.startsWith('on')
      ? trusted().createScript(value)
      : name == 'src'
        ? trusted().createScriptURL(value)
        : value;

/**
 * Runs what the page marked with `data-consent` once its categories allow it (SPEC §4): scripts
 * (`type="text/plain"`, inline, `src` or `data-src`) one at a time in document order, `data-src`,
 * `data-srcset`, `data-poster`, `data-href` and `data-srcdoc` on iframes, images, media (and
 * their `<source>`s), links and the like, and `<template>` contents. A blocked iframe gets a
 * placeholder. Elements added later are seen by a MutationObserver until `destroy()`.
 * @example createConsent(config, { parts: [createGate()] })
 */
export function createGate(options: GateOptions = {}): PartFactory {
  return (consent) => {
    const d = options.root || document;
    const { order } = consent.config;
    const queue: HTMLScriptElement[] = [];
    let busy = false;
    let live = true;
    let placeholders: ReturnType<typeof createPlaceholders> | undefined;
    let loading: Promise<void> | undefined;

    const tokens = (el: Element) => el.getAttribute('data-consent')!.match(/\S+/g) || [];
    const known = (t: string) => order.includes(t.replace(/^!/, ''));
    const allowed = (el: Element, { granted, decided }: ConsentState) => {
      const all = tokens(el);
      return all.length > 0 && all.every((t) => known(t) && (t[0] == '!' ? decided && !granted[t.slice(1)] : granted[t]));
    };

    // A script whose type changes from text/plain is not run by the browser: scripts are
    // prepared once, when inserted. So a fresh element replaces the gated one.
    // https://html.spec.whatwg.org/multipage/scripting.html#prepare-the-script-element
    const next = () => {
      let el: HTMLScriptElement | undefined;
      while (!busy && (el = queue.shift())) {
        if (!el.isConnected) continue;
        // Consent may have been withdrawn while an earlier script loaded: this one waits again.
        if (!allowed(el, consent.getState())) {
          el.removeAttribute(STATE);
          continue;
        }
        const s = d.createElement('script');
        // Every attribute but the type stays (SPEC §4: data-* too); the copied state marks it done.
        for (const a of el.attributes) if (a.name != 'type') s.setAttribute(a.name, trust(a.name, a.value));
        for (const a of ['type', 'src']) {
          const v = el.getAttribute('data-' + a);
          if (v) s.setAttribute(a, trust(a, v));
        }
        // Only the element's own nonce, never the library's: that would let any gated markup
        // injected into the page run under a nonce policy. Browsers blank the nonce attribute
        // once parsed; the property keeps the value.
        if (el.nonce) s.nonce = el.nonce;
        s.text = trusted().createScript(el.text);
        // Only a script the browser fetches ends with load or error; waiting for any other
        // (nomodule, a type it does not run) would stall every gated script after it.
        const type = s.type.trim();
        if (s.hasAttribute('src') && RUNS.test(type) && !(s.noModule && type != 'module')) {
          busy = true;
          const done = () => ((busy = false), next());
          s.addEventListener('load', done);
          s.addEventListener('error', done);
        }
        el.replaceWith(s);
      }
    };

    /** Set the real fetching attributes; a media element then looks for its source again. */
    const activate = (el: Element) => {
      for (const e of [el, ...el.querySelectorAll('source')])
        for (const a of FETCHING) {
          const v = e.getAttribute('data-' + a);
          if (v != null) e.setAttribute(a, trust(a, v));
        }
      // Setting a <source>'s src does not make its media element look again; load() does.
      const media = el.localName == 'source' ? el.parentElement : el;
      if (media?.localName == 'video' || media?.localName == 'audio') (media as HTMLMediaElement).load();
    };

    const scan = (root: Element | Document) => {
      if (!live) return;
      try {
        const state = consent.getState();
        // The parser may still be writing the content of a script, a template or a media element
        // (its <source>s): those wait for DOMContentLoaded (which rescans), as deferred scripts do.
        const parsing = d.readyState == 'loading';
        const found = [...root.querySelectorAll<HTMLElement>(SELECTOR)];
        if (root != d && (root as Element).matches(SELECTOR)) found.unshift(root as HTMLElement);
        for (const el of found) {
          const tag = el.localName;
          if (!allowed(el, state)) {
            if (tag == 'iframe') {
              // A srcdoc document runs as soon as it is set: it moves to data-srcdoc and an empty
              // one unloads it, so nothing runs while the iframe is blocked.
              const doc = el.getAttribute('srcdoc');
              if (doc) {
                if (!el.hasAttribute('data-srcdoc')) el.setAttribute('data-srcdoc', doc);
                el.setAttribute('srcdoc', trust('srcdoc', ''));
              }
              // Only an iframe waiting for known categories can offer to allow them.
              const need = tokens(el);
              if (need[0] && need.every((t) => t[0] != '!' && known(t))) {
                if (placeholders) placeholders.show(el, need.filter((t) => !state.granted[t]));
                else
                  loading ||= options.placeholders?.().then(
                    (make) => ((placeholders = make(consent, d, options.loadLanguage)), scan(d)),
                    (e) => console.error('[consentinel]', e),
                  );
              }
            }
          } else if (!parsing || !/^(script|template|video|audio)$/.test(tag)) {
            el.setAttribute(STATE, 'done');
            if (tag == 'script') queue.push(el as HTMLScriptElement);
            else if (tag == 'template') el.replaceWith((el as HTMLTemplateElement).content.cloneNode(true));
            else {
              activate(el);
              placeholders?.drop(el);
            }
          }
        }
        next();
      } catch (e) {
        console.error('[consentinel]', e);
      }
    };

    const all = () => scan(d);
    // After destroy() the listener finds `live` false.
    d.addEventListener('DOMContentLoaded', all);
    const observer = new d.defaultView!.MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n.nodeType == 1) scan(n as Element);
      placeholders?.sweep();
    });
    observer.observe(d.documentElement, { childList: true, subtree: true });

    return {
      update: all,
      destroy() {
        live = false;
        observer.disconnect();
        queue.length = 0;
        placeholders?.sweep(true);
      },
    };
  };
}
