import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDebug } from '../../src/browser/debug';
import type { ConsentConfig } from '../../src/types';
import { fakeConsent } from './fake-consent';

const CATEGORIES = {
  necessary: { required: true, cookies: [{ name: 'session' }], storage: ['^cart$'] },
  analytics: { cookies: [{ pattern: '^_ga' }] },
};

afterEach(() => {
  for (const name of ['session', '_ga', 'stray', 'consentinel']) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  localStorage.clear();
  sessionStorage.clear();
  document.body.innerHTML = '';
  history.replaceState(null, '', '/');
});

function run(config: ConsentConfig, initial?: Parameters<typeof fakeConsent>[1]) {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const fake = fakeConsent({ categories: CATEGORIES, ...config }, initial);
  fake.start(createDebug());
  return warn.mock.calls.map((args) => args.map((a) => (typeof a == 'string' ? a : (a as Element).outerHTML)).join(' '));
}

function leaks() {
  document.cookie = 'session=1; path=/';
  document.cookie = '_ga=1; path=/';
  document.cookie = 'stray=1; path=/';
  document.cookie = 'consentinel=1.x; path=/';
  localStorage.setItem('cart', '1');
  localStorage.setItem('tracker_id', '1');
  sessionStorage.setItem('replay', '1');
}

describe('debug', () => {
  it('reports undeclared cookies and storage keys before any decision', () => {
    leaks();
    expect(run({ debug: true })).toEqual([
      '[consentinel] cookie "stray" is set before any decision and no category declares it',
      '[consentinel] localStorage key "tracker_id" is set before any decision and no category declares it',
      '[consentinel] sessionStorage key "replay" is set before any decision and no category declares it',
    ]);
  });

  it('reports gated markup that can never run or does not wait', () => {
    document.body.innerHTML =
      '<script type="text/plain" data-consent="analytics nope"></script>' +
      '<iframe data-consent="!ads" data-src="https://x.test/"></iframe>' +
      '<script data-consent="analytics"></script>' +
      '<script type="text/plain" data-consent="analytics" src="https://x.test/t.js"></script>' +
      '<img data-consent="analytics" src="https://x.test/p.gif">' +
      '<img data-consent="analytics" data-src="https://x.test/p.gif">';
    expect(run({ debug: true }, { decided: true })).toEqual([
      '[consentinel] data-consent names an unknown category "nope" <script type="text/plain" data-consent="analytics nope"></script>',
      '[consentinel] data-consent names an unknown category "!ads" <iframe data-consent="!ads" data-src="https://x.test/"></iframe>',
      '[consentinel] this script runs without waiting for consent (use type="text/plain") <script data-consent="analytics"></script>',
      '[consentinel] this element fetches without waiting for consent: it has src= (use data-src=) <img data-consent="analytics" src="https://x.test/p.gif">',
    ]);
  });

  it('reports every attribute that fetches on a gated element or its <source>s, and none of the data- forms', () => {
    document.body.innerHTML =
      '<video data-consent="analytics" poster="/p.jpg"></video>' +
      '<video data-consent="analytics" data-poster="/p.jpg"><source src="/v.mp4"><source data-src="/v.webm"></video>' +
      '<link data-consent="analytics" rel="stylesheet" href="/s.css">' +
      '<link data-consent="analytics" rel="stylesheet" data-href="/s.css">' +
      '<iframe data-consent="analytics" srcdoc="<p>x</p>"></iframe>' +
      '<iframe data-consent="analytics" data-srcdoc="<p>x</p>"></iframe>' +
      '<img data-consent="analytics" srcset="/a.png 2x">' +
      '<object data-consent="analytics" data="/f.swf"></object>';
    expect(run({ debug: true }, { decided: true })).toEqual([
      '[consentinel] this element fetches without waiting for consent: it has poster= (use data-poster=) <video data-consent="analytics" poster="/p.jpg"></video>',
      '[consentinel] this element fetches without waiting for consent: it has src= (use data-src=) <source src="/v.mp4">',
      '[consentinel] this element fetches without waiting for consent: it has href= (use data-href=) <link data-consent="analytics" rel="stylesheet" href="/s.css">',
      '[consentinel] this element fetches without waiting for consent: it has srcdoc= (use data-srcdoc=) <iframe data-consent="analytics" srcdoc="&lt;p&gt;x&lt;/p&gt;"></iframe>',
      '[consentinel] this element fetches without waiting for consent: it has srcset= (use data-srcset=) <img data-consent="analytics" srcset="/a.png 2x">',
      '[consentinel] this element fetches without waiting for consent: it has data= (put it in a <template data-consent>) <object data-consent="analytics" data="/f.swf"></object>',
    ]);
  });

  it('says nothing about cookies once a decision exists', () => {
    leaks();
    expect(run({ debug: true }, { decided: true })).toEqual([]);
  });

  it('is off unless configured or asked for in the URL', () => {
    leaks();
    expect(run({})).toEqual([]);
    vi.restoreAllMocks();
    history.replaceState(null, '', '/?consentinel-debug');
    expect(run({})).toHaveLength(3);
  });

  it('waits for the page to load', () => {
    leaks();
    Object.defineProperty(document, 'readyState', { value: 'interactive', configurable: true });
    let calls: string[];
    try {
      calls = run({ debug: true });
    } finally {
      delete (document as { readyState?: unknown }).readyState;
    }
    expect(calls).toEqual([]);
    window.dispatchEvent(new Event('load'));
    expect(console.warn).toHaveBeenCalledTimes(3);
  });
});
