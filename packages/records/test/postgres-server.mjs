// A throwaway PostgreSQL server for the integration tests: initdb into a temporary directory,
// pg_ctl start on a free port on 127.0.0.1, stop (and start again: the fault test), destroy.
// As root it runs as the `postgres` system user (PostgreSQL refuses to run as root).
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const CI = /^(1|true|yes)$/i.test(process.env.CI ?? '');

/** Where initdb and pg_ctl are: PG_BIN, else the newest Debian /usr/lib/postgresql/<n>/bin. */
export function findPostgres() {
  if (process.env.PG_BIN) return existsSync(join(process.env.PG_BIN, 'pg_ctl')) ? process.env.PG_BIN : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : null;
}

/**
 * Why the PostgreSQL tests cannot run here, or null when they can. In CI they must run, so the
 * caller fails instead of skipping.
 */
export function postgresSkipReason() {
  if (findPostgres()) return null;
  return 'PostgreSQL tests skipped: initdb/pg_ctl not found (install Debian\'s postgresql: apt-get install postgresql, or set PG_BIN)';
}

const freePort = () =>
  new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });

export async function startPostgres() {
  const bin = findPostgres();
  if (!bin) throw new Error(postgresSkipReason());
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'consentinel-pg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout), Number(gid));
    chmodSync(dir, 0o700);
  }
  const as = (command, args) => (asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args]) : run(join(bin, command), args));
  await as('initdb', ['-D', data, '-U', 'consentinel', '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
  let port;
  const start = async () => {
    for (let attempt = 0; ; attempt++) {
      port ??= await freePort();
      try {
        await as('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`, 'start']);
        return;
      } catch (error) {
        // Someone took the port between the probe and the start: another one.
        if (attempt >= 3) throw error;
        port = undefined;
      }
    }
  };
  await start();
  const url = () => `postgres://consentinel@127.0.0.1:${port}/postgres`;
  return {
    get url() {
      return url();
    },
    /** Stop at once, as a crash or an operator would (open connections are cut). */
    stop: () => as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']),
    start,
    async destroy() {
      await as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
