/**
 * The customer for a booking, found or created by email in ONE statement inside the booking's
 * transaction: INSERT … ON CONFLICT (email) DO NOTHING waits for a concurrent insert of the same
 * email and then finds its row, so two simultaneous first bookings never race into a unique
 * violation. The account is created without a password (no slow hashing while the transaction
 * holds a connection) and unverified: a booking form proves nothing about the email, and the
 * customer gets in by a reset link. Raw SQL because the Local API cannot say "insert or find".
 */
import type { PayloadRequest } from 'payload'

import { sql, transactionDb } from '../../infra/db'

export async function findOrCreateCustomerByEmail(req: PayloadRequest, contact: { name: string; email: string; phone: string }): Promise<number> {
  const db = await transactionDb(req)
  const inserted = await db.execute<{ id: number }>(
    sql`INSERT INTO customers (email, name, phone, _verified) VALUES (${contact.email}, ${contact.name}, ${contact.phone}, false) ON CONFLICT (email) DO NOTHING RETURNING id`,
  )
  const created = inserted.rows[0]
  if (created) return created.id
  const found = await db.execute<{ id: number }>(sql`SELECT id FROM customers WHERE email = ${contact.email}`)
  const existing = found.rows[0]
  if (!existing) throw new Error('customer row vanished between insert and select')
  return existing.id
}
