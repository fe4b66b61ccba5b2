/**
 * The storefront chat's WebSocket, without any UI: it connects to /ws/chat, says hello (with the
 * highest message id it has seen, so the server sends only what came after), keeps trying again
 * with full-jitter backoff when the connection drops, and delivers every message the customer
 * writes exactly once:
 *
 * - a message goes into the outbox first (bounded: over QUEUE_LIMIT the send is refused with a
 *   reason the widget shows) and stays there until its ack arrives (the server's `message` frame
 *   carrying the same clientId);
 * - every un-acked message is sent again after every `ready` (each reconnect). The server stores
 *   a clientId once and answers a repeat with the stored message, so the customer sees it once;
 * - the outbox can be kept in sessionStorage (this tab only), so a reload does not lose it.
 *
 * A socket that opens but gets no `ready` in READY_TIMEOUT_MS is given up and tried again like a
 * dropped one. Every incoming frame goes through the protocol's zod schema; anything else is ignored. After a
 * close code in NO_RETRY_CLOSE_CODES (forbidden, protocol error) it does not reconnect on its own:
 * the state becomes 'closed' with that code and the widget offers "Try again" (`retry()`).
 *
 * Framework-free (no React): the WebSocket constructor, the timers, the clock, the random source,
 * the network status and the storage are injected; the browser's own are the defaults. Must never
 * write to the console, and never send a frame the protocol does not define.
 */
import {
  CHAT_CLOSE,
  CHAT_MESSAGE_MAX,
  CLIENT_ID_PATTERN,
  NO_RETRY_CLOSE_CODES,
  parseServerFrame,
  type ChatErrorCode,
  type ClientFrame,
  type ServerFrame,
} from '../../domain/chat/protocol'
import { Backoff, fullJitterDelay } from './backoff'

export type ChatConnectionState = 'connecting' | 'open' | 'reconnecting' | 'offline' | 'closed'

/** The path of the chat socket on the site's own origin. */
export const CHAT_SOCKET_PATH = '/ws/chat'
/** How many messages may wait for delivery at once. */
export const QUEUE_LIMIT = 20
/** Typing frames are sent at most this often. */
const TYPING_INTERVAL_MS = 3_000
/** After "too many connections" or "rate limited" the wait starts at this retry count (up to 4 s). */
const SLOW_DOWN_ATTEMPT = 3
/** A socket that opened but got no `ready` in this time is given up and tried again. */
export const READY_TIMEOUT_MS = 15_000
/** WebSocket.OPEN, the same in the browser and in `ws`. */
const OPEN = 1
/** Written to sessionStorage: the outbox as it stands. */
const OUTBOX_VERSION = 1

/**
 * A handler type checked bivariantly (the method-shorthand rule), so both the browser's WebSocket
 * (`(this: WebSocket, ev: CloseEvent) => any`) and the `ws` package's fit the same interface.
 */
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack']

/** What the connection uses of a WebSocket: the browser's and the `ws` package's both fit. */
export interface WebSocketLike {
  readonly readyState: number
  onopen: Handler<unknown> | null
  onmessage: Handler<{ data: unknown }> | null
  onclose: Handler<{ code: number; reason: string }> | null
  onerror: Handler<unknown> | null
  send(data: string): void
  close(code?: number, reason?: string): void
}

export type WebSocketConstructor = new (url: string) => WebSocketLike

export interface ChatTimers {
  set(fn: () => void, ms: number): unknown
  clear(handle: unknown): void
}

/** Whether the browser thinks it is online, and word when that changes. */
export interface NetworkStatus {
  online(): boolean
  /** Returns the unsubscribe function. */
  subscribe(onChange: (online: boolean) => void): () => void
}

/** Where the outbox survives a reload (sessionStorage in the browser). */
export interface OutboxStore {
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>
  key: string
}

/** A message the customer wrote that the server has not acknowledged yet. */
export interface OutgoingMessage {
  clientId: string
  text: string
  /** ISO time it was written. */
  queuedAt: string
}

export type SendResult = { ok: true; message: OutgoingMessage } | { ok: false; reason: string }

export type ChatConnectionEvent =
  /** `code`: the close code that led here; `retryInMs`: when the next try is. */
  | { type: 'state'; state: ChatConnectionState; code?: number; retryInMs?: number }
  /** Every valid frame from the server, in order. */
  | { type: 'frame'; frame: ServerFrame }
  /** The outbox changed (a message was queued, acknowledged or refused). */
  | { type: 'outbox'; pending: readonly OutgoingMessage[] }
  /** The server refused a message for good (it will not be sent again). */
  | { type: 'rejected'; message: OutgoingMessage; code: ChatErrorCode; reason: string }

export type ChatConnectionListener = (event: ChatConnectionEvent) => void

export interface ChatConnectionOptions {
  /** The socket URL; by default ws(s)://<this host>/ws/chat. */
  url?: string
  /** The manage-link token, on a booking's manage page. */
  manage?: string
  /** By default the browser's WebSocket. */
  WebSocket?: WebSocketConstructor
  timers?: ChatTimers
  backoff?: Backoff
  /** Like Date.now. */
  now?: () => number
  /** Like Math.random (the resend jitter). */
  random?: () => number
  /** By default navigator.onLine and the window's online/offline events; "always online" elsewhere. */
  network?: NetworkStatus
  /** Keep the outbox here too; without it, the outbox lives in memory only. */
  outbox?: OutboxStore
  queueLimit?: number
  /** How long an open socket may wait for `ready` before it is given up (default READY_TIMEOUT_MS). */
  readyTimeoutMs?: number
  /** Client message ids; by default crypto.randomUUID(). Must match CLIENT_ID_PATTERN. */
  newClientId?: () => string
}

/** ws://host/ws/chat on http pages, wss:// on https pages. */
export function chatSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${CHAT_SOCKET_PATH}`
}

/**
 * A random client id. crypto.randomUUID (36 characters of hex and hyphens, within
 * CLIENT_ID_PATTERN as it is) exists only in secure contexts; a page on plain http (a phone on the
 * office network) falls back to 16 random bytes in hex.
 */
export function randomClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

const defaultTimers: ChatTimers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as Parameters<typeof clearTimeout>[0]),
}

function browserNetwork(): NetworkStatus {
  if (typeof window === 'undefined' || typeof navigator === 'undefined') {
    return { online: () => true, subscribe: () => () => undefined }
  }
  return {
    online: () => navigator.onLine !== false,
    subscribe(onChange) {
      const up = () => onChange(true)
      const down = () => onChange(false)
      window.addEventListener('online', up)
      window.addEventListener('offline', down)
      return () => {
        window.removeEventListener('online', up)
        window.removeEventListener('offline', down)
      }
    },
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A stored outbox read back defensively (it comes from storage): invalid entries are dropped. */
export function parseOutbox(raw: string | null, limit: number = QUEUE_LIMIT): OutgoingMessage[] {
  if (!raw) return []
  let data: unknown
  try {
    data = JSON.parse(raw)
  } catch (err) {
    // A corrupt stored outbox (truncated, edited by hand) is forgotten rather than breaking the chat.
    if (err instanceof SyntaxError) return []
    throw err
  }
  if (!isObj(data) || data.v !== OUTBOX_VERSION || !Array.isArray(data.items)) return []
  const seen = new Set<string>()
  const out: OutgoingMessage[] = []
  for (const item of data.items) {
    if (!isObj(item)) continue
    const { clientId, text, queuedAt } = item
    if (typeof clientId !== 'string' || !CLIENT_ID_PATTERN.test(clientId) || seen.has(clientId)) continue
    if (typeof text !== 'string' || text.trim() === '' || text.length > CHAT_MESSAGE_MAX) continue
    seen.add(clientId)
    out.push({ clientId, text, queuedAt: typeof queuedAt === 'string' ? queuedAt.slice(0, 40) : '' })
  }
  return out.slice(0, limit)
}

export class ChatConnection {
  readonly #url: string
  readonly #manage: string | undefined
  readonly #WebSocket: WebSocketConstructor
  readonly #timers: ChatTimers
  readonly #backoff: Backoff
  readonly #now: () => number
  readonly #random: () => number
  readonly #network: NetworkStatus
  readonly #store: OutboxStore | undefined
  readonly #queueLimit: number
  readonly #readyTimeoutMs: number
  readonly #newClientId: () => string
  readonly #listeners = new Set<ChatConnectionListener>()

  #state: ChatConnectionState = 'closed'
  #socket: WebSocketLike | null = null
  /** True between `ready` and the socket's close: frames may be sent. */
  #ready = false
  /** True once a `ready` was ever received (later tries are "reconnecting"). */
  #everReady = false
  /** True after close(), until connect() again. */
  #stopped = true
  #retryTimer: unknown = null
  #readyTimer: unknown = null
  #resendTimer: unknown = null
  #resendAttempt = 0
  #lastTypingAt = -Infinity
  #lastSeenId: number | undefined
  #outbox: OutgoingMessage[]
  #unsubscribeNetwork: (() => void) | null = null

  constructor(options: ChatConnectionOptions = {}) {
    if (options.url === undefined && typeof location === 'undefined') throw new Error('ChatConnection needs a url outside the browser')
    this.#url = options.url ?? chatSocketUrl(location)
    this.#manage = options.manage || undefined
    this.#WebSocket = options.WebSocket ?? (globalThis.WebSocket as WebSocketConstructor)
    this.#timers = options.timers ?? defaultTimers
    this.#now = options.now ?? Date.now
    this.#random = options.random ?? Math.random
    this.#backoff = options.backoff ?? new Backoff({ now: this.#now, random: this.#random })
    this.#network = options.network ?? browserNetwork()
    this.#store = options.outbox
    this.#queueLimit = options.queueLimit ?? QUEUE_LIMIT
    this.#readyTimeoutMs = options.readyTimeoutMs ?? READY_TIMEOUT_MS
    this.#newClientId = options.newClientId ?? randomClientId
    this.#outbox = this.#load()
  }

  get state(): ChatConnectionState {
    return this.#state
  }

  /** The messages written but not yet acknowledged, oldest first. */
  get pending(): readonly OutgoingMessage[] {
    return [...this.#outbox]
  }

  /** The highest message id received: sent as `since` on every reconnect. */
  get lastSeenId(): number | undefined {
    return this.#lastSeenId
  }

  /** Listens to state changes, frames and outbox changes. Returns the unsubscribe function. */
  subscribe(listener: ChatConnectionListener): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  /** Opens the connection (and keeps it open until close()). Calling it again does nothing. */
  connect(): void {
    if (!this.#stopped) return
    this.#stopped = false
    this.#unsubscribeNetwork = this.#network.subscribe((online) => this.#onNetwork(online))
    // Messages kept from before a reload are shown as waiting straight away.
    if (this.#outbox.length > 0) this.#emit({ type: 'outbox', pending: this.pending })
    this.#openSocket()
  }

  /** "Try again": connects now, whatever the wait or the last close code was. */
  retry(): void {
    if (this.#stopped) {
      this.connect()
      return
    }
    this.#backoff.reset()
    this.#clearRetry()
    if (!this.#socket) this.#openSocket()
  }

  /** Closes for good (the widget went away). The outbox stays in its store for the next page. */
  close(): void {
    if (this.#stopped) return
    this.#stopped = true
    this.#clearRetry()
    this.#clearReady()
    this.#clearResend()
    this.#unsubscribeNetwork?.()
    this.#unsubscribeNetwork = null
    const socket = this.#socket
    this.#socket = null
    this.#ready = false
    // Its close event is ignored (the socket is no longer ours), so no reconnect is scheduled.
    socket?.close(1000, 'closed')
    this.#setState('closed')
  }

  /**
   * Queues the customer's message and sends it now when the connection is ready, later when not.
   * Refused (with the reason to show) when empty, too long, or when the outbox is full.
   */
  send(text: string): SendResult {
    const trimmed = text.trim()
    if (trimmed === '') return { ok: false, reason: 'Write a message first.' }
    if (trimmed.length > CHAT_MESSAGE_MAX) return { ok: false, reason: `A message may be at most ${CHAT_MESSAGE_MAX.toLocaleString('en-US')} characters.` }
    if (this.#outbox.length >= this.#queueLimit) {
      return { ok: false, reason: `${this.#queueLimit} messages are still waiting to be sent. Please wait until they have gone, then send this one.` }
    }
    const clientId = this.#newClientId()
    if (!CLIENT_ID_PATTERN.test(clientId)) throw new Error('newClientId made an id outside CLIENT_ID_PATTERN')
    const message: OutgoingMessage = { clientId, text: trimmed, queuedAt: new Date(this.#now()).toISOString() }
    this.#outbox.push(message)
    this.#outboxChanged()
    if (this.#ready) this.#write({ type: 'message', clientId, text: trimmed })
    return { ok: true, message }
  }

  /** Tells staff the customer is typing (at most every few seconds, and only while connected). */
  typing(): void {
    if (!this.#ready || this.#now() - this.#lastTypingAt < TYPING_INTERVAL_MS) return
    this.#lastTypingAt = this.#now()
    this.#write({ type: 'typing' })
  }

  #openSocket(): void {
    if (this.#stopped || this.#socket) return
    if (this.#state === 'closed' || this.#state === 'open') this.#setState(this.#everReady ? 'reconnecting' : 'connecting')
    const socket = new this.#WebSocket(this.#url)
    this.#socket = socket
    // Events of a socket that is no longer ours (closed by close(), replaced) are ignored.
    socket.onopen = () => {
      if (this.#socket !== socket) return
      this.#backoff.opened()
      this.#write({ type: 'hello', ...(this.#lastSeenId !== undefined ? { since: this.#lastSeenId } : {}), ...(this.#manage ? { manage: this.#manage } : {}) })
      // A server that never answers hello would leave the chat "connecting" for ever.
      this.#readyTimer = this.#timers.set(() => {
        this.#readyTimer = null
        if (this.#socket !== socket || this.#ready) return
        this.#socket = null
        socket.close(CHAT_CLOSE.dead, 'no ready')
        this.#onClose(CHAT_CLOSE.dead)
      }, this.#readyTimeoutMs)
    }
    socket.onmessage = (event) => {
      if (this.#socket !== socket) return
      // Text frames only: the protocol has no binary frames.
      if (typeof event.data === 'string') this.#receive(event.data)
    }
    socket.onclose = (event) => {
      if (this.#socket !== socket) return
      this.#onClose(event.code)
    }
    socket.onerror = () => {
      // An error is always followed by a close event, which decides what happens next. (The `ws`
      // package also needs a listener here, or an unanswered 'error' event would throw.)
    }
  }

  #onClose(code: number): void {
    this.#socket = null
    this.#ready = false
    this.#clearReady()
    this.#clearResend()
    if (this.#stopped) return
    if (NO_RETRY_CLOSE_CODES.includes(code)) {
      this.#setState('closed', { code })
      return
    }
    const slowDown = code === CHAT_CLOSE.rateLimited || code === CHAT_CLOSE.tooManyConnections
    const delay = this.#backoff.next(slowDown ? SLOW_DOWN_ATTEMPT : 0)
    this.#setState(this.#network.online() ? 'reconnecting' : 'offline', { code, retryInMs: delay })
    this.#retryTimer = this.#timers.set(() => {
      this.#retryTimer = null
      this.#openSocket()
    }, delay)
  }

  #onNetwork(online: boolean): void {
    if (this.#stopped || this.#socket) return
    // After a no-retry close only the customer's "Try again" reconnects.
    if (this.#state === 'closed') return
    if (!online) {
      this.#setState('offline')
      return
    }
    // Back online: try now rather than at the end of a long wait.
    this.#backoff.reset()
    this.#clearRetry()
    this.#setState('reconnecting')
    this.#openSocket()
  }

  #receive(raw: string): void {
    const parsed = parseServerFrame(raw)
    // The protocol: anything that is not a valid server frame is dropped.
    if (!parsed.ok) return
    const { frame } = parsed
    if (frame.type === 'message' || frame.type === 'done') this.#seen(frame.message.id)
    if (frame.type === 'ready') {
      this.#clearReady()
      this.#ready = true
      this.#everReady = true
      this.#setState('open')
    }
    this.#emit({ type: 'frame', frame })
    if (frame.type === 'ready') this.#flush()
    else if (frame.type === 'message' && frame.message.clientId) this.#acked(frame.message.clientId)
    else if (frame.type === 'error' && frame.clientId) this.#refused(frame.clientId, frame.code, frame.message)
  }

  #seen(id: number): void {
    if (this.#lastSeenId === undefined || id > this.#lastSeenId) this.#lastSeenId = id
  }

  #acked(clientId: string): void {
    const before = this.#outbox.length
    this.#outbox = this.#outbox.filter((m) => m.clientId !== clientId)
    if (this.#outbox.length === before) return
    this.#resendAttempt = 0
    this.#outboxChanged()
  }

  /** An error about one message: dropped when the server will never take it, tried again later when it may. */
  #refused(clientId: string, code: ChatErrorCode, reason: string): void {
    const message = this.#outbox.find((m) => m.clientId === clientId)
    if (!message) return
    if (code === 'invalid_frame' || code === 'too_big') {
      this.#outbox = this.#outbox.filter((m) => m !== message)
      this.#emit({ type: 'rejected', message, code, reason })
      this.#outboxChanged()
      return
    }
    // 'assistant_unavailable' is about the answer: the message itself was stored and its ack comes as a frame.
    if (code === 'rate_limited' || code === 'internal' || code === 'not_ready') this.#scheduleResend()
  }

  #scheduleResend(): void {
    if (this.#resendTimer !== null) return
    const delay = Math.max(1_000, fullJitterDelay(this.#resendAttempt, this.#random, 1_000, 30_000))
    this.#resendAttempt += 1
    this.#resendTimer = this.#timers.set(() => {
      this.#resendTimer = null
      this.#flush()
    }, delay)
  }

  /** Sends every un-acked message (after each `ready`: the server drops the repeats). */
  #flush(): void {
    if (!this.#ready) return
    for (const m of this.#outbox) this.#write({ type: 'message', clientId: m.clientId, text: m.text })
  }

  #write(frame: ClientFrame): void {
    const socket = this.#socket
    if (socket && socket.readyState === OPEN) socket.send(JSON.stringify(frame))
  }

  #setState(state: ChatConnectionState, detail: { code?: number; retryInMs?: number } = {}): void {
    this.#state = state
    this.#emit({ type: 'state', state, ...detail })
  }

  #emit(event: ChatConnectionEvent): void {
    for (const listener of [...this.#listeners]) listener(event)
  }

  #outboxChanged(): void {
    this.#save()
    this.#emit({ type: 'outbox', pending: this.pending })
  }

  #clearRetry(): void {
    if (this.#retryTimer !== null) this.#timers.clear(this.#retryTimer)
    this.#retryTimer = null
  }

  #clearReady(): void {
    if (this.#readyTimer !== null) this.#timers.clear(this.#readyTimer)
    this.#readyTimer = null
  }

  #clearResend(): void {
    if (this.#resendTimer !== null) this.#timers.clear(this.#resendTimer)
    this.#resendTimer = null
  }

  #load(): OutgoingMessage[] {
    if (!this.#store) return []
    try {
      return parseOutbox(this.#store.storage.getItem(this.#store.key), this.#queueLimit)
    } catch (err) {
      // Blocked storage (privacy settings) only costs the reload convenience.
      if (err instanceof DOMException) return []
      throw err
    }
  }

  #save(): void {
    if (!this.#store) return
    try {
      if (this.#outbox.length === 0) this.#store.storage.removeItem(this.#store.key)
      else this.#store.storage.setItem(this.#store.key, JSON.stringify({ v: OUTBOX_VERSION, items: this.#outbox }))
    } catch (err) {
      // Blocked or full storage only costs the reload convenience: the outbox still lives in memory.
      if (!(err instanceof DOMException)) throw err
    }
  }
}
