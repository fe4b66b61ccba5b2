/**
 * The thread a message belongs to, found or created in ONE statement inside the caller's
 * transaction (INSERT … ON CONFLICT DO NOTHING, then SELECT), so two messages arriving at once
 * for a new customer never make two threads: the unique index on customer (or phone) decides.
 * Raw SQL because the Local API cannot say "insert or find".
 */
import type { PayloadRequest } from 'payload'

import { sql, transactionDb } from '../../infra/db'

/** A customer, a phone number we do not know yet, or an anonymous storefront chat (its conversation id). */
export type ThreadOwner = { customerId: number } | { phone: string } | { visitor: string }

async function titleFor(req: PayloadRequest, owner: ThreadOwner): Promise<string> {
  if ('phone' in owner) return owner.phone
  if ('visitor' in owner) return `Chat visitor ${owner.visitor.slice(0, 6)}`
  const db = await transactionDb(req)
  const found = await db.execute<{ name: string | null; email: string | null }>(sql`SELECT name, email FROM customers WHERE id = ${owner.customerId}`)
  const row = found.rows[0]
  if (!row) throw new Error(`customer ${owner.customerId} does not exist`)
  return [row.name, row.email ? `<${row.email}>` : ''].filter(Boolean).join(' ').slice(0, 200) || `Customer ${owner.customerId}`
}

export async function threadFor(req: PayloadRequest, owner: ThreadOwner): Promise<number> {
  const db = await transactionDb(req)
  const title = await titleFor(req, owner)
  const now = new Date().toISOString()
  const inserted =
    'phone' in owner
      ? await db.execute<{ id: number }>(
          sql`INSERT INTO threads (title, phone, state, unread_count, updated_at, created_at) VALUES (${title}, ${owner.phone}, 'open', 0, ${now}, ${now}) ON CONFLICT (phone) DO NOTHING RETURNING id`,
        )
      : 'visitor' in owner
        ? await db.execute<{ id: number }>(
            sql`INSERT INTO threads (title, visitor, state, unread_count, updated_at, created_at) VALUES (${title}, ${owner.visitor}, 'open', 0, ${now}, ${now}) ON CONFLICT (visitor) DO NOTHING RETURNING id`,
          )
        : await db.execute<{ id: number }>(
            sql`INSERT INTO threads (title, customer_id, state, unread_count, updated_at, created_at) VALUES (${title}, ${owner.customerId}, 'open', 0, ${now}, ${now}) ON CONFLICT (customer_id) DO NOTHING RETURNING id`,
          )
  const created = inserted.rows[0]
  if (created) return created.id
  const found =
    'phone' in owner
      ? await db.execute<{ id: number }>(sql`SELECT id FROM threads WHERE phone = ${owner.phone}`)
      : 'visitor' in owner
        ? await db.execute<{ id: number }>(sql`SELECT id FROM threads WHERE visitor = ${owner.visitor}`)
        : await db.execute<{ id: number }>(sql`SELECT id FROM threads WHERE customer_id = ${owner.customerId}`)
  const existing = found.rows[0]
  if (!existing) throw new Error('thread row vanished between insert and select')
  return existing.id
}
