/**
 * POST /api/threads/:id/chat/takeover — the signed-in manager or admin answers the thread's
 * storefront chat from now on: the assistant pauses and the customer's window shows
 * "<name> from <business> joined". 200 { chatMode: 'staff', staff }.
 * POST /api/threads/:id/chat/release — the assistant answers again. 200 { chatMode: 'assistant' }.
 * Both: 400 naming `thread` when the thread has no chat, 404 unknown thread, 401 signed out, 403
 * anyone else; no body; repeating one is harmless. The change reaches every instance's sockets
 * through the chat bus, published after the commit.
 */
import type { Endpoint, PayloadRequest } from 'payload'

import { ValidationError } from '../../../domain'
import { jsonResponse, refusal } from '../../../http/responses'
import { inTransaction } from '../../../infra/db'
import { publishChatEvent } from '../../../chat/bus'
import { handBackChat, hasChat, takeOverChat, type ChatHandover } from '../chat'
import { refuseUnlessManager, routeId, staffId } from './shared'

async function handover(req: PayloadRequest, joined: boolean): Promise<Response> {
  const refused = refuseUnlessManager(req, 'answer chats')
  if (refused) return refused
  try {
    const threadId = routeId(req, 'thread')
    const userId = staffId(req)
    const result: ChatHandover = await inTransaction(req, async () => {
      if (!(await hasChat(req, threadId))) throw ValidationError.single('thread', 'This thread has no chat to answer.')
      return joined ? takeOverChat(req, threadId, userId) : handBackChat(req, threadId)
    })
    if (result.changed) await publishChatEvent({ kind: 'staff', threadId, joined, name: result.name })
    const body = joined ? { chatMode: 'staff', staff: result.name } : { chatMode: 'assistant' }
    return jsonResponse({ status: 200, body: JSON.stringify(body) })
  } catch (err) {
    return jsonResponse(refusal(err))
  }
}

export const takeOverChatEndpoint: Endpoint = { method: 'post', path: '/:id/chat/takeover', handler: (req) => handover(req, true) }
export const handBackChatEndpoint: Endpoint = { method: 'post', path: '/:id/chat/release', handler: (req) => handover(req, false) }
