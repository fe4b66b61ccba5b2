/**
 * Raw SQL connections for tests, bounded so that a wait fails fast with a reason instead of
 * hanging until the test times out: every statement (lock waits included) gives up after 10 s, and
 * a session left idle inside a transaction is ended by Postgres after 30 s, releasing its locks.
 * `lockReport` names who holds or waits for locks, for the error a timed-out test shows.
 * Must never be pointed at a database other than the test run's (or one created here).
 */
import { randomBytes } from 'node:crypto'

import pg from 'pg'

/** Postgres session settings for every raw test connection (milliseconds). */
export const RAW_SQL_TIMEOUTS = {
  statement_timeout: 10_000,
  lock_timeout: 10_000,
  idle_in_transaction_session_timeout: 30_000,
} as const

/** The same limits as `SET LOCAL` statements, for a transaction on a pool the test does not own. */
export const SET_LOCAL_TIMEOUTS = [
  `SET LOCAL statement_timeout = ${RAW_SQL_TIMEOUTS.statement_timeout}`,
  `SET LOCAL lock_timeout = ${RAW_SQL_TIMEOUTS.lock_timeout}`,
  `SET LOCAL idle_in_transaction_session_timeout = ${RAW_SQL_TIMEOUTS.idle_in_transaction_session_timeout}`,
] as const

/** SQLSTATEs of a bounded wait that ran out: lock_not_available, query_canceled (statement timeout). */
export const TIMEOUT_CODES = new Set(['55P03', '57014'])

export function rawClientConfig(connectionString = process.env.DATABASE_URI): pg.ClientConfig {
  if (!connectionString) throw new Error('DATABASE_URI is unset')
  return { connectionString, connectionTimeoutMillis: 10_000, application_name: 'myhibachi-test-sql', ...RAW_SQL_TIMEOUTS }
}

/** Runs `work` with a fresh bounded client, always closed afterwards. */
export async function withRawClient<T>(work: (client: pg.Client) => Promise<T>, connectionString?: string): Promise<T> {
  const client = new pg.Client(rawClientConfig(connectionString))
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

interface Queryable {
  query: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>
}

/**
 * Who holds or waits for locks in the current database (advisory locks by key), and which sessions
 * sit idle in a transaction — one line each, for an error message.
 */
export async function lockReport(db: Queryable): Promise<string> {
  const { rows } = await db.query(
    `SELECT a.pid, a.application_name AS app, a.state, l.locktype, l.objid, l.granted,
            round(extract(epoch FROM now() - a.xact_start)::numeric, 1) AS xact_s,
            left(regexp_replace(a.query, '\\s+', ' ', 'g'), 100) AS query
       FROM pg_stat_activity a
       LEFT JOIN pg_locks l ON l.pid = a.pid AND (l.locktype = 'advisory' OR NOT l.granted)
      WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()
        AND (l.pid IS NOT NULL OR a.state LIKE 'idle in transaction%')
      ORDER BY a.xact_start NULLS LAST`,
  )
  if (rows.length === 0) return 'no session holds or waits for a lock, none is idle in a transaction'
  return (rows as Record<string, unknown>[])
    .map((r) => `pid ${String(r.pid)} (${String(r.app)}, ${String(r.state)}, transaction ${String(r.xact_s)} s): ${r.locktype ? `${String(r.locktype)} ${String(r.objid)} ${r.granted ? 'held' : 'WAITING'}` : 'no lock'} — ${String(r.query)}`)
    .join('\n')
}

/** A new empty database on the test server, and how to drop it (forcing out any connection). */
export async function createScratchDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URI
  if (!base) throw new Error('DATABASE_URI is unset')
  const name = `myhibachi_test_${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
  await withRawClient((c) => c.query(`CREATE DATABASE "${name}"`))
  const url = new URL(base)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: () => withRawClient((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  }
}
