/**
 * What a database outage may do to the app, and what it must not:
 * - `databaseUnavailable(err)`: the errors that mean "Postgres could not be reached or did not
 *   answer in time" — no free pool connection within DB_CONNECT_TIMEOUT_MS (pg-pool's wait bound),
 *   a connection that could not be opened or was cut, the server shutting down or refusing
 *   connections, a statement that ran past DB_STATEMENT_TIMEOUT_MS — become a domain
 *   UnavailableError (503 `database_unavailable`, src/http/errors.ts): the request may be retried,
 *   and nothing was decided. Never a 500, which would read as a bug of ours.
 * - `guardPoolClients(pool)`: a connection cut while a request holds it between two statements
 *   (inside a transaction) makes pg emit 'error' on that client, which pg-pool does not listen to
 *   while the client is checked out; unheard, it is an uncaught exception in the server process.
 *   Every client gets a listener of its own, so the request's next statement fails (and the pool
 *   drops the client on release) instead.
 * Logs only the error's code and message: pg errors carry the query and the connection settings.
 */
import type { Logger } from 'pino'

import { UnavailableError } from '../domain'

/** pg-pool's and pg's own messages for a wait or a connection that failed (they set no code). */
const CONNECTION_MESSAGES = [
  'timeout exceeded when trying to connect',
  // "… unexpectedly", "… due to connection timeout"
  'Connection terminated',
  // Payload's own wrapper when BEGIN fails (it keeps no cause): only a connection problem fails a BEGIN.
  'Error: cannot begin transaction',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
]

/** Socket-level failures on the way to the database. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'])

/**
 * SQLSTATEs: class 08 (connection exception), admin/crash shutdown and "cannot connect now"
 * (57P01–57P03: a restart), too many connections (53300), and query_canceled (57014: our
 * statement timeout — the database is too slow to answer now).
 */
function unavailableSqlState(code: string): boolean {
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300' || code === '57014'
}

interface ErrorLike {
  code?: unknown
  message?: unknown
  cause?: unknown
}

/** The code and message of the first error in `err`'s cause chain that means the database is unavailable. */
export function databaseOutageOf(err: unknown): { code?: string; message: string } | undefined {
  let current: unknown = err
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const e = current as ErrorLike
    // fetch's network failures (an outside HTTP service: Twilio, OpenAI) carry the same socket
    // codes in their cause: they are not the database.
    if (current instanceof TypeError && current.message === 'fetch failed') return undefined
    const code = typeof e.code === 'string' ? e.code : undefined
    const message = typeof e.message === 'string' ? e.message : ''
    if (code && (NETWORK_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && unavailableSqlState(code)))) return { code, message }
    if (CONNECTION_MESSAGES.some((m) => message.startsWith(m))) return { code, message }
    current = e.cause
  }
  return undefined
}

export const DATABASE_UNAVAILABLE_MESSAGE = 'The booking system is briefly unavailable. Please try again in a moment.'

/** The 503 for an error that means the database is unavailable, or undefined (logged as a warning). */
export function databaseUnavailable(err: unknown, log?: Logger): UnavailableError | undefined {
  const outage = databaseOutageOf(err)
  if (!outage) return undefined
  log?.warn({ code: outage.code, error: outage.message }, 'database unavailable: answering 503')
  return new UnavailableError(DATABASE_UNAVAILABLE_MESSAGE, 'database_unavailable')
}

interface GuardableClient {
  on(event: 'error', listener: (err: Error & { code?: string }) => void): unknown
  /** Set by pg-pool on every checkout: gives the client back (with an error: drops it). */
  release?: (err?: Error | boolean) => void
}

/** What guardPoolClients needs of a pg Pool (public events only). */
export interface GuardablePool {
  on(event: 'acquire', listener: (client: GuardableClient) => void): unknown
  on(event: 'release', listener: (err: Error | boolean | undefined, client: GuardableClient) => void): unknown
}

/**
 * Guards every client the pool hands out (see the file comment), registered on 'acquire', which
 * every checkout emits, so clients opened before this ran are covered too:
 * - an 'error' listener of its own, so a connection that dies while checked out is logged, not an
 *   uncaught exception;
 * - and such a client is given back to the pool at once, with the error (pg-pool then drops it
 *   and opens a new one for the next caller). Its holder may never give it back: drizzle-orm
 *   0.45's transaction does not release its client when BEGIN fails, and Payload's Postgres
 *   adapter keeps one client checked out for good (its reconnect watch) and takes another after a
 *   reset. Each would otherwise shrink the pool by one per outage, until every request waits for
 *   a connection that never comes. The holder's own later release becomes a no-op.
 */
export function guardPoolClients(pool: GuardablePool, log: Logger): void {
  const guarded = new WeakSet<GuardableClient>()
  const out = new WeakSet<GuardableClient>()
  pool.on('release', (_err, client) => {
    out.delete(client)
  })
  pool.on('acquire', (client) => {
    out.add(client)
    if (guarded.has(client)) return
    guarded.add(client)
    client.on('error', (err) => {
      const checkedOut = out.has(client)
      log.warn({ code: err.code, error: err.message, checkedOut }, 'database connection failed; its request fails, the pool replaces it')
      const release = client.release
      if (!checkedOut || typeof release !== 'function') return
      out.delete(client)
      client.release = () => undefined
      release(err)
    })
  })
}
