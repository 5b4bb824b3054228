// @consentinel/records: the receiver of consentinel's consent log.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { openDatabase } from './database.mjs';
import { createStore } from './store.mjs';
import { createRecordsHandler } from './handler.mjs';
import { toNodeListener } from './node.mjs';
import { categoriesOf } from './validate.mjs';

export { openDatabase, DatabaseUnavailableError, DEFAULT_DATA_DIR } from './database.mjs';
export { createStore, recordHash, GENESIS_HASH } from './store.mjs';
export { createRecordsHandler } from './handler.mjs';
export { toNodeListener, toRequest, writeResponse } from './node.mjs';
export { parseRecord, categoriesOf, InvalidRecordError, MAX_BODY_BYTES, METHODS } from './validate.mjs';
export { migrate, MIGRATIONS } from './migrations.mjs';
export { toCsv, toJsonLines, verifyJsonLines } from './export.mjs';

/**
 * Everything from the environment and options: open the database, migrate it, and return the
 * handler. `DATABASE_URL` picks PostgreSQL; otherwise PGlite in `dataDir`.
 * @param {object} [options]
 * @param {string} [options.databaseUrl] default process.env.DATABASE_URL
 * @param {string} [options.dataDir] PGlite directory, default CONSENTINEL_RECORDS_DIR or .consentinel-records
 * @param {boolean} [options.memory] PGlite in memory (tests)
 * @param {string[]} [options.origins] default CONSENTINEL_RECORDS_ORIGINS (comma-separated)
 * @param {string} [options.token] default CONSENTINEL_RECORDS_TOKEN
 * @param {string | object} [options.siteConfig] the site's consentinel config (a path to JSON, or the object)
 * @param {string} [options.basePath]
 * @param {object | false} [options.rateLimit]
 * @param {(line: string) => void} [options.log]
 * @param {() => number} [options.now]
 */
export async function createRecordsService(options = {}) {
  const env = process.env;
  const db = await openDatabase({
    databaseUrl: options.databaseUrl ?? env.DATABASE_URL,
    dataDir: options.dataDir ?? env.CONSENTINEL_RECORDS_DIR,
    memory: options.memory,
  });
  try {
    const store = createStore(db, { now: options.now });
    await store.migrate();
    const siteConfig = typeof options.siteConfig === 'string' ? JSON.parse(readFileSync(options.siteConfig, 'utf8')) : options.siteConfig;
    const origins = options.origins ?? (env.CONSENTINEL_RECORDS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    for (const origin of origins) {
      if (new URL(origin).origin !== origin) throw new TypeError(`origins: "${origin}" is not an origin (scheme://host[:port], no path)`);
    }
    const handler = createRecordsHandler({
      store,
      origins,
      token: options.token ?? env.CONSENTINEL_RECORDS_TOKEN ?? '',
      categories: siteConfig ? categoriesOf(siteConfig) : null,
      basePath: options.basePath,
      rateLimit: options.rateLimit,
      log: options.log,
      now: options.now,
    });
    return { store, handler, nodeListener: (adapterOptions) => toNodeListener(handler, adapterOptions), close: () => store.close() };
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}

/** A standalone server (what `consentinel-records serve` runs). Resolves once it listens. */
export async function startRecordsServer({ port = 8787, host = '127.0.0.1', trustProxy = false, ...options } = {}) {
  const service = await createRecordsService(options);
  const server = createServer(service.nodeListener({ trustProxy }));
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const address = server.address();
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}${options.basePath ?? '/'}`;
  return {
    ...service,
    server,
    port: address.port,
    url,
    async close() {
      server.closeAllConnections?.();
      await new Promise((ok) => server.close(() => ok()));
      await service.close();
    },
  };
}
