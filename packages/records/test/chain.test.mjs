// verify against someone editing the table by hand in SQL, on PGlite and on a real PostgreSQL.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { openDatabase } from '../src/database.mjs';
import { createStore } from '../src/store.mjs';
import { parseRecord } from '../src/validate.mjs';
import { main } from '../src/cli.mjs';
import { CI, postgresSkipReason, startPostgres } from './postgres-server.mjs';
import { makeRecord } from './helpers.mjs';

const pgSkip = postgresSkipReason();
if (pgSkip && CI) throw new Error(`${pgSkip}\n(CI=true: the PostgreSQL tests are mandatory in CI)`);
if (pgSkip) console.log(`# ${pgSkip}`);

let postgres;
let databases = 0;
test.after(() => postgres?.destroy());

const backends = {
  async pglite() {
    return openDatabase({ memory: true });
  },
  async postgresql() {
    postgres ??= await startPostgres();
    // A database of its own for each test, on the one server.
    const name = `chain_${++databases}`;
    const admin = await openDatabase({ databaseUrl: postgres.url });
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.close();
    return openDatabase({ databaseUrl: postgres.url.replace(/\/postgres$/, `/${name}`) });
  },
};

async function filled(kind, n = 8) {
  const db = await backends[kind]();
  const store = createStore(db);
  await store.migrate();
  for (let i = 0; i < n; i++) await store.append(parseRecord(JSON.stringify(makeRecord({ method: i % 2 ? 'accept-all' : 'custom', granted: ['necessary', 'analytics'], refused: i % 2 ? [] : ['advertising'] }))));
  return store;
}

/** What an insider with the owner's rights can do: switch the append-only trigger off and edit. */
const byHand = (store, ...statements) =>
  store.db.transaction(async (tx) => {
    await tx.query('SET LOCAL session_replication_role = replica');
    for (const [sql, params] of statements) await tx.query(sql, params);
  });

for (const kind of ['pglite', 'postgresql']) {
  const options = kind === 'postgresql' && pgSkip ? { skip: pgSkip } : {};

  test(`${kind}: an intact chain verifies, and the table refuses UPDATE, DELETE and TRUNCATE`, options, async () => {
    const store = await filled(kind);
    try {
      assert.deepEqual(await store.verify(), { ok: true, checked: 8, headSeq: 8, headHash: (await store.verify()).headHash, purgedThrough: 0, problems: [] });
      await assert.rejects(store.db.query("UPDATE consent_records SET method = 'accept-all' WHERE seq = 2"), /append-only: UPDATE refused/);
      await assert.rejects(store.db.query('DELETE FROM consent_records WHERE seq = 2'), /append-only: DELETE refused/);
      await assert.rejects(store.db.query('TRUNCATE consent_records'), /append-only: TRUNCATE refused/);
      assert.equal(await store.count(), 8);
    } finally {
      await store.close();
    }
  });

  test(`${kind}: verify finds a row changed by hand in SQL`, options, async () => {
    const store = await filled(kind);
    try {
      await byHand(store, ["UPDATE consent_records SET granted = ARRAY['necessary','analytics','advertising'], refused = '{}' WHERE seq = 3"]);
      const result = await store.verify();
      assert.equal(result.ok, false);
      assert.deepEqual(result.problems, [{ seq: 3, problem: 'its content does not match its hash (the record was changed)' }]);
    } finally {
      await store.close();
    }
  });

  test(`${kind}: verify finds a row deleted by hand, even when its successor's link is forged`, options, async () => {
    const store = await filled(kind);
    try {
      const [{ prev_hash }] = await store.db.query('SELECT prev_hash FROM consent_records WHERE seq = 5');
      await byHand(store, ['DELETE FROM consent_records WHERE seq = 5'], ['UPDATE consent_records SET prev_hash = $1 WHERE seq = 6', [prev_hash]]);
      const result = await store.verify();
      assert.equal(result.ok, false);
      assert.ok(result.problems.some((p) => p.seq === 6 && /record\(s\) 5–5 removed/.test(p.problem)), JSON.stringify(result.problems));
      assert.ok(result.problems.some((p) => p.seq === 6 && /does not match its hash/.test(p.problem)), 'the forged link changes the hashed content');
    } finally {
      await store.close();
    }
  });

  test(`${kind}: verify finds two rows swapped, and the newest rows removed`, options, async () => {
    const store = await filled(kind);
    try {
      await byHand(store, ['UPDATE consent_records SET seq = -1 WHERE seq = 2'], ['UPDATE consent_records SET seq = 2 WHERE seq = 3'], ['UPDATE consent_records SET seq = 3 WHERE seq = -1']);
      const swapped = await store.verify();
      assert.deepEqual([...new Set(swapped.problems.map((p) => p.seq))], [2, 3, 4]);
      await byHand(store, ['UPDATE consent_records SET seq = -1 WHERE seq = 2'], ['UPDATE consent_records SET seq = 2 WHERE seq = 3'], ['UPDATE consent_records SET seq = 3 WHERE seq = -1']);
      assert.equal((await store.verify()).ok, true, 'swapped back, the chain is whole again');
      await byHand(store, ['DELETE FROM consent_records WHERE seq >= 7']);
      const cut = await store.verify();
      assert.deepEqual(cut.problems, [{ seq: 6, problem: 'the chain ends at record 6 but its head is record 8 (the newest records were removed)' }]);
    } finally {
      await store.close();
    }
  });

  test(`${kind}: purge removes the oldest records and the rest still verifies; removing more by hand shows`, options, async () => {
    let now = Date.now();
    const db = await backends[kind]();
    const store = createStore(db, { now: () => now });
    try {
      await store.migrate();
      for (let i = 0; i < 6; i++) {
        await store.append(parseRecord(JSON.stringify(makeRecord())));
        now += 86_400_000;
      }
      // Received at day 0…5; "now" is day 6: a cut-off at day 2.5 takes records 1–3.
      const { removed, throughSeq } = await store.purge(new Date(now - 3.5 * 86_400_000));
      assert.deepEqual({ removed, throughSeq }, { removed: 3, throughSeq: 3 });
      assert.equal(await store.count(), 3);
      const after = await store.verify();
      assert.deepEqual({ ok: after.ok, checked: after.checked, purgedThrough: after.purgedThrough }, { ok: true, checked: 3, purgedThrough: 3 });
      await byHand(store, ['DELETE FROM consent_records WHERE seq = 4']);
      const result = await store.verify();
      assert.equal(result.ok, false);
      assert.match(result.problems[0].problem, /record\(s\) 4–4 removed/);
    } finally {
      await store.close();
    }
  });
}

test('CLI on a PGlite data directory: migrate, show, export, verify (exit 1 once tampered), purge, stats', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'consentinel-cli-'));
  const cli = async (...args) => {
    let text = '';
    const sink = new Writable({ write(chunk, _e, done) { text += chunk; done(); } });
    const code = await main([...args, '--data-dir', dir], { out: sink, err: sink });
    return { code, text };
  };
  try {
    assert.match((await cli('migrate')).text, /applied migration\(s\) 1; schema version 1/);
    assert.match((await cli('migrate')).text, /schema up to date \(version 1/);
    const body = makeRecord({ method: 'reject-all', granted: ['necessary'], refused: ['analytics', 'affiliate', 'advertising'], signals: { doNotTrack: false, globalPrivacyControl: true } });
    const db = await openDatabase({ dataDir: dir });
    await createStore(db).append(parseRecord(JSON.stringify(body)));
    await assert.rejects(openDatabase({ dataDir: dir }), /already open in this process/);
    await db.close();

    const shown = await cli('show', body.id);
    assert.equal(shown.code, 0);
    assert.match(shown.text, new RegExp(`1 record\\(s\\) for consent id ${body.id}`));
    assert.match(shown.text, /#1 reject-all/);
    assert.match(shown.text, /refused: analytics, affiliate, advertising/);
    assert.match(shown.text, /signals: Global Privacy Control/);
    assert.equal((await cli('show', 'f'.repeat(32))).code, 1);
    assert.equal((await cli('show', 'nope')).code, 2);

    const csv = await cli('export', '--format', 'csv');
    assert.equal(csv.text.trim().split('\r\n').length, 2);
    assert.match(JSON.parse((await cli('export', '--format', 'jsonl')).text).consentId, new RegExp(body.id));
    assert.equal((await cli('export', '--format', 'xml')).code, 2);

    const stats = await cli('stats');
    assert.match(stats.text, /rejected all 1 \(100%\).*refused by a signal 1 \(100%\)/);

    assert.match((await cli('verify')).text, /chain intact: 1 record\(s\) checked/);
    const tamper = await openDatabase({ dataDir: dir });
    await tamper.transaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica');
      await tx.query("UPDATE consent_records SET method = 'accept-all'");
    });
    await tamper.close();
    const broken = await cli('verify');
    assert.equal(broken.code, 1);
    assert.match(broken.text, /CHAIN BROKEN: 1 problem\(s\)[^]*#1: its content does not match its hash/);

    assert.match((await cli('purge', '--older-than', '400d')).text, /nothing received before/);
    assert.equal((await cli('purge', '--older-than', 'soon')).code, 2);
    const purged = await cli('purge', '--older-than', new Date(Date.now() + 60_000).toISOString().slice(0, 10) + 'T23:59:59Z');
    assert.match(purged.text, /purged 1 record\(s\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
