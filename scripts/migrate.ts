/**
 * Applies pending migrations from migrations/ (the committed `payload migrate:create` output).
 * Run before the server starts (`npm run dev`, `npm start`) and on its own (`npm run migrate`).
 * Holds a Postgres advisory lock while migrating, so several instances starting at once apply
 * each migration exactly once: the others wait, then find nothing pending.
 */
import type { PostgresAdapter } from '@payloadcms/db-postgres'

import { env } from '../src/lib/env'
import { logger } from '../src/lib/logger'
import { failStartup } from '../src/lib/startup'

const MIGRATION_LOCK = 727_274_001

async function main(): Promise<void> {
  env()
  const log = logger.child({ module: 'migrate' })
  const [{ getPayload }, { default: config }, { migrations }] = await Promise.all([
    import('payload'),
    import('../payload.config'),
    import('../migrations'),
  ])
  const payload = await getPayload({ config })
  const db = payload.db as unknown as PostgresAdapter
  const client = await db.pool.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
    // Payload types migration args as unknown; the generated files type them precisely — same functions.
    await db.migrate({ migrations: migrations as unknown as NonNullable<Parameters<typeof db.migrate>[0]>['migrations'] })
    log.info({ known: migrations.length }, 'migrations up to date')
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK])
    client.release()
    await payload.destroy()
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => failStartup(err),
)
