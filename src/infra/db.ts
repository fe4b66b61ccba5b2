/**
 * Raw SQL inside the current request's transaction (Payload's drizzle session for
 * `req.transactionID`), for the few statements the Local API cannot express atomically, the one
 * way to run work in a transaction, and the guard that makes a failed COMMIT fail the request
 * (`surfaceCommitFailures`).
 */
import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import { commitTransaction, initTransaction, killTransaction, type PayloadRequest } from 'payload'
import type { Logger } from 'pino'

export { sql }

export async function transactionDb(req: PayloadRequest): Promise<PostgresAdapter['drizzle']> {
  const db = req.payload.db as unknown as PostgresAdapter
  const id = req.transactionID ? await req.transactionID : undefined
  return (id !== undefined ? db.sessions[id]?.db : undefined) ?? db.drizzle
}

/** Runs `work` in a transaction of its own (or the request's, if one is open), committing on success. */
export async function inTransaction<T>(req: PayloadRequest, work: () => Promise<T>): Promise<T> {
  const owned = await initTransaction(req)
  try {
    const result = await work()
    if (owned) await commitTransaction(req)
    return result
  } catch (err) {
    if (owned) await killTransaction(req)
    throw err
  }
}

type Transaction = PostgresAdapter['sessions'][string]['db']

/**
 * Makes a failed COMMIT fail the request, and a COMMIT whose answer was lost end the way Postgres
 * decided — for every transaction of this Payload (installed from payload.config.ts `onInit`).
 *
 * Payload's drizzle adapter (3.90) cannot see a COMMIT fail: `commitTransaction` awaits a promise
 * it made with `.catch(...)`, so a COMMIT that failed — the connection cut, a deferred check —
 * returns normally and the request answers 201 for a booking that was never stored (seen by
 * `npm run faults`: Postgres cut under booking load). Here `drizzle.transaction` is wrapped to
 * keep its own outcome, and `commitTransaction` asks for the transaction's id
 * (`pg_current_xact_id_if_assigned()`, one round trip; none for a transaction that wrote nothing) before it lets drizzle COMMIT, then awaits that outcome.
 * If the COMMIT failed, a fresh connection asks Postgres what became of the transaction
 * (`pg_xact_status`): committed (only the answer was lost) → success; aborted, or still unknown
 * after COMMIT_STATUS_WAIT_MS of outage → the error is thrown (503 `database_unavailable`).
 * Relies on the adapter's `sessions` (as transactionDb above does) and `drizzle.transaction`.
 */
export function surfaceCommitFailures(adapter: PostgresAdapter, log: Logger): void {
  const outcomes = new WeakMap<object, Promise<unknown>>()
  const drizzle = adapter.drizzle as unknown as { transaction: (work: (tx: object) => Promise<unknown>, config?: unknown) => Promise<unknown> }
  const transaction = drizzle.transaction.bind(drizzle)
  drizzle.transaction = (work, config) => {
    const holder: { done?: Promise<unknown> } = {}
    holder.done = transaction(async (tx) => {
      if (holder.done) outcomes.set(tx, holder.done)
      return work(tx)
    }, config)
    return holder.done
  }

  const commitAsPayloadDoes = adapter.commitTransaction.bind(adapter)
  adapter.commitTransaction = async (incomingID = '') => {
    const id = incomingID instanceof Promise ? await incomingID : incomingID
    const session = adapter.sessions[id]
    const done = session ? outcomes.get(session.db) : undefined
    if (!session || !done) return commitAsPayloadDoes(id)
    // Out of the registry first, as Payload's own commit does: nothing else may use it now.
    // (Payload's registry is a plain object keyed by transaction id.)
    Reflect.deleteProperty(adapter.sessions, id)
    let xact: string | null | undefined
    try {
      xact = await currentXact(session.db)
    } catch (err) {
      // Nothing was committed: roll back (on a dead connection that fails too; drizzle frees it).
      await session.reject()
      throw err
    }
    await session.resolve()
    try {
      await done
    } catch (err) {
      // A transaction that wrote nothing has nothing to lose: its reads stand.
      if (xact === null) return
      if (xact !== undefined && (await committedAfterAll(adapter, xact, log))) return
      throw err
    }
  }
}

const COMMIT_STATUS_WAIT_MS = 10_000

/** The transaction's id, or null when it has written nothing (Postgres assigns ids on the first write). */
async function currentXact(tx: Transaction): Promise<string | null | undefined> {
  const result = (await tx.execute(sql`SELECT pg_current_xact_id_if_assigned()::text AS xact`)) as unknown as { rows: { xact: string | null }[] }
  return result.rows[0]?.xact
}

/** Whether Postgres committed transaction `xact` (its COMMIT's answer never came back). */
async function committedAfterAll(adapter: PostgresAdapter, xact: string, log: Logger): Promise<boolean> {
  const deadline = Date.now() + COMMIT_STATUS_WAIT_MS
  let status: string | null | undefined
  while (Date.now() < deadline) {
    try {
      status = (await adapter.pool.query<{ status: string | null }>('SELECT pg_xact_status($1::xid8) AS status', [xact])).rows[0]?.status
      // 'in progress': the server has not yet seen the connection go; ask again.
      if (status === 'committed' || status === 'aborted' || status === null) break
    } catch (err) {
      log.debug({ err: err instanceof Error ? err.message : String(err) }, 'asking for a transaction’s outcome failed; trying again')
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  if (status === 'committed') {
    log.warn({ xact }, 'COMMIT lost its answer but Postgres committed: the request succeeds')
    return true
  }
  if (status !== 'aborted' && status !== null) log.error({ xact, status }, 'the outcome of a COMMIT whose answer was lost is unknown: answered as failed (503)')
  return false
}
