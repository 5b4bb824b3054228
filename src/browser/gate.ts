import type { PartFactory } from './part';
import type { createPlaceholders } from './placeholder';

export interface GateOptions {
  /** The document to gate. Default: `document`. */
  readonly root?: Document;
  /** URL of the directory holding `i18n/<code>.json`, for placeholder texts (script-tag use). */
  readonly i18nBase?: string;
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
 * Runs what the page marked with `data-consent` once its categories allow it (SPEC §4): scripts
 * (`type="text/plain"`, inline, `src` or `data-src`) one at a time in document order, `data-src`
 * / `data-srcset` on iframes, images and the like, and `<template>` contents. A blocked iframe
 * gets a placeholder. Elements added later are seen by a MutationObserver until `destroy()`.
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

    // A script whose type changes from text/plain is not run by the browser: scripts are
    // prepared once, when inserted. So a fresh element replaces the gated one.
    // https://html.spec.whatwg.org/multipage/scripting.html#prepare-the-script-element
    const next = () => {
      let el: HTMLScriptElement | undefined;
      while (!busy && (el = queue.shift())) {
        if (!el.isConnected) continue;
        const s = d.createElement('script');
        // Every attribute but the type stays (SPEC §4: data-* too); the copied state marks it done.
        for (const a of el.attributes) if (a.name != 'type') s.setAttribute(a.name, a.value);
        for (const a of ['type', 'src']) {
          const v = el.getAttribute('data-' + a);
          if (v) s.setAttribute(a, v);
        }
        // Browsers blank the nonce attribute once parsed; the property keeps the value.
        if (el.nonce) s.nonce = el.nonce;
        s.text = el.text;
        if (s.hasAttribute('src')) {
          busy = true;
          const done = () => ((busy = false), next());
          s.addEventListener('load', done);
          s.addEventListener('error', done);
        }
        el.replaceWith(s);
      }
    };

    const scan = (root: Element | Document) => {
      if (!live) return;
      try {
        const { granted, decided } = consent.getState();
        // The parser may still be writing a script's or template's content: those wait for
        // DOMContentLoaded (which rescans), as deferred scripts do.
        const parsing = d.readyState == 'loading';
        const found = [...root.querySelectorAll<HTMLElement>(SELECTOR)];
        if (root != d && (root as Element).matches(SELECTOR)) found.unshift(root as HTMLElement);
        for (const el of found) {
          const tag = el.localName;
          const tokens = el.getAttribute('data-consent')!.match(/\S+/g) || [];
          const known = (t: string) => order.includes(t.replace(/^!/, ''));
          const ok = tokens[0] && tokens.every((t) => known(t) && (t[0] == '!' ? decided && !granted[t.slice(1)] : granted[t]));
          if (!ok) {
            // Only an iframe waiting for known categories can offer to allow them.
            if (tag == 'iframe' && tokens[0] && tokens.every((t) => t[0] != '!' && known(t))) {
              const need = tokens.filter((t) => !granted[t]);
              if (placeholders) placeholders.show(el, need);
              else
                loading ||= options.placeholders?.().then(
                  (make) => ((placeholders = make(consent, d, options.i18nBase)), scan(d)),
                  (e) => console.error('[consentinel]', e),
                );
            }
          } else if (!parsing || (tag != 'script' && tag != 'template')) {
            el.setAttribute(STATE, 'done');
            if (tag == 'script') queue.push(el as HTMLScriptElement);
            else if (tag == 'template') el.replaceWith((el as HTMLTemplateElement).content.cloneNode(true));
            else {
              // srcset first, so an image does not also fetch its fallback src.
              for (const a of ['srcset', 'src']) {
                const v = el.getAttribute('data-' + a);
                if (v != null) el.setAttribute(a, v);
              }
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
