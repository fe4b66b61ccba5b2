/**
 * The storefront chat's WebSocket server (`/ws/chat`, routed by src/server/upgrade-router.ts).
 * One per app instance, on the custom server's own Payload (outside Next's bundles).
 *
 * A connection's life:
 * 1. Handshake: the Origin must be the site's (PUBLIC_SERVER_URL, the request's own host, or one
 *    of CHAT_ALLOWED_ORIGINS), else HTTP 403; at most CHAT_MAX_CONNECTIONS_PER_IP sockets per
 *    address on this instance, else the socket is closed at once with 4029. A visitor without a
 *    valid conversation cookie gets one (Set-Cookie on the 101 response).
 * 2. `hello`: the conversation is decided (identity.ts), `ready` tells who answers, and the turns
 *    after `since` are sent (resync after a reconnect).
 * 3. `message`: checked (protocol.ts), rate-limited per connection, stored once per client id,
 *    echoed back as the ack; then, unless staff took the chat over, answered — the assistant's
 *    text streams as `delta` frames to this socket, the stored reply goes out as `done`, and every
 *    other socket of the conversation (another tab, another instance) gets it through the bus.
 *    Answers of one conversation are written one after another on an instance.
 * 4. A stored customer turn is answered even when its first answer was lost: an answer that fails
 *    before it streamed anything is tried once more, and a window that says `hello` to a
 *    conversation whose last turn is the customer's (recent, unanswered, not being answered here:
 *    the server that took it stopped mid-answer, or its socket dropped and the provider's stream
 *    was aborted with it) gets that turn answered.
 * Frames over CHAT_FRAME_MAX_BYTES close the socket with 1009 (the ws library's maxPayload);
 * a dead socket (no pong within a heartbeat) is terminated; shutdown closes every socket with 1001.
 * A frame or an answer that fails unexpectedly is reported to error tracking (connection id only).
 * Must never log message text, cookies or tokens.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'

import type { Payload } from 'payload'
import type { Logger } from 'pino'
import { RateLimiterMemory } from 'rate-limiter-flexible'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'

import { CHAT_CLOSE, CHAT_FRAME_MAX_BYTES, chatLinkSchema, parseClientFrame, type AssistantKind, type ChatLink, type ChatMessage, type ServerFrame } from '../domain/chat/protocol'
import { reportError } from '../server/error-tracking'
import { AssistantUnavailableError, type Answerer } from './assistant/types'
import type { ChatBus, ChatEvent } from './bus'
import { chatMessageById, chatStateOf, findThread, lastChatTurn, localReq, markSeen, messagesSince, storeAssistantReply, storeCustomerMessage } from './conversations'
import { loadGrounding } from './grounding'
import { CHAT_COOKIE, cookieValue, customerOf, newVisitorId, resolveConversation, verifyVisitor, visitorCookieHeader, type Conversation } from './identity'
import { createChatTools } from './tools'

export interface ChatServerOptions {
  payload: Payload
  bus: ChatBus
  log: Logger
  /** The AI assistant, or the plain responder when no AI is configured. */
  answerer: Answerer
  /** Origins allowed besides the request's own host: PUBLIC_SERVER_URL's and CHAT_ALLOWED_ORIGINS. */
  allowedOrigins: string[]
  maxConnectionsPerIp: number
  messagesPerMinute: number
  heartbeatMs: number
  /** Mark the visitor cookie Secure (production behind https). */
  secureCookies: boolean
  /** The client address of a request (trusting proxies as configured). */
  clientIp: (req: IncomingMessage) => string
}

/** Rejected messages in a row after which a flooding connection is closed. */
const REJECTIONS_BEFORE_CLOSE = 5
/** A customer turn left unanswered longer than this is left to staff (the inbox), not answered on reconnect. */
export const UNANSWERED_RECOVERY_MS = 10 * 60_000
/** Wait before the one retry of an answer that failed before it streamed anything. */
const ANSWER_RETRY_MS = 1_000
/** Turns given to the answerer as context. */
const HISTORY_FOR_ANSWER = 20
/** The links offered when the assistant cannot answer. */
export const FALLBACK_LINKS: ChatLink[] = [
  { label: 'Book online', href: '/book' },
  { label: 'Contact us', href: '/contact' },
]

interface Connection {
  id: string
  socket: WebSocket
  ip: string
  visitorId: string
  customerId: number | null
  alive: boolean
  conversation?: Conversation
  threadId: number | null
  /** Message ids already sent on this socket (the echo and the bus both carry a turn). */
  sent: Set<number>
  /** Frames are handled one after another per connection. */
  queue: Promise<void>
  rejections: number
  abort: AbortController
}

export interface ChatServer {
  /** The upgrade handler for /ws/chat. */
  handleUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void
  /** Open sockets on this instance. */
  connections: () => number
  /** Closes every socket with 1001 and stops (shutdown). */
  close: () => Promise<void>
}

const pending = new WeakMap<IncomingMessage, { visitorId: string; setCookie: boolean }>()

function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin
  if (!origin) return false
  let parsed: URL
  try {
    parsed = new URL(origin)
  } catch {
    return false
  }
  if (allowed.includes(parsed.origin)) return true
  // Same origin as the handshake itself (the page and the socket on one host).
  return typeof req.headers.host === 'string' && parsed.host === req.headers.host
}

export function createChatServer(options: ChatServerOptions): ChatServer {
  const { payload, bus, answerer } = options
  const log = options.log.child({ module: 'chat' })
  const wss = new WebSocketServer({ noServer: true, maxPayload: CHAT_FRAME_MAX_BYTES, perMessageDeflate: false })
  const connections = new Set<Connection>()
  const byThread = new Map<number, Set<Connection>>()
  const perIp = new Map<string, number>()
  const limiter = new RateLimiterMemory({ points: options.messagesPerMinute, duration: 60 })
  // One address with many windows open gets a few windows' worth, not CHAT_MAX_CONNECTIONS_PER_IP times as many.
  const ipLimiter = new RateLimiterMemory({ points: options.messagesPerMinute * 3, duration: 60 })
  let closing = false
  /** The answer being written per conversation on this instance (a new message is acked while the last one is answered). */
  const answering = new Map<number, Promise<void>>()

  const send = (c: Connection, frame: ServerFrame) => {
    if (c.socket.readyState !== c.socket.OPEN) return
    c.socket.send(JSON.stringify(frame))
  }
  const sendMessage = (c: Connection, message: ChatMessage) => {
    if (c.sent.has(message.id)) return
    c.sent.add(message.id)
    if (c.sent.size > 2_000) c.sent.delete(c.sent.values().next().value as number)
    send(c, { type: 'message', message })
  }
  const join = (c: Connection, threadId: number) => {
    c.threadId = threadId
    let set = byThread.get(threadId)
    if (!set) byThread.set(threadId, (set = new Set()))
    set.add(c)
  }
  const leave = (c: Connection) => {
    if (c.threadId === null) return
    const set = byThread.get(c.threadId)
    set?.delete(c)
    if (set?.size === 0) byThread.delete(c.threadId)
  }

  // Turns and staff changes from any instance, for the sockets held here.
  const onEvent = (event: ChatEvent) => {
    const holders = byThread.get(event.threadId)
    if (!holders || holders.size === 0) return
    if (event.kind === 'staff') {
      for (const c of holders) send(c, event.joined ? { type: 'staff_joined', name: event.name } : { type: 'staff_left', name: event.name })
      return
    }
    chatMessageById(payload, event.messageId).then(
      (found) => {
        if (!found || found.threadId !== event.threadId) return
        for (const c of holders) sendMessage(c, found.message)
      },
      (err: unknown) => log.error({ err, messageId: event.messageId }, 'chat: could not read a published message (the widget resyncs on reconnect)'),
    )
  }
  const unsubscribe = bus.subscribe(onEvent)

  const heartbeat = setInterval(() => {
    const seen = new Set<number>()
    for (const c of connections) {
      if (!c.alive) {
        log.debug({ connection: c.id }, 'chat: no pong, closing a dead socket')
        c.socket.terminate()
        continue
      }
      c.alive = false
      c.socket.ping()
      if (c.threadId !== null) seen.add(c.threadId)
    }
    markSeen(payload, [...seen]).catch((err: unknown) => log.warn({ err }, 'chat: could not mark open chats as seen'))
  }, options.heartbeatMs)
  heartbeat.unref()

  /** Writes the assistant's answer to the conversation's latest turns. `streamed` is set once a delta went out. */
  async function answer(c: Connection, threadId: number, progress: { streamed: boolean }): Promise<void> {
    const conversation = c.conversation
    if (!conversation) return
    const turn = randomUUID()
    send(c, { type: 'typing', role: 'assistant' })
    const req = await localReq(payload)
    const [history, grounding] = await Promise.all([messagesSince(payload, threadId), loadGrounding(req)])
    const tools = createChatTools(req, { bookingId: conversation.bookingId, customerId: conversation.customerId })
    let outcome
    try {
      outcome = await answerer.answer(
        { history: history.slice(-HISTORY_FOR_ANSWER).map((m) => ({ role: m.role, text: m.text })), tools, grounding, signal: c.abort.signal, hasBooking: conversation.bookingId !== null },
        (text) => {
          progress.streamed = true
          send(c, { type: 'delta', turn, text })
        },
      )
    } catch (err) {
      if (c.abort.signal.aborted) return
      if (err instanceof AssistantUnavailableError) {
        log.warn({ reason: err.reason }, 'chat: the assistant is unavailable; offering the form and staff contact')
        const phone = grounding.phone ? ` or call us at ${grounding.phone}` : ''
        send(c, { type: 'error', code: 'assistant_unavailable', message: `Our assistant cannot answer right now. You can book online, or send us a message${phone}: staff will see your question.`, links: FALLBACK_LINKS })
        return
      }
      throw err
    }
    const links = outcome.links.filter((l) => chatLinkSchema.safeParse(l).success).slice(0, 5)
    const store = () => storeAssistantReply(payload, { owner: conversation.owner, bookingId: conversation.bookingId, text: outcome.text, links })
    // The reply already streamed: a failed write (a dropped connection; a COMMIT that failed is known
    // not to have stored it, src/infra/db.ts) is tried once more rather than losing the answer.
    const reply = await store().catch(async (err: unknown) => {
      log.warn({ err, connection: c.id }, 'chat: storing a reply failed; trying once more')
      await new Promise((resolve) => setTimeout(resolve, ANSWER_RETRY_MS))
      return store()
    })
    c.sent.add(reply.id)
    send(c, { type: 'done', turn, message: reply })
    await bus.publish({ kind: 'message', threadId, messageId: reply.id })
  }

  /**
   * Queues an answer for the conversation behind whatever this instance is already writing for it.
   * `unanswered`: answer only if that customer turn is still the conversation's last (recovery).
   */
  function queueAnswer(c: Connection, threadId: number, unanswered?: number): void {
    const previous = answering.get(threadId) ?? Promise.resolve()
    const next: Promise<void> = previous
      .then(async () => {
        // Staff may have taken the chat over while an earlier answer was written.
        if ((await chatStateOf(payload, threadId)).mode === 'staff') return
        if (unanswered !== undefined && (await lastChatTurn(payload, threadId))?.id !== unanswered) return
        const progress = { streamed: false }
        try {
          await answer(c, threadId, progress)
        } catch (err) {
          if (progress.streamed || c.abort.signal.aborted) throw err
          log.warn({ err, connection: c.id }, 'chat: an answer failed before it streamed; trying once more')
          await new Promise((resolve) => setTimeout(resolve, ANSWER_RETRY_MS))
          if (c.abort.signal.aborted) return
          await answer(c, threadId, progress)
        }
      })
      .catch((err: unknown) => {
        log.error({ err, connection: c.id }, 'chat: an answer failed')
        reportError(err, { source: 'chat', connection: c.id })
        send(c, { type: 'error', code: 'internal', message: 'Something went wrong on our side; please try again.' })
      })
      .finally(() => {
        if (answering.get(threadId) === next) answering.delete(threadId)
      })
    answering.set(threadId, next)
  }

  async function onHello(c: Connection, since: number | undefined, manage: string | undefined): Promise<void> {
    if (c.conversation) {
      send(c, { type: 'error', code: 'invalid_frame', field: 'type', message: 'hello was already sent' })
      return
    }
    const decided = await resolveConversation(payload, { customerId: c.customerId, visitorId: c.visitorId, manage })
    if (!decided.ok) {
      c.socket.close(CHAT_CLOSE.forbidden, 'This booking link is not valid')
      return
    }
    c.conversation = decided.conversation
    const threadId = await findThread(payload, decided.conversation.owner)
    const state = threadId === null ? { mode: 'assistant' as const, staff: null } : await chatStateOf(payload, threadId)
    const assistant: AssistantKind = answerer.kind
    send(c, { type: 'ready', assistant, staff: state.staff, known: decided.conversation.kind !== 'visitor' })
    if (threadId === null) return
    join(c, threadId)
    for (const m of await messagesSince(payload, threadId, since)) sendMessage(c, m)
    await markSeen(payload, [threadId])
    // The customer's last turn never got its answer (see 4. above): answer it now.
    if (state.mode === 'assistant' && !answering.has(threadId)) {
      const last = await lastChatTurn(payload, threadId)
      if (last?.role === 'customer' && Date.now() - Date.parse(last.at) < UNANSWERED_RECOVERY_MS) {
        log.info({ connection: c.id, messageId: last.id }, 'chat: answering a customer turn whose answer was lost')
        queueAnswer(c, threadId, last.id)
      }
    }
  }

  async function onMessage(c: Connection, clientId: string, text: string): Promise<void> {
    const conversation = c.conversation
    if (!conversation) {
      send(c, { type: 'error', code: 'not_ready', message: 'Send hello first', clientId })
      return
    }
    const stored = await storeCustomerMessage(payload, { owner: conversation.owner, bookingId: conversation.bookingId, clientId, text })
    if (c.threadId === null) {
      // The visitor's first message made the thread: the inbox shows it live from now, not from the next heartbeat.
      join(c, stored.threadId)
      await markSeen(payload, [stored.threadId])
    }
    if (!stored.created) {
      // A re-send of a message already stored: ack it again, answer nothing twice.
      c.sent.delete(stored.message.id)
      sendMessage(c, stored.message)
      return
    }
    sendMessage(c, stored.message)
    await bus.publish({ kind: 'message', threadId: stored.threadId, messageId: stored.message.id })
    queueAnswer(c, stored.threadId)
  }

  async function onFrame(c: Connection, data: RawData, isBinary: boolean): Promise<void> {
    if (isBinary) {
      c.socket.close(CHAT_CLOSE.protocolError, 'Text frames only')
      return
    }
    const parsed = parseClientFrame(data.toString())
    if (!parsed.ok) {
      c.rejections += 1
      send(c, { type: 'error', code: 'invalid_frame', field: parsed.field || undefined, message: parsed.message })
      if (c.rejections >= REJECTIONS_BEFORE_CLOSE) c.socket.close(CHAT_CLOSE.protocolError, 'Too many invalid frames')
      return
    }
    const frame = parsed.frame
    if (frame.type === 'hello') return onHello(c, frame.since, frame.manage)
    if (frame.type === 'typing') return
    try {
      await limiter.consume(c.id)
      await ipLimiter.consume(c.ip)
    } catch (rejected) {
      if (rejected instanceof Error) throw rejected
      c.rejections += 1
      send(c, { type: 'error', code: 'rate_limited', message: `Slow down: at most ${options.messagesPerMinute} messages a minute`, clientId: frame.clientId })
      if (c.rejections >= REJECTIONS_BEFORE_CLOSE) c.socket.close(CHAT_CLOSE.rateLimited, 'Too many messages')
      return
    }
    c.rejections = 0
    await onMessage(c, frame.clientId, frame.text)
  }

  function onConnection(socket: WebSocket, req: IncomingMessage): void {
    const ip = options.clientIp(req)
    const meta = pending.get(req)
    const c: Connection = {
      id: randomUUID(),
      socket,
      ip,
      visitorId: meta?.visitorId ?? newVisitorId(),
      customerId: null,
      alive: true,
      threadId: null,
      sent: new Set(),
      queue: Promise.resolve(),
      rejections: 0,
      abort: new AbortController(),
    }
    connections.add(c)
    perIp.set(ip, (perIp.get(ip) ?? 0) + 1)
    socket.on('pong', () => {
      c.alive = true
    })
    socket.on('error', (err) => log.debug({ err, connection: c.id }, 'chat socket error'))
    socket.on('close', () => {
      c.abort.abort()
      connections.delete(c)
      leave(c)
      const n = (perIp.get(ip) ?? 1) - 1
      if (n <= 0) perIp.delete(ip)
      else perIp.set(ip, n)
    })
    // Who is signed in is read once, before any frame is handled.
    c.queue = customerOf(payload, req).then(
      (id) => {
        c.customerId = id
      },
      (err: unknown) => log.warn({ err }, 'chat: could not read the customer session; chatting as a visitor'),
    )
    socket.on('message', (data, isBinary) => {
      c.queue = c.queue
        .then(() => onFrame(c, data, isBinary))
        .catch((err: unknown) => {
          log.error({ err, connection: c.id }, 'chat: a frame failed')
          reportError(err, { source: 'chat', connection: c.id })
          send(c, { type: 'error', code: 'internal', message: 'Something went wrong on our side; please try again.' })
        })
    })
  }

  wss.on('headers', (headers, req) => {
    const meta = pending.get(req)
    if (meta?.setCookie) headers.push(`Set-Cookie: ${visitorCookieHeader(meta.visitorId, options.secureCookies)}`)
  })
  wss.on('connection', onConnection)

  return {
    handleUpgrade(req, socket, head) {
      if (closing) {
        socket.destroy()
        return
      }
      if (!originAllowed(req, options.allowedOrigins)) {
        log.info({ origin: req.headers.origin ?? '(none)' }, 'chat: refused a handshake from another origin')
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
        return
      }
      const existing = verifyVisitor(cookieValue(req.headers.cookie, CHAT_COOKIE))
      pending.set(req, { visitorId: existing ?? newVisitorId(), setCookie: existing === undefined })
      const ip = options.clientIp(req)
      const over = (perIp.get(ip) ?? 0) >= options.maxConnectionsPerIp
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (over) {
          ws.close(CHAT_CLOSE.tooManyConnections, 'Too many chat windows open from this address')
          return
        }
        wss.emit('connection', ws, req)
      })
    },
    connections: () => connections.size,
    async close() {
      closing = true
      clearInterval(heartbeat)
      unsubscribe()
      const closed = [...connections].map(
        (c) =>
          new Promise<void>((resolve) => {
            c.abort.abort()
            if (c.socket.readyState === c.socket.CLOSED) return resolve()
            c.socket.once('close', () => resolve())
            c.socket.close(CHAT_CLOSE.goingAway, 'Server restarting')
            // A peer that never answers the close handshake is cut after a second.
            setTimeout(() => {
              c.socket.terminate()
              resolve()
            }, 1_000).unref()
          }),
      )
      await Promise.all(closed)
      await new Promise<void>((resolve) => wss.close(() => resolve()))
    },
  }
}
