/**
 * Raw SQL inside the current request's transaction (Payload's drizzle session for
 * `req.transactionID`), for the few statements the Local API cannot express atomically.
 */
import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

export { sql }

export async function transactionDb(req: PayloadRequest): Promise<PostgresAdapter['drizzle']> {
  const db = req.payload.db as unknown as PostgresAdapter
  const id = req.transactionID ? await req.transactionID : undefined
  return (id !== undefined ? db.sessions[id]?.db : undefined) ?? db.drizzle
}
