// @vitest-environment node
import { describe, expect, it } from 'vitest';

describe('on a server', () => {
  it('importing the UI entries touches nothing, and mounting is a no-op', async () => {
    const { mountConsentUI } = await import('../../src/ui');
    const { createConsent } = await import('../../src/create-consent');
    const consent = createConsent({});
    const unmount = mountConsentUI(consent);
    expect(typeof unmount).toBe('function');
    expect(unmount()).toBeUndefined();
  });
});
