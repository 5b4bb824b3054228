// The consent records: append (hash-chained, deduplicated), read, export, verify, purge, stats.
// Every statement takes its values as parameters; no SQL is ever built from input.
import { createHash } from 'node:crypto';
import { GENESIS_HASH, migrate, schemaVersion } from './migrations.mjs';

const ISO = (column) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
// Every read returns the same shape from PGlite and node-postgres (which differ on bigint and
// timestamps): numbers as text or int, times as the exact ISO strings that were hashed.
const COLUMNS = `seq::text AS seq, record_id, consent_id, ${ISO('received_at')} AS received_at, ${ISO('created_at')} AS created_at,
  ${ISO('decided_at')} AS decided_at, revision, method, granted, refused, language, gpc, dnt, page_origin, page_path, prev_hash, hash`;

/** The text a record's hash covers: every stored field, in a fixed order, and the previous hash. */
export function recordHash(prevHash, row) {
  const fields = [
    Number(row.seq), row.recordId, row.consentId, row.receivedAt, row.createdAt, row.decidedAt, row.revision, row.method,
    row.granted, row.refused, row.language, row.gpc, row.dnt, row.pageOrigin, row.pagePath,
  ];
  return createHash('sha256').update(prevHash).update('\n').update(JSON.stringify(fields)).digest('hex');
}

const fromRow = (row) => ({
  seq: Number(row.seq),
  recordId: row.record_id,
  consentId: row.consent_id,
  receivedAt: row.received_at,
  createdAt: row.created_at,
  decidedAt: row.decided_at,
  revision: Number(row.revision),
  method: row.method,
  granted: row.granted,
  refused: row.refused,
  language: row.language,
  gpc: row.gpc,
  dnt: row.dnt,
  pageOrigin: row.page_origin,
  pagePath: row.page_path,
  prevHash: row.prev_hash,
  hash: row.hash,
});

// What the visitor's browser sent, for telling a resend (same content) from a replayed id
// with other content.
const CLIENT_FIELDS = ['consentId', 'createdAt', 'decidedAt', 'revision', 'method', 'granted', 'refused', 'language', 'gpc', 'dnt', 'pageOrigin', 'pagePath'];
const sameContent = (a, b) => CLIENT_FIELDS.every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key]));

export class ReplayedRecordError extends Error {
  constructor() {
    super('recordId: already stored with different content (a record id is used once)');
    this.name = 'ReplayedRecordError';
    this.status = 409;
  }
}

/**
 * @param {Awaited<ReturnType<import('./database.mjs').openDatabase>>} db
 * @param {{ now?: () => number }} [options]
 */
export function createStore(db, { now = Date.now, maxBatch = 250 } = {}) {
  /** @type {{ record: object, resolve: Function, reject: Function }[]} */
  const waiting = [];
  let writing = false;

  async function writeWaiting() {
    writing = true;
    while (waiting.length) {
      // One turn of the event loop first: requests that arrived meanwhile join this batch. (PGlite
      // runs in this thread, so without the pause its batches would stay a record or two.)
      await new Promise((resolve) => setImmediate(resolve));
      const batch = waiting.splice(0, maxBatch);
      let outcomes;
      try {
        outcomes = await db.transaction((tx) => appendBatch(tx, batch.map((item) => item.record)));
      } catch (error) {
        // Nothing of this batch was committed: every one of its requests hears so.
        for (const item of batch) item.reject(error);
        continue;
      }
      batch.forEach((item, index) => (outcomes[index] instanceof Error ? item.reject(outcomes[index]) : item.resolve(outcomes[index])));
    }
    writing = false;
  }

  async function appendBatch(tx, records) {
    const [head] = await tx.query('SELECT head_seq::text AS seq, head_hash AS hash FROM consent_chain WHERE id = 1 FOR UPDATE');
    const known = new Map(
      (await tx.query(`SELECT ${COLUMNS} FROM consent_records WHERE record_id = ANY($1::text[])`, [records.map((r) => r.recordId)])).map((row) => [row.record_id, fromRow(row)]),
    );
    let seq = Number(head.seq);
    let hash = head.hash;
    const receivedAt = new Date(now()).toISOString();
    const outcomes = [];
    for (const record of records) {
      const stored = known.get(record.recordId);
      if (stored) {
        // A resend of a stored record is acknowledged; the same id with other content is not.
        outcomes.push(sameContent(stored, record) ? { stored: true, duplicate: true, seq: stored.seq, hash: stored.hash } : new ReplayedRecordError());
        continue;
      }
      const row = { ...record, seq: seq + 1, receivedAt };
      const rowHash = recordHash(hash, row);
      await tx.query(
        `INSERT INTO consent_records (seq, record_id, consent_id, received_at, created_at, decided_at, revision, method, granted, refused,
           language, gpc, dnt, page_origin, page_path, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
        [row.seq, row.recordId, row.consentId, row.receivedAt, row.createdAt, row.decidedAt, row.revision, row.method, row.granted, row.refused,
          row.language, row.gpc, row.dnt, row.pageOrigin, row.pagePath, hash, rowHash],
      );
      known.set(record.recordId, { ...row, prevHash: hash, hash: rowHash });
      seq = row.seq;
      hash = rowHash;
      outcomes.push({ stored: true, duplicate: false, seq, hash });
    }
    if (seq !== Number(head.seq)) await tx.query('UPDATE consent_chain SET head_seq = $1, head_hash = $2 WHERE id = 1', [seq, hash]);
    return outcomes;
  }

  return {
    db,
    migrate: () => migrate(db),
    schemaVersion: () => schemaVersion(db),

    /**
     * Store one validated record; resolves only after COMMIT. Records that arrive while a write
     * is in progress go together in the next transaction (group commit: one disk flush for many
     * records). Each transaction locks the chain's head row, so concurrent writers (other
     * instances on one PostgreSQL) append one after another and the chain stays a line.
     * @returns {Promise<{ stored: boolean, duplicate: boolean, seq: number, hash: string }>}
     */
    append(record) {
      return new Promise((resolve, reject) => {
        waiting.push({ record, resolve, reject });
        if (!writing) writeWaiting();
      });
    },

    /** Every record of one consent id, oldest first (a visitor's access request). */
    async show(consentId) {
      return (await db.query(`SELECT ${COLUMNS} FROM consent_records WHERE consent_id = $1 ORDER BY consent_records.seq`, [consentId])).map(fromRow);
    },

    /** All records in chain order, a page at a time (an export never holds the table in memory). */
    async *all({ since = null, pageSize = 1000 } = {}) {
      let after = 0;
      for (;;) {
        const rows = await db.query(
          `SELECT ${COLUMNS} FROM consent_records WHERE seq > $1 AND ($2::timestamptz IS NULL OR decided_at >= $2::timestamptz) ORDER BY consent_records.seq LIMIT $3`,
          [after, since, pageSize],
        );
        for (const row of rows) yield fromRow(row);
        if (rows.length < pageSize) return;
        after = Number(rows[rows.length - 1].seq);
      }
    },

    async count() {
      return (await db.query('SELECT count(*)::int AS n FROM consent_records'))[0].n;
    },

    /**
     * Walk the whole chain: each record's hash must match its content and the previous hash,
     * sequence numbers must follow each other from where the last purge cut the chain, and the
     * chain must end where the head says. Finds altered, removed, inserted and reordered rows.
     */
    async verify({ pageSize = 2000 } = {}) {
      const [chain] = await db.query(
        'SELECT head_seq::text AS head_seq, head_hash, base_seq::text AS base_seq, base_hash FROM consent_chain WHERE id = 1',
      );
      const problems = [];
      const report = (seq, problem) => problems.length < 100 && problems.push({ seq, problem });
      let expectedSeq = Number(chain.base_seq) + 1;
      let prevHash = chain.base_hash;
      let checked = 0;
      let after = Number(chain.base_seq);
      // Rows below the purge line should not exist at all.
      const [{ n: below }] = await db.query('SELECT count(*)::int AS n FROM consent_records WHERE seq <= $1', [Number(chain.base_seq)]);
      if (below) report(Number(chain.base_seq), `${below} record(s) at or below the purge line`);
      for (;;) {
        const rows = await db.query(`SELECT ${COLUMNS} FROM consent_records WHERE seq > $1 ORDER BY consent_records.seq LIMIT $2`, [after, pageSize]);
        for (const raw of rows) {
          const row = fromRow(raw);
          checked++;
          if (row.seq !== expectedSeq) report(row.seq, `expected record ${expectedSeq} here: record(s) ${expectedSeq}–${row.seq - 1} removed`);
          if (row.prevHash !== prevHash) report(row.seq, 'its link to the previous record is broken (a record before it was changed, removed or moved)');
          if (recordHash(row.prevHash, row) !== row.hash) report(row.seq, 'its content does not match its hash (the record was changed)');
          prevHash = row.hash;
          expectedSeq = row.seq + 1;
        }
        if (rows.length < pageSize) break;
        after = Number(rows[rows.length - 1].seq);
      }
      const lastSeq = expectedSeq - 1;
      if (lastSeq !== Number(chain.head_seq)) report(lastSeq, `the chain ends at record ${lastSeq} but its head is record ${chain.head_seq} (the newest records were removed)`);
      else if (prevHash !== chain.head_hash) report(lastSeq, 'the last record does not match the head hash');
      return { ok: problems.length === 0, checked, headSeq: Number(chain.head_seq), headHash: chain.head_hash, purgedThrough: Number(chain.base_seq), problems };
    },

    /**
     * Delete the records received before `olderThan` (retention). The chain is cut at a record
     * boundary and the cut is remembered, so `verify` still proves what remains.
     */
    purge(olderThan) {
      return db.transaction(async (tx) => {
        const [chain] = await tx.query('SELECT head_seq::text AS head_seq, base_seq::text AS base_seq FROM consent_chain WHERE id = 1 FOR UPDATE');
        // Only a prefix of the chain is removed: the records before the first one still kept.
        const [{ first }] = await tx.query('SELECT min(seq)::text AS first FROM consent_records WHERE received_at >= $1', [olderThan.toISOString()]);
        const through = first === null ? Number(chain.head_seq) : Number(first) - 1;
        if (through <= Number(chain.base_seq)) return { removed: 0, throughSeq: Number(chain.base_seq) };
        const [last] = await tx.query('SELECT hash FROM consent_records WHERE seq = $1', [through]);
        if (!last) throw new Error(`record ${through} is missing: run verify before purging`);
        await tx.query("SELECT set_config('consentinel.purge', 'on', true)");
        const [{ n: removed }] = await tx.query(
          'WITH gone AS (DELETE FROM consent_records WHERE seq <= $1 RETURNING 1) SELECT count(*)::int AS n FROM gone',
          [through],
        );
        await tx.query("SELECT set_config('consentinel.purge', 'off', true)");
        await tx.query('UPDATE consent_chain SET base_seq = $1, base_hash = $2 WHERE id = 1', [through, last.hash]);
        await tx.query('INSERT INTO consent_purges (purged_at, older_than, removed, through_seq, through_hash) VALUES ($1, $2, $3, $4, $5)', [
          new Date(now()).toISOString(), olderThan.toISOString(), removed, through, last.hash,
        ]);
        return { removed, throughSeq: through };
      });
    },

    /**
     * Consent rates: per day, how many decisions accepted all, rejected all, chose, withdrew, and
     * how many were made under a refusal signal (GPC/DNT); per category, how often it was granted.
     * Each decision counts once (a visitor who changes their mind counts twice).
     */
    async stats({ days = 30 } = {}) {
      const since = new Date(now() - (days - 1) * 86_400_000);
      since.setUTCHours(0, 0, 0, 0);
      const perDay = await db.query(
        `SELECT to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, method, count(*)::int AS n,
                count(*) FILTER (WHERE (gpc OR dnt) AND cardinality(refused) > 0)::int AS signal
           FROM consent_records WHERE decided_at >= $1 GROUP BY 1, 2 ORDER BY 1`,
        [since.toISOString()],
      );
      const perCategory = await db.query(
        `SELECT category, count(*) FILTER (WHERE category = ANY(granted))::int AS granted, count(*)::int AS total
           FROM consent_records CROSS JOIN LATERAL unnest(granted || refused) AS category
          WHERE decided_at >= $1 AND method <> 'withdrawal' GROUP BY category ORDER BY category`,
        [since.toISOString()],
      );
      const dayList = [];
      for (let t = since.getTime(); t <= now(); t += 86_400_000) dayList.push(new Date(t).toISOString().slice(0, 10));
      const byDay = new Map(dayList.map((day) => [day, { day, 'accept-all': 0, 'reject-all': 0, custom: 0, withdrawal: 0, signal: 0, total: 0 }]));
      for (const row of perDay) {
        const entry = byDay.get(row.day);
        if (!entry) continue;
        entry[row.method] = row.n;
        entry.signal += row.signal;
        entry.total += row.n;
      }
      const totals = { 'accept-all': 0, 'reject-all': 0, custom: 0, withdrawal: 0, signal: 0, total: 0 };
      for (const entry of byDay.values()) for (const key of Object.keys(totals)) totals[key] += entry[key];
      return {
        from: dayList[0],
        to: dayList[dayList.length - 1],
        days: [...byDay.values()],
        totals,
        categories: perCategory.map((row) => ({ category: row.category, granted: row.granted, refused: row.total - row.granted, rate: row.total ? row.granted / row.total : 0 })),
      };
    },

    /** A cheap query that fails when the database is down. */
    async ping() {
      await db.query('SELECT 1');
    },
    close: () => db.close(),
  };
}

export { GENESIS_HASH };
