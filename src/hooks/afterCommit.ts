/**
 * Runs work once the request's database transaction has COMMITTED: Payload runs afterChange and
 * afterDelete hooks inside the write's transaction (`req.transactionID`), so a cache purged there
 * can be refilled from the old rows by a reader before the commit. Tasks queued here run after
 * the commit; after a rollback they are dropped (nothing changed, so nothing is purged). Without
 * a transaction (none was opened, or the adapter has none) the write is already durable and the
 * task runs at once.
 *
 * How: Payload's Postgres adapter (@payloadcms/drizzle 3.90, transactions/beginTransaction.js)
 * keeps each open transaction as `payload.db.sessions[id] = { db, resolve, reject }`, and commits
 * or rolls back by calling `resolve()` / `reject()`, which return the drizzle transaction's own
 * promise (settled after COMMIT / ROLLBACK). We wrap those two functions once per transaction.
 * If that shape is ever missing, the task runs at once and a warning says so
 * (tests/int/after-commit.int.spec.ts pins the behaviour). A task's failure is logged, never
 * thrown: the write has already happened. Must never run a task inside the transaction.
 */
import type { PayloadRequest } from 'payload'

import { logger } from '../server/logger'

const log = logger.child({ module: 'after-commit' })

type Task = () => Promise<void>
interface Session {
  resolve?: () => Promise<unknown>
  reject?: () => Promise<unknown>
}

const QUEUE = Symbol.for('myhibachi.afterCommitQueue')
type WrappedSession = Session & { [QUEUE]?: Task[] }

async function runAll(tasks: Task[]): Promise<void> {
  for (const task of tasks) {
    try {
      await task()
    } catch (err) {
      log.error({ err }, 'a task after commit failed')
    }
  }
}

/** The adapter's open session for the request's transaction, or null when there is none. */
async function sessionOf(req: PayloadRequest): Promise<WrappedSession | null | 'unknown'> {
  const id = req.transactionID instanceof Promise ? await req.transactionID : req.transactionID
  if (id === undefined || id === null || id === '') return null
  const sessions = (req.payload.db as unknown as { sessions?: Record<string, WrappedSession> }).sessions
  if (!sessions) return 'unknown'
  const session = sessions[String(id)]
  // Already ended (committed or rolled back while this hook ran): nothing left to wait for.
  if (!session) return null
  return typeof session.resolve === 'function' && typeof session.reject === 'function' ? session : 'unknown'
}

/** Queues `task` to run after the request's transaction commits (at once when there is none). */
export async function afterCommit(req: PayloadRequest, task: Task): Promise<void> {
  const session = await sessionOf(req)
  if (session === null) return runAll([task])
  if (session === 'unknown') {
    log.warn('the database adapter does not expose its transaction; running the task now')
    return runAll([task])
  }
  const queued = session[QUEUE]
  if (queued) {
    queued.push(task)
    return
  }
  const tasks: Task[] = [task]
  session[QUEUE] = tasks
  const commit = session.resolve as () => Promise<unknown>
  const rollback = session.reject as () => Promise<unknown>
  session.resolve = async () => {
    const done = await commit()
    // Awaited, so the request that wrote answers only once its purges are done: the next request sees the change.
    await runAll(tasks.splice(0))
    return done
  }
  session.reject = async () => {
    const dropped = tasks.splice(0).length
    if (dropped > 0) log.debug({ dropped }, 'transaction rolled back: tasks dropped')
    return rollback()
  }
}
