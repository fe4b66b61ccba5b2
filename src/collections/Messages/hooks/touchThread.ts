/**
 * A new message moves its thread to the top of the inbox: last activity, channel and preview, and
 * an inbound one counts as unread and reopens a thread marked done. One UPDATE with increments,
 * in the message's transaction, so two messages at once never lose a count.
 */
import type { CollectionAfterChangeHook } from 'payload'

import { maskLinks, previewOf, relationId } from '../../../domain'
import { sql, transactionDb } from '../../../infra/db'

export const touchThread: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation !== 'create') return doc
  const threadId = relationId(doc.thread)
  if (threadId === null) return doc
  const at = typeof doc.createdAt === 'string' ? doc.createdAt : new Date().toISOString()
  const inbound = doc.direction === 'inbound'
  const preview = previewOf(maskLinks(typeof doc.subject === 'string' && doc.subject && doc.channel === 'email' ? `${doc.subject} — ${String(doc.body ?? '')}` : String(doc.body ?? '')), 200)
  const bookingId = relationId(doc.booking)
  const db = await transactionDb(req)
  await db.execute(sql`
    UPDATE threads SET
      last_message_at = GREATEST(COALESCE(last_message_at, ${at}), ${at}),
      last_channel = ${doc.channel},
      last_direction = ${doc.direction},
      last_preview = ${preview},
      last_booking_id = COALESCE(${bookingId}, last_booking_id),
      unread_count = unread_count + ${inbound ? 1 : 0},
      last_inbound_at = CASE WHEN ${inbound} THEN ${at} ELSE last_inbound_at END,
      state = CASE WHEN ${inbound} THEN 'open' ELSE state END,
      updated_at = now()
    WHERE id = ${threadId}`)
  return doc
}
