import { afterEach, describe, expect, it, vi } from 'vitest';
// @ts-expect-error jsdom ships no types and @types/jsdom is not a dependency
import { JSDOM, VirtualConsole, requestInterceptor } from 'jsdom';
import { createGate } from '../../src/browser/gate';
import { createConsent } from '../../src/create-consent';
import { createMemoryStore } from '../../src/browser/cookie-store';
import { fakeConsent } from './fake-consent';

type RanDocument = Document & { ran: string[] };
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
const ran = (d: Document = document) => (d as RanDocument).ran;
const body = (html: string) => {
  document.body.innerHTML = html;
  (document as RanDocument).ran = [];
};
/** An inline gated script that records `name` when it runs. */
const inline = (consent: string, name: string, extra = '') =>
  `<script type="text/plain" data-consent="${consent}" ${extra}>document.ran.push('${name}')</script>`;

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
  document.body.innerHTML = '';
});

function start(initial?: Parameters<typeof fakeConsent>[1], root?: Document) {
  const fake = fakeConsent({ reloadOnWithdraw: false }, initial);
  fake.start(createGate({ root }));
  stop = fake.destroy;
  return fake;
}

/**
 * A page of its own that fetches through `files` (path → [body, status]) and logs every
 * request; a response waits until `hold` (if given) settles.
 */
function page(html: string, files: Record<string, [string, number?]> = {}, hold?: Promise<unknown>) {
  const log: string[] = [];
  const dom = new JSDOM(`<!doctype html><body>${html}</body>`, {
    url: 'https://site.test/',
    runScripts: 'dangerously',
    virtualConsole: new VirtualConsole(),
    resources: {
      interceptors: [
        requestInterceptor(async (request: Request) => {
          const path = new URL(request.url).pathname;
          log.push(path);
          const [text, status = 200] = files[path] ?? ['', 404];
          if (path == '/slow.js') await hold;
          return new Response(text, { status, headers: { 'Content-Type': 'text/javascript' } });
        }),
      ],
    },
  });
  const d = dom.window.document as RanDocument;
  d.ran = [];
  return { d, log, close: () => dom.window.close() };
}

describe('gated scripts', () => {
  it('runs an inline script only once its category is granted, and only once', () => {
    body(inline('analytics', 'a'));
    const fake = start();
    expect(ran()).toEqual([]);
    fake.decide({ advertising: true });
    expect(ran()).toEqual([]);
    fake.decide({ analytics: true });
    expect(ran()).toEqual(['a']);
    fake.decide({ affiliate: true }, 'sync');
    fake.decide({ analytics: true }, 'sync');
    expect(ran()).toEqual(['a']);
  });

  it('runs at start when the stored choice grants it', () => {
    body(inline('analytics', 'a') + inline('advertising', 'b'));
    start({ decided: true, granted: { analytics: true } });
    expect(ran()).toEqual(['a']);
  });

  it('runs scripts in document order', () => {
    body(inline('advertising', '1') + inline('analytics', '2') + inline('advertising analytics', '3') + inline('analytics', '4'));
    const fake = start();
    fake.decide({ analytics: true, advertising: true });
    expect(ran()).toEqual(['1', '2', '3', '4']);
  });

  it('needs every category of a multi-category script', () => {
    body(inline('affiliate  advertising', 'both'));
    const fake = start();
    fake.decide({ affiliate: true });
    expect(ran()).toEqual([]);
    fake.decide({ affiliate: false, advertising: true });
    expect(ran()).toEqual([]);
    fake.decide({ affiliate: true });
    expect(ran()).toEqual(['both']);
  });

  it('runs a !category script only once that category is refused', () => {
    body(inline('!analytics', 'fallback'));
    const fake = start();
    expect(ran()).toEqual([]);
    fake.decide({ analytics: true });
    expect(ran()).toEqual([]);
    fake.decide({ analytics: false });
    expect(ran()).toEqual(['fallback']);
  });

  it('treats a refusal from a browser signal as a refusal', () => {
    body(inline('!analytics', 'fallback') + inline('analytics', 'tracker'));
    start({ decided: true, method: 'global-privacy-control', signals: { doNotTrack: false, globalPrivacyControl: true } });
    expect(ran()).toEqual(['fallback']);
  });

  it('runs nothing whose category is unknown, even after everything is accepted', () => {
    body(inline('nope', 'x') + inline('!nope', 'y') + inline('constructor', 'z') + inline('analytics nope', 'w') + inline('', 'v'));
    const fake = start();
    fake.decide({ analytics: true, affiliate: true, advertising: true });
    fake.decide({ analytics: false });
    expect(ran()).toEqual([]);
  });

  it('replaces the gated script with a fresh one keeping its attributes (data-* too), data-type becoming the type', () => {
    body(
      `<script type="text/plain" data-consent="analytics" data-type="text/javascript" id="s" async defer
        integrity="sha384-x" crossorigin="anonymous" referrerpolicy="no-referrer" data-site="x">document.ran.push('m')</script>`,
    );
    const fake = start();
    fake.decide({ analytics: true });
    const s = document.getElementById('s') as HTMLScriptElement;
    expect(ran()).toEqual(['m']);
    expect(s.type).toBe('text/javascript');
    for (const a of ['async', 'defer']) expect(s.hasAttribute(a)).toBe(true);
    expect(s.getAttribute('integrity')).toBe('sha384-x');
    expect(s.getAttribute('crossorigin')).toBe('anonymous');
    expect(s.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(s.dataset.site).toBe('x');
    expect(s.getAttribute('data-consentinel-state')).toBe('done');
    expect(s.dataset.consent).toBe('analytics');
    expect(document.querySelectorAll('script')).toHaveLength(1);
  });

  it('turns data-type="module" into a module script', () => {
    body('<script type="text/plain" data-consent="analytics" data-type="module" id="s">export {}</script>');
    start({ decided: true, granted: { analytics: true } });
    expect((document.getElementById('s') as HTMLScriptElement).type).toBe('module');
  });

  it('copies the nonce from the property, since browsers blank the attribute', () => {
    body(inline('analytics', 'n', 'nonce="" id="s"'));
    Object.defineProperty(document.getElementById('s')!, 'nonce', { value: 'r4nd0m' });
    start({ decided: true, granted: { analytics: true } });
    expect((document.getElementById('s') as HTMLScriptElement).nonce).toBe('r4nd0m');
  });

  it('runs a gated script inserted later, at once if allowed, else when granted', async () => {
    body('');
    const fake = start({ decided: true, granted: { analytics: true } });
    document.body.insertAdjacentHTML('beforeend', `<div>${inline('analytics', 'late')}${inline('advertising', 'later')}</div>`);
    await tick();
    expect(ran()).toEqual(['late']);
    fake.decide({ advertising: true });
    expect(ran()).toEqual(['late', 'later']);
    await tick();
    fake.decide({ affiliate: true }, 'sync');
    expect(ran()).toEqual(['late', 'later']);
  });

  it('stops watching the page when destroyed', async () => {
    body('');
    const fake = start({ decided: true, granted: { analytics: true } });
    fake.destroy();
    document.body.insertAdjacentHTML('beforeend', inline('analytics', 'late'));
    await tick();
    expect(ran()).toEqual([]);
  });

  it('waits for DOMContentLoaded before running scripts the parser may still be writing', () => {
    body(inline('analytics', 'a'));
    Object.defineProperty(document, 'readyState', { value: 'loading', configurable: true });
    try {
      start({ decided: true, granted: { analytics: true } });
      expect(ran()).toEqual([]);
    } finally {
      delete (document as { readyState?: unknown }).readyState;
    }
    document.dispatchEvent(new Event('DOMContentLoaded'));
    expect(ran()).toEqual(['a']);
  });
});

describe('external scripts', () => {
  it('fetches nothing before consent, then loads each one before the next gated script starts', async () => {
    let release!: (v?: unknown) => void;
    const { d, log, close } = page(
      `<script type="text/plain" data-consent="analytics" src="/slow.js"></script>
       <script type="text/plain" data-consent="analytics">document.ran.push('inline')</script>
       <script type="text/plain" data-consent="analytics" data-src="/fast.js"></script>
       <iframe data-consent="analytics" data-src="/frame.html"></iframe>`,
      { '/slow.js': ["document.ran.push('slow')"], '/fast.js': ["document.ran.push('fast')"], '/frame.html': ['<p>hi'] },
      new Promise((r) => (release = r)),
    );
    const fake = start(undefined, d);
    await tick(50);
    expect(log).toEqual([]);
    fake.decide({ analytics: true });
    await vi.waitFor(() => expect(log).toContain('/slow.js'));
    await tick(20);
    // jsdom itself runs scripts in insertion order, so look at what was inserted and fetched.
    expect(log).not.toContain('/fast.js');
    expect(d.querySelectorAll('script[type="text/plain"]')).toHaveLength(2);
    release();
    await vi.waitFor(() => expect(ran(d)).toHaveLength(3));
    expect(ran(d)).toEqual(['slow', 'inline', 'fast']);
    expect(log).toContain('/frame.html');
    expect(log.filter((p) => p.endsWith('.js'))).toEqual(['/slow.js', '/fast.js']);
    expect(d.querySelector('script[src="/fast.js"]')).not.toBeNull();
    close();
  });

  it('goes on with the next script when one fails to load', async () => {
    const { d, close } = page(
      `<script type="text/plain" data-consent="analytics" src="/missing.js"></script>
       <script type="text/plain" data-consent="analytics">document.ran.push('after')</script>`,
    );
    start({ decided: true, granted: { analytics: true } }, d);
    await vi.waitFor(() => expect(ran(d)).toEqual(['after']));
    close();
  });

  it('does not wait for a src script the browser never fetches (a type it does not run, or nomodule)', async () => {
    const { d, log, close } = page(
      `<script type="text/plain" data-consent="analytics" data-type="text/x-template" src="/template.js"></script>
       <script type="text/plain" data-consent="analytics">document.ran.push('after-template')</script>
       <script type="text/plain" data-consent="analytics" data-type="application/JavaScript" src="/fast.js"></script>
       <script type="text/plain" data-consent="analytics">document.ran.push('after-fast')</script>`,
      { '/fast.js': ["document.ran.push('fast')"] },
    );
    start({ decided: true, granted: { analytics: true } }, d);
    await vi.waitFor(() => expect(ran(d)).toEqual(['after-template', 'fast', 'after-fast']));
    expect(log).toEqual(['/fast.js']);
    close();
  });

  it('checks each queued script against the state of the moment it comes up', async () => {
    let release!: (v?: unknown) => void;
    const { d, log, close } = page(
      `<script type="text/plain" data-consent="analytics" src="/slow.js"></script>
       <script type="text/plain" data-consent="analytics" id="after">document.ran.push('after')</script>
       <script type="text/plain" data-consent="analytics" src="/fast.js"></script>`,
      { '/slow.js': ["document.ran.push('slow')"], '/fast.js': ["document.ran.push('fast')"] },
      new Promise((r) => (release = r)),
    );
    const fake = start(undefined, d);
    fake.decide({ analytics: true });
    await vi.waitFor(() => expect(log).toContain('/slow.js'));
    fake.decide({ analytics: false });
    release();
    await vi.waitFor(() => expect(ran(d)).toEqual(['slow']));
    await tick(20);
    expect(ran(d)).toEqual(['slow']);
    expect(log).toEqual(['/slow.js']);
    expect(d.getElementById('after')!.hasAttribute('data-consentinel-state')).toBe(false);
    fake.decide({ analytics: true });
    await vi.waitFor(() => expect(ran(d)).toEqual(['slow', 'after', 'fast']));
    close();
  });
});

describe('iframes, images and templates', () => {
  it('sets src on an iframe only when allowed', () => {
    body('<iframe data-consent="advertising" data-src="https://video.test/embed"></iframe>');
    const fake = start();
    const f = document.querySelector('iframe')!;
    expect(f.hasAttribute('src')).toBe(false);
    fake.decide({ advertising: true });
    expect(f.getAttribute('src')).toBe('https://video.test/embed');
    expect(f.getAttribute('data-consentinel-state')).toBe('done');
  });

  it('leaves a blocked iframe empty when no placeholder code is given', () => {
    body('<iframe data-consent="advertising" data-src="https://video.test/embed"></iframe>');
    start();
    expect(document.body.children).toHaveLength(1);
    expect(document.querySelector('iframe')!.style.display).toBe('');
  });

  it('loads the placeholder code once, and uses nothing of it after destroy()', async () => {
    body('<iframe data-consent="advertising" data-src="https://a.test/"></iframe><iframe data-consent="analytics" data-src="https://b.test/"></iframe>');
    const show = vi.fn();
    const placeholders = vi.fn(async () => () => ({ show, drop() {}, sweep() {} }));
    const fake = fakeConsent();
    fake.start(createGate({ placeholders }));
    fake.destroy();
    await tick();
    expect(placeholders).toHaveBeenCalledTimes(1);
    expect(show).not.toHaveBeenCalled();
  });

  it('sets src and srcset on an image only when allowed', () => {
    body('<img data-consent="affiliate" data-src="https://ads.test/p.gif" data-srcset="https://ads.test/p2.gif 2x" alt="">');
    const fake = start();
    const img = document.querySelector('img')!;
    expect(img.hasAttribute('src') || img.hasAttribute('srcset')).toBe(false);
    fake.decide({ affiliate: true });
    expect(img.getAttribute('src')).toBe('https://ads.test/p.gif');
    expect(img.getAttribute('srcset')).toBe('https://ads.test/p2.gif 2x');
  });

  it('sets poster, href and srcdoc only when allowed, and the <source>s of a gated video, which then loads', () => {
    body(
      '<video data-consent="advertising" data-poster="/p.jpg"><source data-src="/v.webm" type="video/webm"></video>' +
        '<link data-consent="advertising" rel="stylesheet" data-href="/s.css">' +
        '<iframe data-consent="advertising" data-srcdoc="<p>hi</p>"></iframe>',
    );
    const load = vi.spyOn(HTMLMediaElement.prototype, 'load').mockImplementation(() => {});
    const fake = start();
    const [video, source, link, frame] = ['video', 'source', 'link', 'iframe'].map((t) => document.querySelector(t)!);
    expect(['poster', 'src', 'href', 'srcdoc'].filter((a) => [video, source, link, frame].some((e) => e.hasAttribute(a)))).toEqual([]);
    fake.decide({ advertising: true });
    expect(video.getAttribute('poster')).toBe('/p.jpg');
    expect(source.getAttribute('src')).toBe('/v.webm');
    expect(link.getAttribute('href')).toBe('/s.css');
    expect(frame.getAttribute('srcdoc')).toBe('<p>hi</p>');
    expect(load).toHaveBeenCalledTimes(1);
    load.mockRestore();
  });

  it('empties a blocked iframe’s own srcdoc, keeping it for when it is allowed', () => {
    body('<iframe data-consent="advertising" srcdoc="<script>track()</script>"></iframe>');
    const fake = start();
    const f = document.querySelector('iframe')!;
    expect(f.getAttribute('srcdoc')).toBe('');
    fake.decide({ analytics: true });
    expect(f.getAttribute('srcdoc')).toBe('');
    fake.decide({ advertising: true });
    expect(f.getAttribute('srcdoc')).toBe('<script>track()</script>');
  });

  it('inserts a template’s content in its place when allowed', () => {
    body(`<p>before</p><template data-consent="advertising"><div class="ad">ad</div>${inline('advertising', 'x').replace(' type="text/plain" data-consent="advertising"', '')}</template><p>after</p>`);
    const fake = start();
    expect(document.querySelector('.ad')).toBeNull();
    expect(ran()).toEqual([]);
    fake.decide({ advertising: true });
    expect(document.body.innerHTML).toMatch(/^<p>before<\/p><div class="ad">ad<\/div><script>.*<\/script><p>after<\/p>$/);
    expect(ran()).toEqual(['x']);
  });

  it('activates gated elements inside an allowed template', async () => {
    body(`<template data-consent="analytics">${inline('advertising', 'inner')}</template>`);
    const fake = start();
    fake.decide({ analytics: true, advertising: true });
    await tick();
    expect(ran()).toEqual(['inner']);
  });

  it('handles iframes and images inserted later', async () => {
    body('');
    start({ decided: true, granted: { advertising: true } });
    document.body.insertAdjacentHTML('beforeend', '<iframe data-consent="advertising" data-src="https://v.test/"></iframe><img data-consent="analytics" data-src="https://a.test/p.gif">');
    await tick();
    expect(document.querySelector('iframe')!.getAttribute('src')).toBe('https://v.test/');
    expect(document.querySelector('img')!.hasAttribute('src')).toBe(false);
  });
});

describe('through createConsent', () => {
  it('runs a gated script after acceptAll and a !category one after rejectAll', () => {
    body(inline('analytics', 'yes') + inline('!analytics', 'no'));
    const consent = createConsent({}, { parts: [createGate()], store: createMemoryStore(), signals: { doNotTrack: false, globalPrivacyControl: false } });
    stop = consent.destroy;
    expect(ran()).toEqual([]);
    consent.rejectAll();
    expect(ran()).toEqual(['no']);
    consent.acceptAll();
    expect(ran()).toEqual(['no', 'yes']);
  });
});
