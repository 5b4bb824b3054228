// Against a real PostgreSQL server that this file starts: several service instances sharing one
// database under load, and the database stopped in the middle of it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { CI, postgresSkipReason, startPostgres } from './postgres-server.mjs';
import { makeRecord, pool, startService } from './helpers.mjs';

const skip = postgresSkipReason();
if (skip && CI) throw new Error(`${skip}\n(CI=true: the PostgreSQL tests are mandatory in CI)`);
if (skip) console.log(`# ${skip}`);
const options = skip ? { skip } : {};

let postgres;
let databases = 0;
test.after(() => postgres?.destroy());

/** A fresh database on the shared test server, and its URL. */
async function freshDatabase() {
  postgres ??= await startPostgres();
  const name = `records_${++databases}`;
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return postgres.url.replace(/\/postgres$/, `/${name}`);
}

test('load: 50 concurrent clients × 100 records through two service instances on one PostgreSQL; each stored exactly once, one linear chain', options, async () => {
  const databaseUrl = await freshDatabase();
  // Two instances, as two processes behind a load balancer would be: each its own pool.
  const instances = [await startService({ databaseUrl }), await startService({ databaseUrl })];
  try {
    const clients = Array.from({ length: 50 }, (_, client) => Array.from({ length: 100 }, () => makeRecord({ url: `https://www.example.com/client/${client}` })));
    const statuses = await Promise.all(
      clients.map(async (records, client) => {
        const seen = [];
        for (const [index, record] of records.entries()) {
          const instance = instances[(client + index) % 2];
          seen.push((await instance.post(record)).status);
          // Every tenth record is sent a second time, to the other instance: a browser resend.
          if (index % 10 === 0) seen.push((await instances[(client + index + 1) % 2].post(record)).status === 200 ? 'duplicate' : 'stored twice?');
        }
        return seen;
      }),
    );
    const flat = statuses.flat();
    assert.equal(flat.filter((s) => s === 201).length, 5000);
    assert.equal(flat.filter((s) => s === 'duplicate').length, 500);
    assert.deepEqual([...new Set(flat)].sort(), [201, 'duplicate'].sort());
    const store = instances[0].store;
    const [{ rows, ids, first, last }] = await store.db.query(
      'SELECT count(*)::int AS rows, count(DISTINCT record_id)::int AS ids, min(seq)::int AS first, max(seq)::int AS last FROM consent_records',
    );
    assert.deepEqual({ rows, ids, first, last }, { rows: 5000, ids: 5000, first: 1, last: 5000 });
    const sent = new Set(clients.flat().map((r) => r.recordId));
    for await (const row of store.all()) assert.ok(sent.delete(row.recordId), `stored once: ${row.recordId}`);
    assert.equal(sent.size, 0, 'every record sent was stored');
    const verify = await store.verify();
    assert.deepEqual({ ok: verify.ok, checked: verify.checked, problems: verify.problems }, { ok: true, checked: 5000, problems: [] });
  } finally {
    for (const instance of instances) await instance.close();
  }
});

test('fault: PostgreSQL stopped in the middle of the load → 503s, no 201 lost; after the restart the resends are stored exactly once', options, async () => {
  const databaseUrl = await freshDatabase();
  const service = await startService({ databaseUrl });
  try {
    const records = Array.from({ length: 20 * 60 }, () => makeRecord());
    const outcome = new Map();
    let created = 0;
    let stopping = null;
    let restarted = false;
    await pool(records, 20, async (record) => {
      // Stop the database once a third of the records are in, while the rest keep coming.
      if (created >= 400 && !stopping) stopping = postgres.stop();
      const response = await service.post(record);
      outcome.set(record.recordId, response.status);
      if (response.status === 201) created++;
      if (response.status === 503) {
        assert.equal(response.headers.get('retry-after'), '5');
        assert.match((await response.json()).error, /database is unavailable/);
      }
      // Keep the outage going until a good share of the load has met it.
      if (stopping && !restarted && [...outcome.values()].filter((s) => s === 503).length >= 200) {
        await stopping;
        restarted = true;
        await postgres.start();
      }
    });
    await stopping;
    if (!restarted) await postgres.start();

    const statuses = [...outcome.values()];
    assert.deepEqual([...new Set(statuses)].filter((s) => s !== 201 && s !== 503), [], 'only 201 or 503, never another answer');
    const unavailable = records.filter((r) => outcome.get(r.recordId) === 503);
    assert.ok(unavailable.length >= 200, `the outage was met by ${unavailable.length} requests`);
    assert.ok(created >= 400, 'records were stored before the outage');

    // Every 201 is in the database after the restart (and its crash recovery).
    const stored = new Set();
    for await (const row of service.store.all()) stored.add(row.recordId);
    for (const record of records) if (outcome.get(record.recordId) === 201) assert.ok(stored.has(record.recordId), `201 but lost: ${record.recordId}`);

    // What the browsers do next: send the 503s again. A record that was committed just as the
    // connection died answers 200 (already stored), never a second row.
    const resent = await pool(unavailable, 20, async (record) => (await service.post(record)).status);
    assert.deepEqual([...new Set(resent)].filter((s) => s !== 201 && s !== 200), []);
    const [{ rows, ids }] = await service.store.db.query('SELECT count(*)::int AS rows, count(DISTINCT record_id)::int AS ids FROM consent_records');
    assert.deepEqual({ rows, ids }, { rows: records.length, ids: records.length });
    assert.equal((await service.store.verify()).ok, true);
  } finally {
    await service.close();
  }
});

test('least privilege: a role that may only read and insert runs the service (once migrated by the owner) and cannot change a record', options, async () => {
  const databaseUrl = await freshDatabase();
  const owner = await startService({ databaseUrl });
  await owner.close();
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  const role = `consent_writer_${databases}`;
  // The grants the README recommends for the service's own role.
  await admin.query(`CREATE ROLE ${role} LOGIN;
    GRANT SELECT, INSERT ON consent_records TO ${role};
    GRANT SELECT, UPDATE ON consent_chain TO ${role};
    GRANT SELECT ON consentinel_migrations TO ${role};`);
  await admin.end();
  const writer = await startService({ databaseUrl: databaseUrl.replace('consentinel@', `${role}@`) });
  try {
    const body = (await import('./helpers.mjs')).makeRecord();
    assert.equal((await writer.post(body)).status, 201);
    assert.equal((await (await writer.read('verify')).json()).ok, true);
    await assert.rejects(writer.store.db.query("UPDATE consent_records SET method = 'accept-all'"), /permission denied/);
    await assert.rejects(writer.store.db.query('DELETE FROM consent_records'), /permission denied/);
    await assert.rejects(writer.store.purge(new Date()), /permission denied/);
    assert.equal(await writer.store.count(), 1);
  } finally {
    await writer.close();
  }
});
