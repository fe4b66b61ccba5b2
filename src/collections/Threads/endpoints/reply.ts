/**
 * POST /api/threads/:id/reply { channel: 'email' | 'sms' | 'note' | 'chat', body, subject?, bookingId? }
 * — a manager or an admin answers a thread from the inbox (src/collections/Threads/replies.ts):
 * 201 { message: { id, channel, status } }, `queued` for an email or a text (the job runner sends
 * it), `sent` for a note or a chat reply (a chat reply also takes the chat over from the assistant). 400 naming the field (an empty body, a subject on a text, a booking that
 * is not the customer's, a channel the thread has no address for), 404 unknown thread, 503 when
 * SMS is not configured; 401 signed out, 403 anyone else. An Idempotency-Key makes a repeated
 * click (or a retry after a lost answer) send once.
 */
import type { Endpoint } from 'payload'

import { parseOrThrow } from '../../../domain'
import { replySchema } from '../../../domain/messaging/reply'
import { bodyValue, readJsonBody } from '../../../http/body'
import { respondIdempotently } from '../../../http/idempotent-endpoint'
import { jsonResponse, refusal } from '../../../http/responses'
import { inTransaction } from '../../../infra/db'
import { publishChatEvent } from '../../../chat/bus'
import { replyToThread } from '../replies'
import { refuseUnlessManager, routeId, staffId } from './shared'

export const replyEndpoint: Endpoint = {
  method: 'post',
  path: '/:id/reply',
  handler: async (req) => {
    const refused = refuseUnlessManager(req, 'reply to customers')
    if (refused) return refused
    let body
    try {
      body = await readJsonBody(req)
    } catch (err) {
      return jsonResponse(refusal(err))
    }
    const authorId = staffId(req)
    return respondIdempotently(req, {
      scope: `threads:reply:${String(req.routeParams?.id)}:users:${authorId}`,
      body: body.ok ? body.value : { unparsedBody: body.text },
      run: async () => {
        try {
          const input = parseOrThrow(replySchema, bodyValue(body))
          const threadId = routeId(req, 'thread')
          const { chat, ...message } = await inTransaction(req, () => replyToThread(req, threadId, input, authorId))
          // After the commit: the open chat window shows the reply (and who joined) on whichever instance holds it.
          if (chat) {
            if (chat.handover.changed) await publishChatEvent({ kind: 'staff', threadId: chat.threadId, joined: true, name: chat.handover.name })
            await publishChatEvent({ kind: 'message', threadId: chat.threadId, messageId: message.id })
          }
          return { status: 201, body: JSON.stringify({ message }) }
        } catch (err) {
          return refusal(err)
        }
      },
    })
  },
}
