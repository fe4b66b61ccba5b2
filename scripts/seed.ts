/**
 * Seeds demo data: business settings, the hibachi menu, two chefs (once an admin exists), the
 * home and menu pages, and twenty bookings over the coming 2–8 weeks (see src/seed/).
 *
 *   tsx scripts/seed.ts              seed; running it again changes nothing
 *   tsx scripts/seed.ts --if-empty   seed only when there are no menu items and no bookings
 *                                    (used by `npm run dev` on a fresh database)
 *
 * Re-running resets the seed-owned settings, menu items, chefs and pages to the seed values;
 * existing bookings are never touched. Migrations must have run first: on a database with pending
 * migrations (or a Payload dev-mode push) it refuses with one clear line and exit code 1.
 */
import pg from 'pg'

import { env } from '../src/server/env'
import { logger } from '../src/server/logger'
import { describeNotReady, readMigrationState } from '../src/server/migration-state'
import { loadPayload } from '../src/load-payload'
import { runScript } from '../src/server/startup'

/** Why the database cannot be seeded yet (pending migrations, a dev-mode push), or undefined. */
async function migrationsNotApplied(): Promise<string | undefined> {
  const { migrations } = await import('../migrations')
  const client = new pg.Client({ connectionString: env().DATABASE_URI, connectionTimeoutMillis: env().DB_CONNECT_TIMEOUT_MS, statement_timeout: env().DB_STATEMENT_TIMEOUT_MS })
  await client.connect()
  try {
    return describeNotReady(await readMigrationState(client, migrations.map((m) => m.name)))
  } finally {
    await client.end()
  }
}

async function main(): Promise<void> {
  env()
  const log = logger.child({ module: 'seed' })
  const args = process.argv.slice(2)
  const unknown = args.filter((a) => a !== '--if-empty')
  if (unknown.length > 0) throw new Error(`unknown argument ${unknown.join(' ')}; usage: tsx scripts/seed.ts [--if-empty]`)
  const ifEmpty = args.includes('--if-empty')

  const started = performance.now()
  // The config first, one module at a time: importing it after another module had already loaded
  // @payloadcms/db-postgres (migrations/ does) left the import pending for ever in about one run
  // in four here (Node 20 + tsx), and Node then ends the process with exit code 0 and no output.
  // Measured: 5 of 15 runs in that order, 0 of 20 with the config first. runScript makes any such
  // stop a failure instead of a silent success.
  const { config, getPayload, runSeed } = await loadPayload('seed', () => import('../src/seed/run'))
  // Refuse a database that is behind, before Payload starts: the seed's first write would fail
  // half-way with `relation "bookings" does not exist` otherwise.
  const notReady = await migrationsNotApplied()
  if (notReady) {
    log.fatal(`seed refused: the database is not migrated — ${notReady}`)
    process.exit(1)
  }
  const payload = await getPayload({ config })
  try {
    const summary = await runSeed(payload, { ifEmpty, log })
    const ms = Math.round(performance.now() - started)
    if (summary.skipped) {
      log.info({ ms }, 'seed skipped: the database already has menu items or bookings (--if-empty)')
      return
    }
    const { settings, menuItems, chefs, pages, bookings } = summary
    log.info(
      { settings, menuItems, chefs, pages, bookings, ms },
      `seed done: menu ${menuItems.created} created/${menuItems.updated} updated/${menuItems.unchanged} unchanged, ` +
        `chefs ${chefs.skippedNoAdmin ? 'skipped (no admin yet)' : `${chefs.created} created/${chefs.updated} updated/${chefs.unchanged} unchanged`}, ` +
        `pages ${pages.created} created/${pages.updated} updated/${pages.unchanged} unchanged, ` +
        `bookings ${bookings.created} created/${bookings.existing} already there` +
        `${bookings.chefsAssigned > 0 ? ` (chefs assigned to ${bookings.chefsAssigned})` : ''}, settings ${settings}`,
    )
  } finally {
    await payload.destroy()
  }
}

runScript('seed', main, { rerunOnStall: true })
