// Consent-records benchmark: records stored per second and request latency (p50, p99), over
// HTTP on loopback, for embedded PGlite (files in a temporary directory) and for a throwaway
// PostgreSQL server (skipped when PostgreSQL is not installed). The service runs as
// `consentinel-records serve` in a process of its own, as in production, so the load generator
// does not share its thread. Every record is a distinct, valid body as the browser sends it; a
// 201 means committed.
//
//   npm run bench:records
//   RECORDS_BENCH_CLIENTS=50 RECORDS_BENCH_PER_CLIENT=100 node packages/records/bench/records-bench.mjs
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeRecord, pool } from '../test/helpers.mjs';
import { postgresSkipReason, startPostgres } from '../test/postgres-server.mjs';

const CLIENTS = Number(process.env.RECORDS_BENCH_CLIENTS ?? 50);
const PER_CLIENT = Number(process.env.RECORDS_BENCH_PER_CLIENT ?? 100);
const SEQUENTIAL = Number(process.env.RECORDS_BENCH_SEQUENTIAL ?? 500);

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function measure(service, clients, total) {
  const bodies = Array.from({ length: total }, () => makeRecord());
  const latencies = [];
  const started = performance.now();
  await pool(bodies, clients, async (body) => {
    const t0 = performance.now();
    const response = await service.post(body);
    await response.arrayBuffer();
    if (response.status !== 201) throw new Error(`expected 201, got ${response.status}`);
    latencies.push(performance.now() - t0);
  });
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { clients, records: total, perSecond: total / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

const CLI = fileURLToPath(new URL('../bin/consentinel-records.mjs', import.meta.url));
const TOKEN = randomBytes(16).toString('hex');

/** `consentinel-records serve` on a free port; resolves with its URL and a stop function. */
function serve(args, env = {}) {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--rate-limit', '0', ...args], {
    env: { ...process.env, CONSENTINEL_RECORDS_TOKEN: TOKEN, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /consentinel-records on (http:\/\/\S+)/.exec(output);
      if (match) {
        child.stdout.removeAllListeners('data');
        child.stdout.resume();
        resolve({ url: match[1], stop: () => new Promise((done) => (child.once('exit', done), child.kill('SIGTERM'))) });
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
}

async function bench(name, args, env) {
  const server = await serve(args, env);
  const service = { post: (body) => fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) };
  try {
    await measure(service, 10, 200); // warm-up: connections, JIT, the database's caches
    const rows = [await measure(service, 1, SEQUENTIAL), await measure(service, CLIENTS, CLIENTS * PER_CLIENT)];
    const verify = await (await fetch(new URL('verify', server.url), { headers: { authorization: `Bearer ${TOKEN}` } })).json();
    if (verify.ok !== true) throw new Error('the chain does not verify after the run');
    return rows.map((row) => ({ backend: name, ...row }));
  } finally {
    await server.stop();
  }
}

const results = [];
const dir = mkdtempSync(join(tmpdir(), 'consentinel-bench-'));
try {
  results.push(...(await bench('PGlite (files)', ['--data-dir', join(dir, 'pglite')])));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const skip = postgresSkipReason();
if (skip) console.log(skip.replace('tests', 'benchmark'));
else {
  const postgres = await startPostgres();
  try {
    results.push(...(await bench('PostgreSQL', [], { DATABASE_URL: postgres.url })));
  } finally {
    await postgres.destroy();
  }
}

const table = [
  '| database | concurrent clients | records | records/s | p50 latency | p99 latency |',
  '|---|--:|--:|--:|--:|--:|',
  ...results.map((r) => `| ${r.backend} | ${r.clients} | ${r.records} | ${Math.round(r.perSecond)} | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms |`),
].join('\n');
// The load average says how busy the machine was: figures from a shared machine vary with it.
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${loadavg()[0].toFixed(1)}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
console.log(`\nconsent records over HTTP on loopback (${machine})\n\n${table}\n`);
writeFileSync(fileURLToPath(new URL('./latest.md', import.meta.url)), `# Consent-records benchmark\n\n${machine}. \`npm run bench:records\`.\n\n${table}\n`);
