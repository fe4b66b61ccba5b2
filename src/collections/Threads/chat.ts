/**
 * Staff and the storefront chat, in the caller's transaction (pass `req`):
 * - `takeOverChat`: a staff member answers the thread's chat from now on; the assistant pauses;
 * - `handBackChat`: the assistant answers again;
 * - `hasChat`: whether the thread has a chat to write into (an anonymous visitor's thread, or a
 *   thread with chat turns).
 * The caller publishes the change on the chat bus AFTER the commit (src/chat/bus.ts), so the
 * widget never hears of a change that was rolled back. Managers and admins only (checked by the
 * endpoints).
 */
import type { PayloadRequest } from 'payload'

import { NotFoundError, staffFirstName } from '../../domain'
import { sql, transactionDb } from '../../infra/db'

export interface ChatHandover {
  threadId: number
  /** The staff member's first name, as the customer sees it ("Ana"). */
  name: string
  /** false when nothing changed (already taken over by this person, or already the assistant's). */
  changed: boolean
}

async function staffName(req: PayloadRequest, userId: number): Promise<string> {
  const user = await req.payload.findByID({ collection: 'users', id: userId, depth: 0, overrideAccess: true, disableErrors: true, req, select: { name: true } })
  return staffFirstName(user)
}

export async function hasChat(req: PayloadRequest, threadId: number): Promise<boolean> {
  const db = await transactionDb(req)
  const found = await db.execute<{ yes: boolean }>(
    sql`SELECT (t.visitor IS NOT NULL OR EXISTS (SELECT 1 FROM messages m WHERE m.thread_id = t.id AND m.channel = 'chat')) AS yes FROM threads t WHERE t.id = ${threadId}`,
  )
  const row = found.rows[0]
  if (!row) throw new NotFoundError('No thread with that id.')
  return row.yes
}

export async function takeOverChat(req: PayloadRequest, threadId: number, userId: number): Promise<ChatHandover> {
  const db = await transactionDb(req)
  const before = await db.execute<{ chat_mode: string; chat_staff_id: number | null }>(sql`SELECT chat_mode, chat_staff_id FROM threads WHERE id = ${threadId} FOR UPDATE`)
  const row = before.rows[0]
  if (!row) throw new NotFoundError('No thread with that id.')
  const name = await staffName(req, userId)
  if (row.chat_mode === 'staff' && row.chat_staff_id === userId) return { threadId, name, changed: false }
  await db.execute(sql`UPDATE threads SET chat_mode = 'staff', chat_staff_id = ${userId}, updated_at = now() WHERE id = ${threadId}`)
  return { threadId, name, changed: true }
}

export async function handBackChat(req: PayloadRequest, threadId: number): Promise<ChatHandover> {
  const db = await transactionDb(req)
  const before = await db.execute<{ chat_mode: string; chat_staff_id: number | null }>(sql`SELECT chat_mode, chat_staff_id FROM threads WHERE id = ${threadId} FOR UPDATE`)
  const row = before.rows[0]
  if (!row) throw new NotFoundError('No thread with that id.')
  const name = row.chat_staff_id === null ? staffFirstName(null) : await staffName(req, row.chat_staff_id)
  if (row.chat_mode !== 'staff') return { threadId, name, changed: false }
  await db.execute(sql`UPDATE threads SET chat_mode = 'assistant', chat_staff_id = NULL, updated_at = now() WHERE id = ${threadId}`)
  return { threadId, name, changed: true }
}
