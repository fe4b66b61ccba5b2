/**
 * scripts/migrate.ts and scripts/seed.ts on databases that are not what they should be, as a user
 * runs them (child processes, stdin not a terminal), each on a scratch database of its own:
 * - the seed refuses an empty database with one clear line and exit code 1 (instead of failing
 *   half-way on `relation "bookings" does not exist`);
 * - migrate refuses a database with a Payload dev-mode push row (where Payload would ask a
 *   question and exit 0 having applied nothing) with exit code 1;
 * - migrate fails when payload_migrations lists every migration but the tables are missing;
 * - migrate on an empty database applies every migration, names them, and exits 0.
 */
import { spawnSync } from 'node:child_process'

import { afterAll, describe, expect, it } from 'vitest'

import { migrations } from '../../migrations'
import { createScratchDatabase, withRawClient } from '../helpers/sql'

const SCRIPT_TIMEOUT_MS = 240_000
const dropAfter: (() => Promise<void>)[] = []

afterAll(async () => {
  for (const drop of dropAfter) await drop()
})

async function scratch(label: string): Promise<string> {
  const db = await createScratchDatabase(label)
  dropAfter.push(db.drop)
  return db.url
}

/** Runs a script the way `npm run …` does (no terminal on stdin), against `url`. */
function run(script: string, url: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, DATABASE_URI: url, LOG_LEVEL: 'info', LOG_PRETTY: 'false' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: SCRIPT_TIMEOUT_MS,
  })
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` }
}

/** payload_migrations as Payload creates it (migrations/*_initial.ts), with `rows` in it. */
async function migrationsTableWith(url: string, rows: { name: string; batch: number }[]): Promise<void> {
  await withRawClient(async (c) => {
    await c.query(
      'CREATE TABLE payload_migrations (id serial PRIMARY KEY, name varchar, batch numeric, updated_at timestamptz NOT NULL DEFAULT now(), created_at timestamptz NOT NULL DEFAULT now())',
    )
    for (const r of rows) await c.query('INSERT INTO payload_migrations (name, batch) VALUES ($1, $2)', [r.name, r.batch])
  }, url)
}

describe('the seed on a database that is not migrated', () => {
  it('refuses with exit code 1 and says which migrations are pending and what to run', async () => {
    const url = await scratch('seedguard')
    const { status, output } = run('scripts/seed.ts', url)
    expect(status, output).toBe(1)
    expect(output).toContain('seed refused: the database is not migrated')
    expect(output).toContain(`${migrations.length} pending migration(s) (${migrations[0]?.name}`)
    expect(output).toContain('npm run migrate')
    expect(output).not.toContain('does not exist')
  }, SCRIPT_TIMEOUT_MS)
})

describe('migrate never reports success it did not have', () => {
  it('refuses a database with a Payload dev-mode push row (batch -1) instead of asking and exiting 0', async () => {
    const url = await scratch('devpush')
    await migrationsTableWith(url, [{ name: 'dev', batch: -1 }])
    const { status, output } = run('scripts/migrate.ts', url)
    expect(status, output).toBe(1)
    expect(output).toContain('dev-mode push row (batch -1)')
    expect(output).not.toContain('Would you like to proceed')
  }, SCRIPT_TIMEOUT_MS)

  it('fails when every migration is recorded but the tables are missing', async () => {
    const url = await scratch('notables')
    await migrationsTableWith(
      url,
      migrations.map((m) => ({ name: m.name, batch: 1 })),
    )
    const { status, output } = run('scripts/migrate.ts', url)
    expect(status, output).toBe(1)
    expect(output).toMatch(/table\(s\) of the Payload config are missing \([^)]*bookings/)
  }, SCRIPT_TIMEOUT_MS)

  it('applies every migration to an empty database, names what it applied, and exits 0', async () => {
    const url = await scratch('fresh')
    const { status, output } = run('scripts/migrate.ts', url)
    expect(status, output).toBe(0)
    expect(output).toContain(`migrations up to date (${migrations.length} applied now, ${migrations.length} in all)`)
    for (const m of migrations) expect(output).toContain(m.name)
    const tables = await withRawClient((c) => c.query<{ n: string }>("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('bookings', 'bookings_rels', 'payload_migrations')"), url)
    expect(Number(tables.rows[0]?.n)).toBe(3)
  }, SCRIPT_TIMEOUT_MS)
})
