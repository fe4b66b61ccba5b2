/**
 * POST /api/threads/:id/read — a manager or an admin opened the thread: every inbound message is
 * marked read and the thread's unread count is 0 (src/collections/Threads/replies.ts).
 * 200 { marked, unreadCount: 0 }; 404 unknown thread; 401 signed out, 403 anyone else.
 * Takes no body; repeating it is harmless (it marks nothing the second time).
 */
import type { Endpoint } from 'payload'

import { jsonResponse, refusal } from '../../../http/responses'
import { inTransaction } from '../../../infra/db'
import { markThreadRead } from '../replies'
import { refuseUnlessManager, routeId } from './shared'

export const markReadEndpoint: Endpoint = {
  method: 'post',
  path: '/:id/read',
  handler: async (req) => {
    const refused = refuseUnlessManager(req, 'read the inbox')
    if (refused) return refused
    try {
      const threadId = routeId(req, 'thread')
      const { marked } = await inTransaction(req, () => markThreadRead(req, threadId))
      return jsonResponse({ status: 200, body: JSON.stringify({ marked, unreadCount: 0 }) })
    } catch (err) {
      return jsonResponse(refusal(err))
    }
  },
}
