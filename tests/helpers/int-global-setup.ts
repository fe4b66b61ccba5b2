/**
 * Before the integration tests: the throw-away database (DATABASE_URI, made by
 * scripts/with-db.ts --throwaway) gets every migration, through the same script production uses,
 * and is then checked: every committed migration must be recorded and the tables there, or the
 * run stops here with the script's output instead of failing later as "relation does not exist".
 * Then each vitest worker gets a copy of it (`CREATE DATABASE … TEMPLATE`, a file copy: ~0.2 s),
 * dropped again when the run ends; int-worker-db.ts points each worker at its own.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'

import pg from 'pg'

import { migrations } from '../../migrations'
import { readMigrationState, type Queryable } from '../../src/server/migration-state'
import { rawClientConfig } from './sql'
import { intWorkers, workerDatabaseName } from './int-workers'

const TSX_CLI = path.resolve('node_modules/tsx/dist/cli.mjs')

export default async function setup(): Promise<() => Promise<void>> {
  const uri = process.env.DATABASE_URI
  if (!uri) throw new Error('DATABASE_URI is unset: run the integration tests with `npm run test:int`')
  if (!/myhibachi_test_|_ci_|test/.test(new URL(uri).pathname)) {
    throw new Error('DATABASE_URI does not look like a throw-away test database; refusing to run tests against it')
  }
  // Node and tsx directly (no npx in between): one process whose exit code is the script's own.
  const result = spawnSync(process.execPath, [TSX_CLI, 'scripts/migrate.ts'], { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'test' }, timeout: 180_000 })
  const output = `${result.stdout}\n${result.stderr}`
  if (result.status !== 0) throw new Error(`migrations failed (exit ${String(result.status)}, ${String(result.error ?? result.signal ?? '')}):\n${output}`)
  const client = new pg.Client(rawClientConfig(uri))
  await client.connect()
  try {
    const state = await readMigrationState(client as unknown as Queryable, migrations.map((m) => m.name))
    if (state.pending.length > 0) throw new Error(`migrate exited 0 but ${state.pending.length} migration(s) are not applied: ${state.pending.join(', ')}\n${output}`)
  } finally {
    await client.end()
  }
  return copyForWorkers(uri)
}

/** Makes the per-worker copies of the migrated database; returns what drops them. */
async function copyForWorkers(uri: string): Promise<() => Promise<void>> {
  const runDb = decodeURIComponent(new URL(uri).pathname.slice(1))
  const names = Array.from({ length: intWorkers() }, (_, i) => workerDatabaseName(runDb, i + 1))
  const admin = new URL(uri)
  admin.pathname = '/postgres'
  const client = new pg.Client(rawClientConfig(admin.toString()))
  await client.connect()
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`
  try {
    for (const name of names) {
      await client.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`)
      // A template must have no other session: the migrate script's pool may still be closing.
      for (let attempt = 1; ; attempt += 1) {
        try {
          await client.query(`CREATE DATABASE ${quote(name)} TEMPLATE ${quote(runDb)}`)
          break
        } catch (err) {
          const busy = (err as { code?: string }).code === '55006'
          if (!busy || attempt >= 50) throw err
          await new Promise((r) => setTimeout(r, 100))
        }
      }
    }
  } finally {
    await client.end()
  }
  return async () => {
    const dropper = new pg.Client(rawClientConfig(admin.toString()))
    await dropper.connect()
    try {
      for (const name of names) await dropper.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`)
    } finally {
      await dropper.end()
    }
  }
}
