// src/browser/controls.ts: data-consentinel="…" elements act on click (SPEC §5), except in user content.
import { describe, expect, it, vi } from 'vitest';
import { useInstances } from './instances';

const ALL = ['necessary', 'analytics', 'affiliate', 'advertising'];
const { make, onCleanup } = useInstances();

describe('declarative controls', () => {
  const click = (el: Element) => el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));

  it.each([
    ['accept-all', 'accept-all', ALL],
    ['reject-all', 'reject-all', ['necessary']],
  ])('data-consentinel="%s" decides', (action, method, granted) => {
    document.body.innerHTML = `<button data-consentinel="${action}"><span>go</span></button>`;
    const c = make();
    click(document.querySelector('span')!);
    expect(c.getState().method).toBe(method);
    expect(Object.keys(c.getState().granted).filter((k) => c.getState().granted[k])).toEqual(granted);
  });

  it('data-consentinel="preferences" opens the dialog and the link is not followed', () => {
    document.body.innerHTML = '<a href="#cookies" data-consentinel="preferences">Cookie settings</a>';
    const c = make();
    c.acceptAll();
    const followed = click(document.querySelector('a')!);
    expect(c.getView()).toBe('preferences');
    expect(followed).toBe(false);
  });

  it('works for elements added after start', () => {
    const c = make();
    const b = document.createElement('button');
    b.setAttribute('data-consentinel', 'reject-all');
    document.body.append(b);
    click(b);
    expect(c.getState()).toMatchObject({ decided: true, method: 'reject-all' });
  });

  it('ignores other clicks and unknown actions', () => {
    document.body.innerHTML = '<button id="x">x</button><button data-consentinel="sell-everything">y</button>';
    const c = make();
    click(document.getElementById('x')!);
    expect(click(document.querySelector('[data-consentinel]')!)).toBe(true);
    expect(c.getState().decided).toBe(false);
    expect(c.getView()).toBe('banner');
  });

  // Bug: src/browser/controls.ts looks the action up with `ACTIONS[name]`, which also finds
  // Object.prototype members: "valueOf" or "hasOwnProperty" is called with the instance and throws
  // inside the click listener (an uncaught error on the page); "toString" swallows the click.
  it.each(['valueOf', 'constructor'])('data-consentinel="%s" is not an action', (name) => {
    document.body.innerHTML = `<a href="#x" data-consentinel="${name}">x</a>`;
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent) => {
      errors.push(e.error);
      e.preventDefault();
    };
    window.addEventListener('error', onError);
    onCleanup(() => window.removeEventListener('error', onError));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    make();
    expect(click(document.querySelector('a')!)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('stop after destroy()', () => {
    document.body.innerHTML = '<button data-consentinel="accept-all">ok</button>';
    const c = make();
    c.destroy();
    click(document.querySelector('button')!);
    expect(c.getState().decided).toBe(false);
  });
});

describe('declarative controls in user content', () => {
  const click = (el: Element) => el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));

  it('a control inside [data-consentinel-ignore] does nothing, and the click goes on as usual', () => {
    document.body.innerHTML = '<section data-consentinel-ignore><p><a href="#spoiler" data-consentinel="accept-all">Show spoiler</a></p></section>';
    const c = make();
    expect(click(document.querySelector('a')!)).toBe(true);
    expect(c.getState().decided).toBe(false);
  });

  it('with controls "no-accept-all", accept-all is ignored with a warning; the other controls work', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    document.body.innerHTML = '<a id="a" data-consentinel="accept-all">yes</a><a id="p" data-consentinel="preferences">settings</a><a id="r" data-consentinel="reject-all">no</a>';
    const c = make({ controls: 'no-accept-all' });
    click(document.getElementById('a')!);
    expect(c.getState().decided).toBe(false);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/^\[consentinel\] a data-consentinel="accept-all" control was ignored/);
    click(document.getElementById('p')!);
    expect(c.getView()).toBe('preferences');
    click(document.getElementById('r')!);
    expect(c.getState().method).toBe('reject-all');
  });

  it('by default (SPEC §5) accept-all controls outside such a region work', () => {
    document.body.innerHTML = '<section data-consentinel-ignore></section><button data-consentinel="accept-all">ok</button>';
    const c = make();
    click(document.querySelector('button')!);
    expect(c.getState().method).toBe('accept-all');
  });
});
