import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { createRecordsService } from '../src/index.mjs';

export const hex = () => randomBytes(16).toString('hex');

/** A body as consentinel's consent log sends it (src/browser/consent-log.ts). */
export function makeRecord(overrides = {}) {
  const now = new Date(Date.now() - 1000).toISOString();
  return {
    recordId: hex(),
    id: hex(),
    createdAt: now,
    decidedAt: now,
    revision: 1,
    method: 'custom',
    granted: ['necessary', 'analytics'],
    refused: ['affiliate', 'advertising'],
    language: 'en',
    signals: { doNotTrack: false, globalPrivacyControl: false },
    url: 'https://www.example.com/pricing',
    ...overrides,
  };
}

export const SITE = { categories: { necessary: { required: true }, analytics: {}, affiliate: {}, advertising: {} } };
export const TOKEN = 'test-read-token-' + hex();

/** The service over real HTTP on 127.0.0.1 (port 0), as a site would reach it. */
export async function startService(options = {}) {
  const service = await createRecordsService({ memory: !options.databaseUrl && !options.dataDir, token: TOKEN, rateLimit: false, ...options });
  const server = createServer(service.nodeListener());
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}${options.basePath ?? '/'}`;
  return {
    ...service,
    url,
    post: (body, init = {}) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...init.headers }, body: typeof body === 'string' ? body : JSON.stringify(body), ...init.fetch }),
    read: (path, headers = { authorization: `Bearer ${TOKEN}` }) => fetch(new URL(path, url), { headers }),
    async close() {
      server.closeAllConnections?.();
      await new Promise((ok) => server.close(ok));
      await service.close();
    },
  };
}

/** Run `fn` for each of `count` items with at most `limit` in flight. */
export async function pool(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await fn(items[index], index);
      }
    }),
  );
  return results;
}
