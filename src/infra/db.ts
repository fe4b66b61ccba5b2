/**
 * Raw SQL inside the current request's transaction (Payload's drizzle session for
 * `req.transactionID`), for the few statements the Local API cannot express atomically, and the
 * one way to run work in a transaction.
 */
import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import { commitTransaction, initTransaction, killTransaction, type PayloadRequest } from 'payload'

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
