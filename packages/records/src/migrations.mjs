// The schema, as numbered migrations. The same SQL runs on PGlite and on PostgreSQL. A migration
// is never edited once released: a change is a new entry at the end.

export const GENESIS_HASH = '0'.repeat(64);

export const MIGRATIONS = [
  {
    version: 1,
    name: 'consent records, hash chain, append-only guard',
    sql: `
CREATE TABLE consent_records (
  seq          bigint      PRIMARY KEY,
  record_id    text        NOT NULL UNIQUE,
  consent_id   text        NOT NULL,
  received_at  timestamptz NOT NULL,
  created_at   timestamptz NOT NULL,
  decided_at   timestamptz NOT NULL,
  revision     integer     NOT NULL,
  method       text        NOT NULL,
  granted      text[]      NOT NULL,
  refused      text[]      NOT NULL,
  language     text        NOT NULL,
  gpc          boolean     NOT NULL,
  dnt          boolean     NOT NULL,
  page_origin  text        NOT NULL,
  page_path    text        NOT NULL,
  prev_hash    text        NOT NULL,
  hash         text        NOT NULL
);
CREATE INDEX consent_records_consent_id ON consent_records (consent_id);
CREATE INDEX consent_records_decided_at ON consent_records (decided_at);

-- One row: the end of the chain (so that removing the newest records shows) and its start
-- (where a purge cut it, so that removing the oldest records by hand shows).
CREATE TABLE consent_chain (
  id         smallint PRIMARY KEY CHECK (id = 1),
  head_seq   bigint   NOT NULL,
  head_hash  text     NOT NULL,
  base_seq   bigint   NOT NULL,
  base_hash  text     NOT NULL
);
INSERT INTO consent_chain (id, head_seq, head_hash, base_seq, base_hash) VALUES (1, 0, '${GENESIS_HASH}', 0, '${GENESIS_HASH}');

CREATE TABLE consent_purges (
  purged_at    timestamptz NOT NULL,
  older_than   timestamptz NOT NULL,
  removed      bigint      NOT NULL,
  through_seq  bigint      NOT NULL,
  through_hash text        NOT NULL
);

-- Records are never changed; only a purge (which says so in its transaction) may delete them.
-- This keeps honest code honest; the hash chain is what catches someone who disables it.
CREATE FUNCTION consentinel_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('consentinel.purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'consent_records is append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER consent_records_append_only BEFORE UPDATE OR DELETE ON consent_records
  FOR EACH ROW EXECUTE FUNCTION consentinel_append_only();
CREATE TRIGGER consent_records_no_truncate BEFORE TRUNCATE ON consent_records
  FOR EACH STATEMENT EXECUTE FUNCTION consentinel_append_only();
`,
  },
];

// Any fixed number: the advisory lock that keeps two instances from migrating at once.
const MIGRATION_LOCK = 7_406_113;

/**
 * Apply the migrations this database lacks, each in its own transaction. Several instances that
 * start together on one PostgreSQL wait for each other on an advisory lock.
 * @returns {Promise<number[]>} the versions applied now
 */
export async function migrate(db) {
  // An up-to-date schema needs no DDL at all, so a service whose database role may only
  // insert and read (see the README) starts without CREATE rights.
  const [{ table }] = await db.query("SELECT to_regclass('consentinel_migrations')::text AS table");
  if (table) {
    const done = new Set((await db.query('SELECT version FROM consentinel_migrations')).map((row) => Number(row.version)));
    if (MIGRATIONS.every((migration) => done.has(migration.version))) return [];
  }
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS consentinel_migrations (
      version    integer     PRIMARY KEY,
      name       text        NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set((await tx.query('SELECT version FROM consentinel_migrations')).map((row) => Number(row.version)));
    const applied = [];
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO consentinel_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.version);
    }
    return applied;
  });
}

/** The newest version this code knows, and the one the database has. */
export async function schemaVersion(db) {
  const rows = await db.query(`SELECT coalesce(max(version), 0)::int AS version FROM consentinel_migrations`).catch(() => [{ version: 0 }]);
  return { database: Number(rows[0].version), code: MIGRATIONS[MIGRATIONS.length - 1].version };
}
