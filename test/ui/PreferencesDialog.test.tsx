import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanDocument, flush, focused, mount, mountOn, names, NO_SIGNALS, press, record } from './setup';

/** The line that shows the visitor's consent id. */
const consentIdText = (dialog: Element) => [...dialog.querySelectorAll('p')].find((p) => p.textContent!.includes('consent ID'))?.textContent;
import { createConsent } from '../../src/create-consent';

afterEach(cleanDocument);

const COOKIES = {
  categories: {
    necessary: { required: true, cookies: [{ name: 'session', provider: 'This site', purpose: 'Keeps you signed in', duration: 'Session' }] },
    analytics: { cookies: [{ pattern: '^_ga', provider: 'Google', purpose: 'Counts visits', duration: '2 years' }] },
    marketing: {},
  },
};

async function openDialog(...args: Parameters<typeof mount>) {
  const ui = mount(...args);
  ui.consent.showPreferences();
  await flush();
  const switches = () => ui.$$<HTMLButtonElement>('[role="switch"]');
  const named = (name: string) => switches().find((s) => s.getAttribute('aria-label') === name)!;
  return { ...ui, switches, named };
}

describe('the preferences dialog', () => {
  it('is a labelled modal dialog', async () => {
    const { dialog, root } = await openDialog();
    const d = dialog()!;
    expect(d.getAttribute('aria-modal')).toBe('true');
    expect(root.getElementById(d.getAttribute('aria-labelledby')!)!.textContent).toBe('Privacy preferences');
  });

  it('has one named switch per category; required ones are on, disabled and say "Always on"', async () => {
    const { switches, named, dialog } = await openDialog();
    expect(switches()).toHaveLength(4);
    expect(named('Necessary')).toMatchObject({ disabled: true });
    expect(named('Necessary').getAttribute('aria-checked')).toBe('true');
    expect(named('Necessary').closest('[data-consentinel-category]')!.querySelector('summary')!.textContent).toBe('NecessaryAlways on');
    for (const name of ['Analytics', 'Affiliate referrals', 'Advertising']) {
      expect(named(name).disabled).toBe(false);
      expect(named(name).getAttribute('aria-checked')).toBe('false');
    }
    // The × in the header, the switches, then the choices in the footer.
    expect(names(dialog()!.querySelectorAll('button')).filter((n) => !['Necessary', 'Analytics', 'Affiliate referrals', 'Advertising'].includes(n!))).toEqual([
      'Close', 'Accept all', 'Reject all', 'Save preferences',
    ]);
  });

  it('shows the visitor their consent id once there is a stored choice, and no id before one', async () => {
    const { dialog } = await openDialog({}, { stored: record(['necessary']) });
    expect(consentIdText(dialog()!)).toBe(`Your consent ID: ${'a'.repeat(32)}. Quote it if you ask us about your choice.`);
    cleanDocument();
    const fresh = await openDialog();
    expect(fresh.dialog()!.textContent).not.toMatch(/consent ID/);
    fresh.button('Accept all')!.click();
    await flush();
    fresh.consent.showPreferences();
    await flush();
    expect(consentIdText(fresh.dialog()!)).toContain(fresh.consent.getState().id!);
  });

  it('lists the configured policy links (SPEC §3: in the banner and the dialog)', async () => {
    const { dialog } = await openDialog({ links: { privacyPolicy: '/privacy', cookiePolicy: '/cookies' } });
    const links = [...dialog()!.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toEqual([['Privacy policy', '/privacy'], ['Cookie policy', '/cookies']]);
  });

  it('lists only the links that are configured, and none without any', async () => {
    const one = await openDialog({ links: { privacyPolicy: '/privacy' } });
    expect([...one.dialog()!.querySelectorAll('a')].map((a) => a.textContent)).toEqual(['Privacy policy']);
    cleanDocument();
    const none = await openDialog();
    expect(none.dialog()!.querySelectorAll('a')).toHaveLength(0);
  });

  it('starts from the stored choice', async () => {
    const { named } = await openDialog({}, { stored: record(['necessary', 'advertising']) });
    expect(named('Advertising').getAttribute('aria-checked')).toBe('true');
    expect(named('Analytics').getAttribute('aria-checked')).toBe('false');
  });

  it('follows a change made in another tab while open: Save does not grant back what it refused', async () => {
    const tab = () => createConsent({}, { parts: [], signals: NO_SIGNALS, userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' });
    const other = tab();
    other.acceptAll();
    const here = tab();
    const { $$, button } = mountOn(here);
    const named = (name: string) => $$<HTMLButtonElement>('[role="switch"]').find((s) => s.getAttribute('aria-label') === name)!;
    here.showPreferences();
    await flush();
    named('Analytics').click(); // the visitor's own edit in the draft: off
    named('Analytics').click(); // and on again
    expect(named('Advertising').getAttribute('aria-checked')).toBe('true');
    other.save({ advertising: false }); // in the other tab; heard through BroadcastChannel
    await vi.waitFor(() => expect(here.isGranted('advertising')).toBe(false));
    await flush();
    expect(named('Advertising').getAttribute('aria-checked')).toBe('false');
    expect(named('Analytics').getAttribute('aria-checked')).toBe('true');
    button('Save preferences')!.click();
    expect(here.getState().granted).toMatchObject({ analytics: true, advertising: false });
    other.destroy();
    document.cookie = 'consentinel=; path=/; max-age=0';
  });

  it('edits a draft: switching without saving changes nothing', async () => {
    const { consent, named, button } = await openDialog({}, { stored: record(['necessary']) });
    named('Analytics').click();
    await flush();
    expect(named('Analytics').getAttribute('aria-checked')).toBe('true');
    expect(consent.isGranted('analytics')).toBe(false);
    button('Close')!.click();
    await flush();
    expect(consent.isGranted('analytics')).toBe(false);
    consent.showPreferences();
    await flush();
    expect(named('Analytics').getAttribute('aria-checked')).toBe('false');
  });

  it('commits the draft on "Save preferences" and closes', async () => {
    const { consent, named, button, dialog } = await openDialog();
    named('Analytics').click();
    await flush();
    button('Save preferences')!.click();
    expect(consent.getState()).toMatchObject({ decided: true, method: 'custom', granted: { necessary: true, analytics: true, affiliate: false, advertising: false } });
    expect(consent.getView()).toBe(null);
    await flush();
    expect(dialog()).toBeNull();
  });

  it('decides everything with its own "Accept all" and "Reject all"', async () => {
    for (const [name, on] of [['Accept all', true], ['Reject all', false]] as const) {
      const { consent, button, unmount } = await openDialog();
      button(name, '[role="dialog"]')!.click();
      expect(consent.getState().granted).toEqual({ necessary: true, analytics: on, affiliate: on, advertising: on });
      unmount();
    }
  });

  it('shows each category description and its cookie table in a disclosure', async () => {
    const { named } = await openDialog({ ...COOKIES, translations: { en: { categories: { marketing: { title: 'Marketing', description: 'Ads.' } } } } });
    const details = named('Analytics').closest('[data-consentinel-category]')!.querySelector('details')!;
    expect(details.open).toBe(false);
    expect(details.querySelector('p')!.textContent).toMatch(/^Count visits/);
    const table = details.querySelector('table')!;
    expect([...table.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Name', 'Provider', 'Purpose', 'Duration']);
    expect([...table.querySelectorAll('tbody td')].map((td) => td.textContent)).toEqual(['_ga…', 'Google', 'Counts visits', '2 years']);
    const empty = named('Marketing').closest('[data-consentinel-category]')!.querySelector('tbody')!;
    expect(empty.textContent).toBe('No cookies declared.');
  });

  it('shows a category the texts do not know by its id', async () => {
    const { named } = await openDialog(COOKIES);
    expect(named('marketing')).toBeTruthy();
  });
});

describe('browser signals', () => {
  it.each([
    [{ globalPrivacyControl: true }, 'Global Privacy Control'],
    [{ doNotTrack: true }, 'Do Not Track'],
  ])('says at the top that %o was honoured', async (signals, name) => {
    const { consent, dialog } = await openDialog({}, { signals });
    expect(consent.getState().decided).toBe(true);
    // The first paragraph, right under the title.
    const signal = dialog()!.querySelector('p')!;
    expect(signal.textContent).toBe(`Your browser sent a ${name} signal, so we have switched off every optional category. You can still switch one on here.`);
  });

  it('stops saying so once an explicit choice overrides the signal', async () => {
    const { consent, named, button, dialog } = await openDialog({}, { signals: { globalPrivacyControl: true } });
    named('Analytics').click();
    await flush();
    button('Save preferences')!.click();
    consent.showPreferences();
    await flush();
    expect(consent.getState().method).toBe('custom');
    expect(dialog()!.textContent).not.toContain('Your browser sent');
  });

  it('says nothing about signals when there were none', async () => {
    const { dialog } = await openDialog();
    expect(dialog()!.textContent).not.toContain('Your browser sent');
  });
});

describe('focus and keyboard', () => {
  it('moves focus into the dialog, traps Tab, and Escape returns it to "Preferences"', async () => {
    const { button, dialog, consent, region } = mount();
    button('Preferences')!.focus();
    button('Preferences')!.click();
    await flush();
    const d = dialog()!;
    expect(d.contains(focused())).toBe(true);

    const first = button('Close', '[role="dialog"]')!;
    const last = button('Save preferences')!;
    last.focus();
    expect(press('Tab').defaultPrevented).toBe(true);
    expect(focused()).toBe(first);
    expect(press('Tab', true).defaultPrevented).toBe(true);
    expect(focused()).toBe(last);
    // In the middle, the browser moves focus itself.
    first.focus();
    expect(press('Tab').defaultPrevented).toBe(false);

    // jsdom lets inert elements take focus; a browser does not. Record where focus() lands.
    const inertAtFocus: boolean[] = [];
    const focus = HTMLElement.prototype.focus;
    vi.spyOn(HTMLElement.prototype, 'focus').mockImplementation(function (this: HTMLElement) {
      inertAtFocus.push(!!this.closest('[inert]'));
      focus.call(this);
    });
    press('Escape');
    await flush();
    expect(inertAtFocus).toEqual([false]);
    expect(dialog()).toBeNull();
    expect(consent.getState().decided).toBe(false);
    expect(consent.getView()).toBe('banner');
    expect(region()!.hasAttribute('inert')).toBe(false);
    expect(focused()).toBe(button('Preferences'));
  });

  it('brings focus back in when it was lost to the page', async () => {
    const { dialog, button } = mount();
    button('Preferences')!.click();
    await flush();
    (document.activeElement as HTMLElement).blur();
    press('Tab');
    expect(dialog()!.contains(focused())).toBe(true);
  });

  it('returns focus to a page control that opened it, and closes to nothing once decided', async () => {
    const link = document.createElement('a');
    link.href = '#';
    link.textContent = 'Cookie settings';
    document.body.append(link);
    const { consent, dialog } = mount({}, { stored: record(['necessary']) });
    link.focus();
    consent.showPreferences();
    await flush();
    expect(focused()).not.toBe(link);
    press('Escape');
    await flush();
    expect(dialog()).toBeNull();
    expect(consent.getView()).toBe(null);
    expect(focused()).toBe(link);
  });

  it('gives every control an accessible name', async () => {
    const { $$, root } = await openDialog();
    for (const el of $$('button, a, summary')) {
      const by = el.getAttribute('aria-labelledby');
      const name = by ? root.getElementById(by)?.textContent : (el.getAttribute('aria-label') ?? el.textContent);
      expect(name?.trim(), el.outerHTML).toBeTruthy();
    }
  });
});
