// src/browser/consent-log.ts (and its on-demand chunk): each decision POSTed to consentLog.endpoint,
// kept in localStorage until the endpoint answers 2xx, resent on later pages; reset() is a withdrawal.
import { describe, expect, it, vi, beforeEach, afterEach } from 'vitest';
import { RECORD, useInstances } from './instances';

const ID = /^[0-9a-f]{32}$/;
const { instances, make, cookies, setNavigator } = useInstances();
/** Long enough for a lazily loaded part (a dynamic import) to arrive and act. */
const settle = () => new Promise((r) => setTimeout(r, 100));

describe('consent log', () => {
  const endpoint = '/api/consent-log';
  const QUEUE = 'consentinel:log';
  type Init = RequestInit & { body: string };
  /** fetch answering each POST with the next status of `statuses` (the last one repeats). */
  const endpointAnswering = (...statuses: number[]) => {
    const fetch = vi.fn(async (_url: string, _init: Init) => new Response(null, { status: statuses.length > 1 ? statuses.shift()! : statuses[0]! }));
    vi.stubGlobal('fetch', fetch);
    return fetch;
  };
  const bodies = (fetch: ReturnType<typeof endpointAnswering>) => fetch.mock.calls.map(([, init]) => JSON.parse(init.body));
  const queued = () => JSON.parse(localStorage.getItem(QUEUE) ?? '[]').map((body: string) => JSON.parse(body));
  beforeEach(() => localStorage.clear());
  afterEach(() => localStorage.clear());

  it('POSTs each decision as JSON with fetch (keepalive): record id, consent id, revision, method, categories, language, times', async () => {
    const beacon = vi.fn(() => true);
    setNavigator('sendBeacon', beacon);
    const fetch = endpointAnswering(201);
    const c = make({ consentLog: { endpoint }, revision: 3 }, { now: () => Date.UTC(2026, 0, 2, 3, 4, 5) });
    await settle();
    expect(fetch).not.toHaveBeenCalled();
    c.save({ analytics: true });
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(endpoint);
    expect(init).toMatchObject({ method: 'POST', keepalive: true, headers: { 'content-type': 'application/json' } });
    const [body] = bodies(fetch);
    expect(body).toEqual({
      recordId: expect.stringMatching(ID),
      id: c.getState().id,
      revision: 3,
      method: 'custom',
      granted: ['necessary', 'analytics'],
      refused: ['affiliate', 'advertising'],
      language: 'en',
      decidedAt: '2026-01-02T03:04:05.000Z',
      createdAt: '2026-01-02T03:04:05.000Z',
      signals: { doNotTrack: false, globalPrivacyControl: false },
      url: location.origin + location.pathname,
    });
    expect(body.recordId).not.toBe(body.id);
    // sendBeacon cannot tell whether the endpoint stored the record, so it is not used.
    expect(beacon).not.toHaveBeenCalled();
    c.rejectAll();
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));
    const [first, second] = bodies(fetch);
    expect(second.id).toBe(first.id);
    expect(second.recordId).not.toBe(first.recordId);
    await vi.waitFor(() => expect(localStorage.getItem(QUEUE)).toBeNull());
  });

  it('uses the configured language', async () => {
    const fetch = endpointAnswering(201);
    make({ consentLog: { endpoint }, language: 'et' }).acceptAll();
    await vi.waitFor(() => expect(fetch).toHaveBeenCalled());
    expect(bodies(fetch)[0].language).toBe('et');
  });

  it('sends nothing at start-up for a returning visitor, nor for a decision made in another tab', async () => {
    make().acceptAll();
    const fetch = endpointAnswering(201);
    const a = make({ consentLog: { endpoint } });
    make({ consentLog: { endpoint } });
    await settle();
    expect(fetch).not.toHaveBeenCalled();
    a.rejectAll();
    await vi.waitFor(() => expect(fetch).toHaveBeenCalled());
    await settle();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('a failing fetch is reported, never throws into the page, and the decision is kept for later', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
    const c = make({ consentLog: { endpoint } });
    expect(() => c.acceptAll()).not.toThrow();
    expect(c.isGranted('analytics')).toBe(true);
    await vi.waitFor(() => expect(error.mock.calls.some((a) => String(a[0]).startsWith('[consentinel] consentLog.endpoint'))).toBe(true));
    expect(queued()).toMatchObject([{ id: c.getState().id, method: 'accept-all' }]);
  });

  it('a decision whose POST got no 2xx is sent again on a later page, with the same record id, until one comes; then it is forgotten', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    let fetch = endpointAnswering(503);
    const first = make({ consentLog: { endpoint } });
    first.save({ analytics: true });
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    await settle();
    const [sent] = bodies(fetch);
    expect(queued()).toEqual([sent]);
    first.destroy();

    // A later page, the endpoint still down: sent again at start, still kept.
    fetch = endpointAnswering(500);
    make({ consentLog: { endpoint } }).destroy();
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    await settle();
    expect(bodies(fetch)).toEqual([sent]);
    expect(queued()).toEqual([sent]);

    // The endpoint is back: one resend, the same record, and the queue is gone.
    fetch = endpointAnswering(200);
    make({ consentLog: { endpoint } });
    await vi.waitFor(() => expect(localStorage.getItem(QUEUE)).toBeNull());
    expect(bodies(fetch)).toEqual([sent]);

    // Nothing left: the next page sends nothing.
    fetch = endpointAnswering(201);
    make({ consentLog: { endpoint } });
    await settle();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('keeps at most five unsent decisions, the newest', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const fetch = endpointAnswering(503);
    const c = make({ consentLog: { endpoint } });
    for (let i = 0; i < 7; i++) c.save({ analytics: i % 2 === 0 });
    await vi.waitFor(() => expect(fetch.mock.calls.length).toBeGreaterThanOrEqual(7));
    await settle();
    const kept = queued();
    expect(kept).toHaveLength(5);
    const recordIds = new Set(bodies(fetch).map((b) => b.recordId));
    expect(recordIds.size).toBe(7);
    // The last decision (i = 6: analytics on) is among those kept.
    expect(kept.at(-1).granted).toEqual(['necessary', 'analytics']);
  });

  it('a fetch that throws at once (or no fetch at all) is reported, never an unhandled rejection, and the decision still holds', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.stubGlobal('fetch', undefined);
    const c = make({ consentLog: { endpoint } });
    const fn = vi.fn();
    c.subscribe(fn);
    expect(() => c.acceptAll()).not.toThrow();
    expect(fn).toHaveBeenCalledTimes(1);
    expect(cookies().consentinel).toMatch(RECORD);
    await vi.waitFor(() => expect(error.mock.calls.some((a) => String(a[0]).startsWith('[consentinel]'))).toBe(true));
  });

  it('reset() is recorded as a withdrawal of the consent id it forgets', async () => {
    const fetch = endpointAnswering(201);
    const c = make({ consentLog: { endpoint } });
    c.acceptAll();
    const { id, createdAt } = c.getState();
    c.reset();
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));
    const [decision, withdrawal] = bodies(fetch);
    expect(decision.method).toBe('accept-all');
    expect(withdrawal).toMatchObject({ id, method: 'withdrawal', createdAt: new Date(createdAt!).toISOString(), granted: ['necessary'], refused: ['analytics', 'affiliate', 'advertising'] });
    expect(withdrawal.recordId).toMatch(ID);
    expect(Date.parse(withdrawal.decidedAt)).toBeGreaterThanOrEqual(createdAt!);
    // A second reset has nothing left to withdraw.
    c.reset();
    await settle();
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('a reset() on a later page, before the log code was ever loaded, withdraws the stored decision', async () => {
    make().acceptAll();
    const id = instances[0]!.getState().id;
    const fetch = endpointAnswering(201);
    const later = make({ consentLog: { endpoint } });
    await settle();
    expect(fetch).not.toHaveBeenCalled();
    later.reset();
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    expect(bodies(fetch)[0]).toMatchObject({ id, method: 'withdrawal' });
  });

  // Bug: reset() ran the parts with source 'user', so src/browser/consent-log.ts POSTed the
  // undecided state as a decision: id null, method null, createdAt/decidedAt "1970-01-01T00:00:00.000Z".
  it('never sends a record without a consent id and a real decision time', async () => {
    expect.hasAssertions();
    const fetch = endpointAnswering(201);
    const c = make({ consentLog: { endpoint } });
    c.reset();
    c.acceptAll();
    c.reset();
    c.reset();
    await vi.waitFor(() => expect(fetch).toHaveBeenCalled());
    await settle();
    for (const body of bodies(fetch)) {
      expect({ id: body.id, method: body.method, decidedAt: body.decidedAt }).toEqual({ id: expect.stringMatching(ID), method: expect.any(String), decidedAt: expect.not.stringMatching(/^1970-/) });
    }
    expect(bodies(fetch).map((b) => b.method)).toEqual(['accept-all', 'withdrawal']);
  });
});
