/**
 * POST /api/messages/:id/retry — a manager or an admin sends a failed email or text again from
 * the inbox: back to `queued` with a new job (retryMessage in src/collections/Messages/store.ts),
 * sent once by the job runner. 200 { message: { id, status: 'queued' } }; 409 `not_failed` for a
 * message that is not failed (a sent one never goes twice), 404 unknown message, 503 for a text
 * while SMS is not configured; 401 signed out, 403 anyone else. Mounted on the messages
 * collection; kept here with the other inbox endpoints.
 */
import type { Endpoint } from 'payload'

import { jsonResponse, refusal } from '../../../http/responses'
import { inTransaction } from '../../../infra/db'
import { retryMessage } from '../../Messages/store'
import { refuseUnlessManager, routeId } from './shared'

export const retryMessageEndpoint: Endpoint = {
  method: 'post',
  path: '/:id/retry',
  handler: async (req) => {
    const refused = refuseUnlessManager(req, 'retry a message')
    if (refused) return refused
    try {
      const id = routeId(req, 'message')
      await inTransaction(req, () => retryMessage(req, id))
      return jsonResponse({ status: 200, body: JSON.stringify({ message: { id, status: 'queued' } }) })
    } catch (err) {
      return jsonResponse(refusal(err))
    }
  },
}
