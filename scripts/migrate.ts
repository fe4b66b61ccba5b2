/**
 * Applies pending migrations from migrations/ (the committed `payload migrate:create` output).
 * Run before the server starts (`npm run dev`, `npm start`) and on its own (`npm run migrate`).
 * Holds a Postgres advisory lock while migrating, so several instances starting at once apply
 * each migration exactly once: the others wait, then find nothing pending.
 *
 * Success is checked, never assumed: it exits non-zero unless, afterwards, every committed
 * migration is recorded as applied and every table of the Payload config exists; and it always
 * logs which migrations it applied. Payload's migrate can otherwise end the process with exit
 * code 0 having applied nothing (@payloadcms/drizzle dist/migrate.js: a dev-mode push row, batch
 * -1, makes it ask a `prompts` question and `process.exit(0)` on "no" — the default when stdin is
 * not a terminal). Such a database is refused before Payload is asked, and any process.exit(0)
 * while migrating is turned into exit code 1.
 */
import type { PostgresAdapter } from '@payloadcms/db-postgres'

import { env } from '../src/server/env'
import { logger } from '../src/server/logger'
import { describeNotReady, missingTables, readMigrationState, type Queryable } from '../src/server/migration-state'
import { loadPayload } from '../src/load-payload'
import { runScript } from '../src/server/startup'

const MIGRATION_LOCK = 727_274_001

const log = logger.child({ module: 'migrate' })

/** Set while Payload migrates: an exit then, whatever its code, means it gave up. */
let migrating = false
process.on('exit', (code) => {
  if (!migrating) return
  process.stderr.write(`migrate: the process exited (code ${code}) while Payload was applying migrations; nothing is known to be applied\n`)
  if (code === 0) process.exitCode = 1
})

async function main(): Promise<void> {
  env()
  // Payload's own `payload migrate` sets this: no dev-mode schema push while connecting, whatever the config says.
  process.env.PAYLOAD_MIGRATING = 'true'
  // The config first, one module at a time, never concurrently: loading these overlapping graphs
  // together (or migrations/, which loads @payloadcms/db-postgres, before the config) left an
  // import pending for ever in some runs, and Node then exits 0 with no output — a migrate that
  // "succeeded" having applied nothing (see scripts/seed.ts; runScript now makes that a failure,
  // and loadPayload one that something else kept waiting).
  const { config, getPayload, migrations } = await loadPayload('migrate', () => import('../migrations'))
  const known = migrations.map((m) => m.name)
  const payload = await getPayload({ config })
  const db = payload.db as unknown as PostgresAdapter
  const schema = db.schemaName || 'public'
  const client = await db.pool.connect()
  // @payloadcms/db-postgres ships its own @types/pg; only `query` is used here.
  const sql = client as unknown as Queryable
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
    const before = await readMigrationState(sql, known, schema)
    if (before.devPush) throw new Error(describeNotReady(before))
    if (before.unknown.length > 0) {
      log.warn({ unknown: before.unknown }, 'the database has migrations this code does not know (migrated by a newer version?)')
    }
    log.info({ applied: before.applied.length, pending: before.pending }, before.pending.length ? 'applying migrations' : 'no pending migrations')

    migrating = true
    // Payload types migration args as unknown; the generated files type them precisely — same functions.
    await db.migrate({ migrations: migrations as unknown as NonNullable<Parameters<typeof db.migrate>[0]>['migrations'] })
    migrating = false

    const after = await readMigrationState(sql, known, schema)
    if (after.pending.length > 0) throw new Error(`migrate finished but ${describeNotReady(after) ?? 'migrations are still pending'}`)
    const missing = await missingTables(sql, Object.keys(db.tables), schema)
    if (missing.length > 0) {
      throw new Error(
        `every migration is recorded as applied, but ${missing.length} table(s) of the Payload config are missing (${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}): ` +
          'payload_migrations does not match the schema; use a fresh database',
      )
    }
    const appliedNow = after.applied.filter((n) => !before.applied.includes(n))
    log.info({ appliedNow, total: after.applied.length, tables: Object.keys(db.tables).length }, `migrations up to date (${appliedNow.length} applied now, ${after.applied.length} in all)`)
  } finally {
    migrating = false
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK])
    client.release()
    await payload.destroy()
  }
}

runScript('migrate', main, { rerunOnStall: true })
