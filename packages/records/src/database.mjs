// One small interface over the two databases the service runs on, so every query is written once:
//   query(sql, params) → rows;  transaction(fn) → fn({ query, exec }) inside BEGIN … COMMIT;
//   close(). `exec` runs a script of several statements without parameters (migrations only).
// PGlite (PostgreSQL compiled to WASM, files in a directory) is the embedded default, so nothing
// needs installing; node-postgres talks to a real server through DATABASE_URL in production.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const DEFAULT_DATA_DIR = '.consentinel-records';

/** The database is down or unreachable: the service answers 503 and nothing is claimed stored. */
export class DatabaseUnavailableError extends Error {
  constructor(cause) {
    super('the records database is unavailable', { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

// SQLSTATE classes that mean "the server is not there or not serving": connection exceptions
// (08), insufficient resources (53), operator intervention such as a shutdown (57), system errors (58).
const UNAVAILABLE_SQLSTATE = /^(08|53|57|58)/;
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);

export function isUnavailable(error) {
  if (!error || typeof error !== 'object') return false;
  if (error instanceof DatabaseUnavailableError) return true;
  if (typeof error.code === 'string' && (UNAVAILABLE_SQLSTATE.test(error.code) || UNAVAILABLE_NODE_CODES.has(error.code))) return true;
  // node-postgres reports a connection that died or never came with plain Errors.
  return /Connection terminated|connection timeout|Client has encountered a connection error|Connection ended unexpectedly|timeout exceeded when trying to connect/i.test(String(error.message));
}

/**
 * Open the database described by `options`: `databaseUrl` (PostgreSQL) or `dataDir` (PGlite).
 * @param {{ databaseUrl?: string, dataDir?: string, memory?: boolean, poolSize?: number }} options
 */
export async function openDatabase(options = {}) {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize);
  return openPglite(options.memory ? null : resolve(options.dataDir ?? DEFAULT_DATA_DIR));
}

async function openPostgres(url, poolSize = 10) {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // A database that is down must turn into a quick 503, not a request that hangs.
    connectionTimeoutMillis: 3000,
    query_timeout: 10000,
    idleTimeoutMillis: 10000,
  });
  // An idle client whose server went away emits 'error' on the pool; without a listener Node
  // would crash the whole service. The next query reports the outage instead.
  pool.on('error', () => {});
  const wrap = async (run) => {
    try {
      return await run();
    } catch (error) {
      throw isUnavailable(error) ? new DatabaseUnavailableError(error) : error;
    }
  };
  return {
    kind: 'postgresql',
    describe: () => describeUrl(url),
    query: (sql, params = []) => wrap(async () => (await pool.query(sql, params)).rows),
    transaction: (fn) =>
      wrap(async () => {
        const client = await pool.connect();
        let broken = false;
        // A connection that dies mid-transaction is reported on the client as well as to the
        // pending query; without a listener that report would crash the process.
        const onError = () => (broken = true);
        client.on('error', onError);
        try {
          await client.query('BEGIN');
          const result = await fn({
            query: async (sql, params = []) => (await client.query(sql, params)).rows,
            exec: async (sql) => void (await client.query(sql)),
          });
          await client.query('COMMIT');
          return result;
        } catch (error) {
          broken = isUnavailable(error);
          if (!broken) await client.query('ROLLBACK').catch(() => (broken = true));
          throw error;
        } finally {
          client.off('error', onError);
          // A client whose connection failed is destroyed rather than handed to the next request.
          client.release(broken || undefined);
        }
      }),
    close: () => pool.end(),
  };
}

/** The host and database of a URL, without the password, for messages. */
function describeUrl(url) {
  try {
    const u = new URL(url);
    return `PostgreSQL ${u.hostname}${u.port ? ':' + u.port : ''}${u.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

async function openPglite(dir) {
  const { PGlite } = await import('@electric-sql/pglite');
  let release = () => {};
  if (dir) {
    mkdirSync(dir, { recursive: true });
    release = lockDirectory(dir);
  }
  let db;
  try {
    db = await PGlite.create(dir ?? undefined);
  } catch (error) {
    release();
    throw error;
  }
  let closed = false;
  const guard = () => {
    if (closed) throw new DatabaseUnavailableError(new Error('database closed'));
  };
  return {
    kind: 'pglite',
    describe: () => (dir ? `PGlite ${dir}` : 'PGlite (in memory)'),
    query: async (sql, params = []) => (guard(), (await db.query(sql, params)).rows),
    // PGlite runs one transaction at a time; concurrent calls wait their turn.
    transaction: async (fn) => (guard(), db.transaction((tx) => fn({ query: async (sql, params = []) => (await tx.query(sql, params)).rows, exec: async (sql) => void (await tx.exec(sql)) }))),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await db.close();
      } finally {
        release();
      }
    },
  };
}

/**
 * PGlite is a single-process database: two processes writing one directory would corrupt it. A
 * lock file with the owner's pid keeps a second process out (a stale lock of a dead process is
 * taken over), with a message saying what to do instead.
 */
function lockDirectory(dir) {
  const file = join(dir, 'consentinel.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => {
        process.off('exit', release);
        rmSync(file, { force: true });
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8'));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new Error(
          `the data directory ${dir} is in use by process ${owner} (a running records service or demo server). ` +
            'Stop it first, or ask the running service over HTTP with --url <its records URL> and CONSENTINEL_RECORDS_TOKEN.',
        );
      }
      if (owner === process.pid) throw new Error(`the data directory ${dir} is already open in this process`);
      rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock the data directory ${dir}`);
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}
