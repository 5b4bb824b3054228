import { afterEach, describe, expect, it } from 'vitest';
import { cleanDocument, flush, mount, names, record } from './setup';

afterEach(cleanDocument);

describe('the first layer', () => {
  it('shows a labelled region with three choices to an undecided visitor', () => {
    const { region, button } = mount();
    const r = region()!;
    expect(r.getAttribute('aria-label')).toBe('Your privacy, your choice');
    expect(r.querySelector('h2')!.textContent).toBe('Your privacy, your choice');
    // Its buttons by accessible name, in order: the three choices, then the ×.
    expect(names(r.querySelectorAll('button'))).toEqual(['Accept all', 'Reject all', 'Preferences', 'Close']);
    // Equal prominence: the same element, the same classes, no attribute singles one out.
    const choices = [...r.querySelectorAll('button')].slice(0, 3);
    const looks = choices.map((b) => [b.tagName, b.className, b.getAttributeNames().join()]);
    expect(new Set(looks.map(String)).size).toBe(1);
    // What each does, whatever the language, for tools that answer banners (README, "Names for privacy tools").
    expect(choices.map((b) => b.dataset.consentinelAction)).toEqual(['accept-all', 'reject-all', 'preferences']);
    expect(button('Close')!.dataset.consentinelAction).toBe('close');
    expect(r.textContent).not.toContain('We have updated our policy');
  });

  it('links the policies from the placeholder syntax, and shows an unconfigured one as text', () => {
    const { region } = mount({ links: { privacyPolicy: '/privacy' } });
    const links = [...region()!.querySelectorAll('a')];
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([['privacy policy', '/privacy']]);
    expect(region()!.textContent).toContain('Read our privacy policy and cookie policy.');
    expect(region()!.textContent).not.toContain('](');
  });

  it('shows markup in a text as text', () => {
    const { region } = mount({ translations: { en: { banner: { description: '<b>Bold</b> <img src=x onerror=alert(1)> [policy](privacyPolicy)' } } }, links: { privacyPolicy: '/p' } });
    const p = [...region()!.querySelectorAll('p')].at(-1)!;
    expect(p.querySelector('b, img')).toBeNull();
    expect(p.textContent).toBe('<b>Bold</b> <img src=x onerror=alert(1)> policy');
    expect(p.querySelector('a')!.getAttribute('href')).toBe('/p');
  });

  it('renders nothing for a visitor who has decided', () => {
    const { root, region, dialog } = mount({}, { stored: record(['necessary', 'analytics']) });
    expect(region()).toBeNull();
    expect(dialog()).toBeNull();
    expect(root.querySelector('button')).toBeNull();
  });

  it('says the policy changed when the stored choice is of an older revision', () => {
    const { region, consent } = mount({ revision: 2 }, { stored: record(['necessary'], 1) });
    expect(consent.getState().outdated).toBe(true);
    expect(region()!.querySelector('h2')!.nextElementSibling!.textContent).toBe('We have updated our policy since you last chose. Please check your choice again.');
  });

  it('decides and disappears on "Accept all" and "Reject all"', async () => {
    for (const [name, method, analytics] of [['Accept all', 'accept-all', true], ['Reject all', 'reject-all', false]] as const) {
      const { consent, button, region, unmount } = mount();
      button(name)!.click();
      expect(consent.getState()).toMatchObject({ decided: true, method, granted: { analytics } });
      expect(consent.getView()).toBe(null);
      await flush();
      expect(region()).toBeNull();
      unmount();
    }
  });

  it('closes without deciding', async () => {
    const { consent, button, region } = mount();
    button('Close')!.click();
    await flush();
    expect(consent.getState().decided).toBe(false);
    expect(region()).toBeNull();
  });

  it('opens the dialog on "Preferences", keeping the banner inert underneath', async () => {
    const { consent, button, region, dialog } = mount();
    button('Preferences')!.click();
    await flush();
    expect(consent.getView()).toBe('preferences');
    expect(dialog()).not.toBeNull();
    expect(region()!.hasAttribute('inert')).toBe(true);
  });

  it('places itself as configured: layout and position attributes, theme on the host', () => {
    const { region, host } = mount({ ui: { layout: 'box', position: 'bottom-left', theme: 'dark' } });
    expect(region()!.dataset).toMatchObject({ layout: 'box', position: 'bottom-left' });
    expect(host.getAttribute('data-theme')).toBe('dark');
    cleanDocument();
    const d = mount();
    expect(d.region()!.dataset).toMatchObject({ layout: 'bar', position: 'bottom' });
    expect(d.host.getAttribute('data-theme')).toBe('auto');
  });
});

describe('the opt-out notice', () => {
  it('offers "Do not sell or share" while the optional categories run', () => {
    const { region, consent } = mount({ mode: 'opt-out' });
    expect(consent.isGranted('advertising')).toBe(true);
    expect(region()!.getAttribute('aria-label')).toBe('Your privacy choices');
    expect(names(region()!.querySelectorAll('button'))).toEqual([
      'Do not sell or share my personal information',
      'Preferences',
      'OK',
    ]);
  });

  it('"Do not sell or share" refuses every optional category', () => {
    const { button, consent } = mount({ mode: 'opt-out' });
    button('Do not sell or share my personal information')!.click();
    expect(consent.getState()).toMatchObject({ decided: true, method: 'reject-all', granted: { analytics: false, advertising: false } });
  });

  it('"OK" keeps every category running and records it, so the notice does not come back', async () => {
    const { button, consent, region } = mount({ mode: 'opt-out' });
    const before = consent.getState();
    button('OK')!.click();
    await flush();
    expect(consent.getState()).toMatchObject({ decided: true, method: 'accept-all', granted: before.granted });
    expect(consent.getState().id).toMatch(/^[0-9a-f]{32}$/);
    expect(region()).toBeNull();
  });
});
