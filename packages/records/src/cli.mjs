// consentinel-records: serve | migrate | show <consent-id> | export | verify | purge | stats
import { parseArgs } from 'node:util';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { openDatabase } from './database.mjs';
import { createStore } from './store.mjs';
import { csvHeader, csvLine, jsonLine } from './export.mjs';
import { startRecordsServer } from './index.mjs';

const USAGE = `usage: consentinel-records <command> [options]

commands:
  serve                      run the service (POST records; token-protected reads; /stats)
  migrate                    create or update the schema
  show <consent-id>          every record of one consent id (a visitor's access request)
  export [--format csv|jsonl] [--since YYYY-MM-DD] [--output file]
                             all records in chain order, hashes included (for an auditor)
  verify                     walk the hash chain; exit 1 if a record was changed, removed or moved
  purge --older-than <age>   delete records received before <age> ago (400d, 13m, 2y) or a date
  stats [--days 30]          consent rates per day and per category

database (one of):
  DATABASE_URL=postgres://…  PostgreSQL (production; several instances may share it)
  --data-dir <dir>           PGlite files (default CONSENTINEL_RECORDS_DIR or .consentinel-records)

serve options:
  --port 8787 --host 127.0.0.1 --base-path /   where to listen and mount
  --origin https://www.example.com            a site allowed to POST (repeat; or CONSENTINEL_RECORDS_ORIGINS)
  --site-config consent.json                  refuse categories the site does not declare
  --trust-proxy                               client address from X-Forwarded-For (behind your proxy only)
  --rate-limit 60                             requests per minute per client (bursts of half that); 0 turns it off
  reads need CONSENTINEL_RECORDS_TOKEN (Authorization: Bearer <token>)

read a running service instead of the database (show, export, verify, stats):
  --url http://host:port/base/               with CONSENTINEL_RECORDS_TOKEN set
`;

const OPTIONS = {
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  url: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'base-path': { type: 'string' },
  origin: { type: 'string', multiple: true },
  'site-config': { type: 'string' },
  'trust-proxy': { type: 'boolean' },
  'rate-limit': { type: 'string' },
  format: { type: 'string' },
  since: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'older-than': { type: 'string' },
  days: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

class UsageError extends Error {}

/** Parse "400d", "13m", "2y", "12w" or a date into the cut-off time. */
export function parseAge(text, now = Date.now()) {
  const match = /^(\d+)\s*([dwmy])$/.exec(text ?? '');
  if (match) {
    const n = Number(match[1]);
    const date = new Date(now);
    if (match[2] === 'd') date.setUTCDate(date.getUTCDate() - n);
    if (match[2] === 'w') date.setUTCDate(date.getUTCDate() - 7 * n);
    if (match[2] === 'm') date.setUTCMonth(date.getUTCMonth() - n);
    if (match[2] === 'y') date.setUTCFullYear(date.getUTCFullYear() - n);
    return date;
  }
  if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/.test(text ?? '') && Number.isFinite(Date.parse(text))) return new Date(text);
  throw new UsageError(`--older-than: expected an age like 400d, 13m or 2y, or a date like 2025-01-31 (got ${JSON.stringify(text ?? '')})`);
}

async function withStore(values, fn, { migrateFirst = true } = {}) {
  const db = await openDatabase({ databaseUrl: values['database-url'] ?? process.env.DATABASE_URL, dataDir: values['data-dir'] ?? process.env.CONSENTINEL_RECORDS_DIR });
  try {
    const store = createStore(db);
    if (migrateFirst) await store.migrate();
    return await fn(store);
  } finally {
    await db.close();
  }
}

/** GET one read endpoint of a running service. */
async function remote(values, path) {
  const token = process.env.CONSENTINEL_RECORDS_TOKEN;
  if (!token) throw new UsageError('--url needs CONSENTINEL_RECORDS_TOKEN in the environment (the read token of that service)');
  const base = values.url.endsWith('/') ? values.url : values.url + '/';
  const response = await fetch(new URL(path, base), { headers: { authorization: `Bearer ${token}` } });
  if (response.status === 401) throw new Error(`${base}: the token was refused`);
  return response;
}

const write = (out, text) => (out.write(text) ? undefined : once(out, 'drain'));

function printRecords(out, consentId, records) {
  if (!records.length) {
    out.write(`no records for consent id ${consentId}\n`);
    return 1;
  }
  out.write(`${records.length} record(s) for consent id ${consentId}:\n`);
  for (const r of records) {
    out.write(
      `\n#${r.seq} ${r.method} — decided ${r.decidedAt}, received ${r.receivedAt}\n` +
        `  granted: ${r.granted.join(', ') || '(none)'}\n  refused: ${r.refused.join(', ') || '(none)'}\n` +
        `  revision ${r.revision}, language ${r.language}, first decision ${r.createdAt}\n` +
        `  page ${r.pageOrigin}${r.pagePath}${r.gpc || r.dnt ? `, signals: ${[r.gpc && 'Global Privacy Control', r.dnt && 'Do Not Track'].filter(Boolean).join(', ')}` : ''}\n` +
        `  record ${r.recordId}, hash ${r.hash}\n`,
    );
  }
  return 0;
}

function printVerify(out, result) {
  if (result.ok) out.write(`chain intact: ${result.checked} record(s) checked${result.purgedThrough ? ` (records up to #${result.purgedThrough} were purged)` : ''}\nhead #${result.headSeq} ${result.headHash}\n`);
  else {
    out.write(`CHAIN BROKEN: ${result.problems.length} problem(s) in ${result.checked} record(s)\n`);
    for (const p of result.problems) out.write(`  #${p.seq}: ${p.problem}\n`);
  }
  return result.ok ? 0 : 1;
}

function printStats(out, stats) {
  const t = stats.totals;
  const decisions = t.total - t.withdrawal;
  const pct = (n) => (decisions ? `${Math.round((n / decisions) * 100)}%` : '–');
  out.write(`${stats.from} – ${stats.to} (UTC): ${t.total} record(s)\n`);
  out.write(`  accepted all ${t['accept-all']} (${pct(t['accept-all'])}), custom ${t.custom} (${pct(t.custom)}), rejected all ${t['reject-all']} (${pct(t['reject-all'])}), withdrawn ${t.withdrawal}, refused by a signal ${t.signal} (${pct(t.signal)})\n`);
  for (const c of stats.categories) out.write(`  ${c.category.padEnd(16)} granted ${String(Math.round(c.rate * 100)).padStart(3)}% (${c.granted} of ${c.granted + c.refused})\n`);
  return 0;
}

/** Run the CLI; resolves to the exit code (serve resolves when the server stops). */
export async function main(argv, { out = process.stdout, err = process.stderr } = {}) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    err.write(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    (command || values.help ? out : err).write(USAGE);
    return values.help ? 0 : 2;
  }
  try {
    switch (command) {
      case 'serve': {
        const port = values.port === undefined ? Number(process.env.PORT ?? 8787) : Number(values.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: expected 0–65535 (got ${values.port})`);
        const perMinute = values['rate-limit'] === undefined ? 60 : Number(values['rate-limit']);
        if (!Number.isInteger(perMinute) || perMinute < 0) throw new UsageError(`--rate-limit: expected a whole number of requests per minute, 0 for none (got ${values['rate-limit']})`);
        const server = await startRecordsServer({
          rateLimit: perMinute === 0 ? false : { perMinute, burst: Math.max(1, Math.floor(perMinute / 2)) },
          port,
          host: values.host ?? process.env.HOST ?? '127.0.0.1',
          basePath: values['base-path'],
          origins: values.origin,
          siteConfig: values['site-config'],
          trustProxy: values['trust-proxy'],
          databaseUrl: values['database-url'],
          dataDir: values['data-dir'],
          log: (line) => out.write(`${new Date().toISOString()} ${line}\n`),
        });
        out.write(`consentinel-records on ${server.url} (${server.store.db.describe()})\n`);
        if (!process.env.CONSENTINEL_RECORDS_TOKEN) out.write('reads are off: set CONSENTINEL_RECORDS_TOKEN to read records, the stats and exports over HTTP\n');
        await new Promise((resolve) => {
          const stop = () => server.close().then(resolve);
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        return 0;
      }
      case 'migrate':
        return await withStore(values, async (store) => {
          const applied = await store.migrate();
          const { database } = await store.schemaVersion();
          out.write(applied.length ? `applied migration(s) ${applied.join(', ')}; schema version ${database} (${store.db.describe()})\n` : `schema up to date (version ${database}, ${store.db.describe()})\n`);
          return 0;
        }, { migrateFirst: false });
      case 'show': {
        const consentId = rest[0];
        if (!/^[0-9a-f]{32}$/.test(consentId ?? '')) throw new UsageError('show: expected a consent id (32 lowercase hex digits), as the preferences dialog shows it');
        if (values.url) {
          const response = await remote(values, `consents/${consentId}`);
          if (response.status === 404) return printRecords(out, consentId, []);
          if (!response.ok) throw new Error(`${values.url}: ${response.status} ${(await response.json()).error}`);
          const { records } = await response.json();
          return values.json ? (out.write(JSON.stringify(records, null, 2) + '\n'), 0) : printRecords(out, consentId, records);
        }
        return await withStore(values, async (store) => {
          const records = await store.show(consentId);
          if (values.json) return out.write(JSON.stringify(records, null, 2) + '\n'), records.length ? 0 : 1;
          return printRecords(out, consentId, records);
        });
      }
      case 'export': {
        const format = values.format ?? 'jsonl';
        if (format !== 'csv' && format !== 'jsonl') throw new UsageError('--format: expected csv or jsonl');
        if (values.since && !Number.isFinite(Date.parse(values.since))) throw new UsageError('--since: expected a date like 2026-01-31');
        const target = values.output ? createWriteStream(values.output) : out;
        if (values.url) {
          const response = await remote(values, `export?format=${format}`);
          if (!response.ok) throw new Error(`${values.url}: ${response.status}`);
          await write(target, await response.text());
        } else {
          await withStore(values, async (store) => {
            if (format === 'csv') await write(target, csvHeader());
            for await (const row of store.all({ since: values.since ? new Date(values.since).toISOString() : null })) await write(target, format === 'csv' ? csvLine(row) : jsonLine(row));
          });
        }
        if (target !== out) await new Promise((ok) => target.end(ok));
        return 0;
      }
      case 'verify': {
        if (values.url) {
          const response = await remote(values, 'verify');
          return printVerify(out, await response.json());
        }
        return await withStore(values, async (store) => printVerify(out, await store.verify()));
      }
      case 'purge': {
        const cutoff = parseAge(values['older-than']);
        return await withStore(values, async (store) => {
          const { removed, throughSeq } = await store.purge(cutoff);
          out.write(removed ? `purged ${removed} record(s) received before ${cutoff.toISOString()} (through #${throughSeq}); the chain still verifies from there\n` : `nothing received before ${cutoff.toISOString()}\n`);
          return 0;
        });
      }
      case 'stats': {
        const days = values.days === undefined ? 30 : Number(values.days);
        if (!Number.isInteger(days) || days < 1 || days > 366) throw new UsageError('--days: expected a whole number from 1 to 366');
        const stats = values.url ? await (await remote(values, `stats.json?days=${days}`)).json() : await withStore(values, (store) => store.stats({ days }));
        if (values.json) return out.write(JSON.stringify(stats, null, 2) + '\n'), 0;
        return printStats(out, stats);
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      err.write(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    err.write(`consentinel-records ${command}: ${error.name === 'DatabaseUnavailableError' ? `${error.message} (${error.cause?.message ?? ''})` : error.message}\n`);
    return 1;
  }
}
