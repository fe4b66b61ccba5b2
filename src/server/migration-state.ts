/**
 * What the database says about migrations, compared with the committed list (migrations/index.ts),
 * read with plain SQL so it works before Payload starts (the seed refuses to run on a database
 * that is behind) and after `db.migrate` (scripts/migrate.ts proves nothing is left pending).
 *
 * Why it exists: Payload's migrate can end a process with exit code 0 having applied nothing
 * (@payloadcms/drizzle's migrate asks a `prompts` question when payload_migrations holds a
 * dev-mode push row, batch -1, and calls process.exit(0) on "no" or on a closed stdin), and a
 * migrations table can list migrations whose tables are gone. So success is checked, not assumed.
 * Must never write to the database.
 */

/** What these reads need of a pg Client, Pool or PoolClient. */
export interface Queryable {
  query: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>
}

export interface MigrationState {
  /** Does payload_migrations exist at all? (No → an empty database.) */
  tableExists: boolean
  /** Known migrations recorded as applied (batch > 0), in the committed order. */
  applied: string[]
  /** Known migrations not recorded as applied, in the committed order. */
  pending: string[]
  /** Recorded migrations the code does not know (a database migrated by newer code). */
  unknown: string[]
  /** A row left by Payload's dev-mode schema push (batch -1): the schema did not come from migrations. */
  devPush: boolean
}

export async function readMigrationState(db: Queryable, known: readonly string[], schema = 'public'): Promise<MigrationState> {
  const table = `"${schema.replace(/"/g, '""')}"."payload_migrations"`
  const exists = (await db.query('SELECT to_regclass($1) IS NOT NULL AS exists', [table])).rows[0] as { exists?: boolean } | undefined
  if (!exists?.exists) return { tableExists: false, applied: [], pending: [...known], unknown: [], devPush: false }
  const rows = (await db.query(`SELECT name, batch FROM ${table}`)).rows as { name: string | null; batch: string | number | null }[]
  const done = new Set(rows.filter((r) => Number(r.batch) > 0 && r.name).map((r) => r.name as string))
  const knownSet = new Set(known)
  return {
    tableExists: true,
    applied: known.filter((n) => done.has(n)),
    pending: known.filter((n) => !done.has(n)),
    unknown: [...done].filter((n) => !knownSet.has(n)).sort(),
    devPush: rows.some((r) => Number(r.batch) === -1),
  }
}

/** Tables of `expected` that do not exist in `schema`. */
export async function missingTables(db: Queryable, expected: readonly string[], schema = 'public'): Promise<string[]> {
  if (expected.length === 0) return []
  const { rows } = await db.query(
    'SELECT t AS name FROM unnest($1::text[]) AS t WHERE to_regclass(quote_ident($2) || \'.\' || quote_ident(t)) IS NULL ORDER BY t',
    [expected, schema],
  )
  return (rows as { name: string }[]).map((r) => r.name)
}

/** One sentence for a person: why this database cannot be used as it is, and what to run. */
export function describeNotReady(state: MigrationState): string | undefined {
  if (state.devPush) {
    return (
      'payload_migrations has a dev-mode push row (batch -1): this database schema was pushed by Payload in dev mode, not built by migrations. ' +
      'Use a fresh database, or, if you are sure its schema matches the migrations, delete that row (DELETE FROM payload_migrations WHERE batch = -1) and run `npm run migrate`.'
    )
  }
  if (state.pending.length > 0) {
    const first = state.pending.slice(0, 3).join(', ')
    const more = state.pending.length > 3 ? ` and ${state.pending.length - 3} more` : ''
    return `${state.pending.length} pending migration(s) (${first}${more}): run \`npm run migrate\` first (\`npm run dev\` and \`npm start\` do it for you).`
  }
  return undefined
}
