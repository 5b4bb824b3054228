// src/browser/language-files.ts: the script tag's one loader of the built-in languages.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { languageFiles } from '../../src/browser/language-files';

afterEach(() => vi.unstubAllGlobals());

describe('languageFiles(base)', () => {
  it('fetches <base>i18n/<code>.json once, however many parts ask', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ banner: { title: 'Küpsised' } })));
    vi.stubGlobal('fetch', fetch);
    const load = languageFiles('https://cdn.test/consentinel/');
    const [a, b] = await Promise.all([load('et'), load('et')]);
    expect(a).toEqual({ banner: { title: 'Küpsised' } });
    expect(b).toBe(a);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith('https://cdn.test/consentinel/i18n/et.json');
  });

  it('rejects on an error answer, and tries again on the next call', async () => {
    const fetch = vi.fn(async () => new Response('no', { status: 404 })).mockImplementationOnce(async () => new Response('no', { status: 503 }));
    vi.stubGlobal('fetch', fetch);
    const load = languageFiles('/dist/');
    await expect(load('de')).rejects.toThrow(/^503/);
    await expect(load('de')).rejects.toThrow(/^404/);
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
