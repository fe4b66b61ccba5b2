// The chat widget's connection (src/client/chat/connection.ts) against a real WebSocket server
// (the `ws` package, on a free local port) that speaks the chat protocol the way the real one
// is specified to: `ready` after hello, the stored messages after `since`, an echo of each
// customer message as its ack, and a clientId it already has is stored once and only acked again.
// The widget's reducer (src/components/chat/conversation.ts) then shows what the customer sees.
import type { AddressInfo } from 'node:net'

import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'

import { Backoff } from '../../../src/client/chat/backoff'
import {
  ChatConnection,
  parseOutbox,
  type ChatConnectionEvent,
  type ChatConnectionOptions,
  type ChatConnectionState,
  type NetworkStatus,
  type OutboxStore,
} from '../../../src/client/chat/connection'
import { CHAT_CLOSE, parseClientFrame, type ChatMessage, type ServerFrame } from '../../../src/domain/chat/protocol'
import { conversationReducer, HISTORY_QUIET_MS, initialConversation, visiblePending, type ConversationState } from '../../../src/components/chat/conversation'

/** The conversation as the fake server stores it; survives the server's restarts. */
class Store {
  messages: ChatMessage[] = []
  seq = 0
  add(message: Omit<ChatMessage, 'id' | 'at'>): ChatMessage {
    const stored: ChatMessage = { ...message, id: ++this.seq, at: new Date(0).toISOString() }
    this.messages.push(stored)
    return stored
  }
  customerClientIds(): string[] {
    return this.messages.flatMap((m) => (m.clientId ? [m.clientId] : []))
  }
}

interface ServerBehaviour {
  /** Echo customer messages back (the ack). */
  ack: boolean
  /** Lose customer messages (as if the server died before storing them): neither stored nor acked. */
  drop?: boolean
  /** Say nothing at all to hello (a server stuck before `ready`). */
  silent?: boolean
  /** Close the socket with this code when the hello arrives. */
  refuseWith?: number
  /** Answer each new customer message with a streamed assistant reply. */
  reply?: boolean
  /** Before `ready`, send these raw frames (the widget must ignore what is not a valid frame). */
  junk?: (string | Buffer)[]
}

/** A small server speaking the chat protocol, restartable on the same port. */
class FakeChatServer {
  wss: WebSocketServer | null = null
  port = 0
  connections = 0
  hellos: { since?: number; manage?: string }[] = []
  /** Every message frame received, in order (repeats included). */
  received: string[] = []
  behaviour: ServerBehaviour = { ack: true }

  constructor(readonly store: Store) {}

  async start(): Promise<void> {
    const wss = new WebSocketServer({ port: this.port, host: '127.0.0.1' })
    await new Promise<void>((resolve, reject) => {
      wss.once('listening', () => resolve())
      wss.once('error', reject)
    })
    this.wss = wss
    this.port = (wss.address() as AddressInfo).port
    wss.on('connection', (socket) => {
      this.connections += 1
      const send = (frame: ServerFrame) => socket.send(JSON.stringify(frame))
      socket.on('message', (data: Buffer) => {
        const parsed = parseClientFrame(data.toString())
        if (!parsed.ok) {
          send({ type: 'error', code: 'invalid_frame', message: parsed.message })
          return
        }
        const frame = parsed.frame
        if (frame.type === 'hello') {
          this.hellos.push({ since: frame.since, manage: frame.manage })
          if (this.behaviour.silent) return
          if (this.behaviour.refuseWith !== undefined) {
            socket.close(this.behaviour.refuseWith)
            return
          }
          for (const junk of this.behaviour.junk ?? []) socket.send(junk)
          send({ type: 'ready', assistant: 'ai', staff: null, known: false })
          for (const m of this.store.messages) if (frame.since === undefined || m.id > frame.since) send({ type: 'message', message: m })
          return
        }
        if (frame.type !== 'message') return
        this.received.push(frame.clientId)
        if (this.behaviour.drop) return
        if (frame.text.includes('REFUSE')) {
          send({ type: 'error', code: 'invalid_frame', message: 'That message cannot be sent.', clientId: frame.clientId })
          return
        }
        const existing = this.store.messages.find((m) => m.clientId === frame.clientId)
        if (existing) {
          // Seen before: not stored or answered again, only acknowledged.
          if (this.behaviour.ack) send({ type: 'message', message: existing })
          return
        }
        const stored = this.store.add({ role: 'customer', text: frame.text, clientId: frame.clientId })
        if (this.behaviour.ack) send({ type: 'message', message: stored })
        if (this.behaviour.reply) {
          const turn = `turn-${stored.id}`
          send({ type: 'typing', role: 'assistant' })
          send({ type: 'delta', turn, text: 'We have ' })
          send({ type: 'delta', turn, text: 'Friday free' })
          const answer = this.store.add({ role: 'assistant', text: 'We have Friday at 6 pm free.', links: [{ label: 'Book it', href: '/book?date=2026-12-04' }] })
          send({ type: 'done', turn, message: answer })
        }
      })
    })
  }

  /** Drops every client with `code`, leaving the server up. */
  kick(code: number): void {
    for (const client of this.wss?.clients ?? []) client.close(code)
  }

  /** Goes away: clients get 1001 and the port stops answering. */
  async stop(): Promise<void> {
    const wss = this.wss
    if (!wss) return
    this.wss = null
    for (const client of wss.clients) client.close(CHAT_CLOSE.goingAway)
    await new Promise<void>((resolve) => wss.close(() => resolve()))
    for (const client of wss.clients) client.terminate()
  }
}

/** sessionStorage's shape, in memory. */
function memoryStorage(): OutboxStore['storage'] & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  }
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 4_000): Promise<void> {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn()
})

async function serverWith(store = new Store(), behaviour: Partial<ServerBehaviour> = {}): Promise<FakeChatServer> {
  const server = new FakeChatServer(store)
  server.behaviour = { ack: true, ...behaviour }
  await server.start()
  cleanups.push(() => server.stop())
  return server
}

/** A connection with quick retries (10–80 ms) to `port`, and everything it reported. */
function connectionTo(port: number, options: Partial<ChatConnectionOptions> = {}) {
  const conn = new ChatConnection({
    url: `ws://127.0.0.1:${port}/ws/chat`,
    WebSocket,
    backoff: new Backoff({ baseMs: 10, capMs: 80 }),
    ...options,
  })
  const events: ChatConnectionEvent[] = []
  let view: ConversationState = initialConversation('MyHibachi')
  let skew = 0
  conn.subscribe((event) => {
    events.push(event)
    view = conversationReducer(view, { type: 'event', event, at: Date.now() + skew })
  })
  cleanups.push(() => conn.close())
  return {
    conn,
    events,
    view: () => view,
    states: () => events.flatMap((e) => (e.type === 'state' ? [e.state] : [])),
    frames: () => events.flatMap((e) => (e.type === 'frame' ? [e.frame] : [])),
    waitForState: (state: ChatConnectionState) => waitFor(() => conn.state === state, `state ${state}`),
    /** Moves the reducer's clock past the first connect's history window. */
    skipHistoryWindow: () => {
      skew += HISTORY_QUIET_MS
    },
  }
}

/** The customer's messages on screen, stored and waiting, by text. */
function customerTexts(view: ConversationState): string[] {
  const stored = view.items.flatMap((i) => (i.kind === 'message' && i.message.role === 'customer' ? [i.message.text] : []))
  return [...stored, ...visiblePending(view).map((m) => m.text)]
}

describe('messages written while the server is away', () => {
  it('are queued, then delivered exactly once when the server comes back', async () => {
    const store = new Store()
    const server = await serverWith(store)
    const chat = connectionTo(server.port)
    chat.conn.connect()
    await chat.waitForState('open')

    await server.stop()
    await chat.waitForState('reconnecting')
    const texts = ['Is Friday free?', 'For 10 people', 'In Brooklyn']
    for (const text of texts) expect(chat.conn.send(text).ok).toBe(true)
    expect(chat.conn.pending.map((m) => m.text)).toEqual(texts)
    // Still away: the tries fail and nothing is lost.
    await sleep(150)
    expect(chat.conn.pending).toHaveLength(3)
    expect(chat.view().pending).toHaveLength(3)

    await server.start()
    await waitFor(() => chat.conn.pending.length === 0, 'the acks')
    expect(store.messages.map((m) => m.text)).toEqual(texts)
    expect(new Set(store.customerClientIds()).size).toBe(3)
    expect(server.received).toHaveLength(3)
    // The customer sees each message once, no longer "Sending…".
    expect(customerTexts(chat.view())).toEqual(texts)
    expect(chat.view().connection).toBe('open')
  })

  it('are re-sent after a reconnect when their ack was lost, and stored once each', async () => {
    const store = new Store()
    store.add({ role: 'assistant', text: 'Hi! How can we help?' })
    const server = await serverWith(store, { ack: false })
    const chat = connectionTo(server.port)
    chat.conn.connect()
    await waitFor(() => chat.conn.lastSeenId === 1, 'the history')

    const texts = ['one', 'two', 'three']
    for (const text of texts) chat.conn.send(text)
    await waitFor(() => server.received.length === 3, 'the first sends')
    await sleep(30)
    expect(chat.conn.pending).toHaveLength(3)

    // Stored, but the connection dropped before any ack: the next one sends all three again.
    server.behaviour.ack = true
    server.kick(CHAT_CLOSE.goingAway)
    await waitFor(() => chat.conn.pending.length === 0, 'the acks')
    await waitFor(() => server.received.length === 6, 'the re-sends')

    expect(new Set(server.received).size).toBe(texts.length)
    expect(store.customerClientIds()).toEqual([...new Set(server.received)])
    expect(store.messages.filter((m) => m.role === 'customer').map((m) => m.text)).toEqual(texts)
    // Acknowledged twice (the history after `since`, and the repeat's ack): shown once each.
    expect(customerTexts(chat.view())).toEqual(texts)
    expect(server.hellos.map((h) => h.since)).toEqual([undefined, 1])
  })

  it('are re-sent on every reconnect until acknowledged when the server lost them', async () => {
    const store = new Store()
    const server = await serverWith(store, { drop: true })
    const chat = connectionTo(server.port)
    chat.conn.connect()
    await chat.waitForState('open')

    const texts = ['Do you cater in Queens?', 'And on Sundays?']
    for (const text of texts) chat.conn.send(text)
    await waitFor(() => server.received.length === 2, 'the first sends')
    server.kick(CHAT_CLOSE.goingAway)
    await waitFor(() => server.received.length === 4, 'the re-sends after the first reconnect')
    await sleep(30)
    expect(chat.conn.pending).toHaveLength(2)
    expect(customerTexts(chat.view())).toEqual(texts)

    server.behaviour.drop = false
    server.kick(CHAT_CLOSE.goingAway)
    await waitFor(() => chat.conn.pending.length === 0, 'the acks')

    expect(server.received).toHaveLength(6)
    expect(new Set(server.received).size).toBe(texts.length)
    expect(store.messages.map((m) => m.text)).toEqual(texts)
    expect(new Set(store.customerClientIds()).size).toBe(texts.length)
    expect(customerTexts(chat.view())).toEqual(texts)
  })

  it('refuses a message over the queue limit with a reason to show', async () => {
    const server = await serverWith()
    await server.stop()
    const chat = connectionTo(server.port)
    chat.conn.connect()
    for (let i = 1; i <= 20; i += 1) expect(chat.conn.send(`message ${i}`).ok).toBe(true)
    const refused = chat.conn.send('one too many')
    expect(refused).toEqual({ ok: false, reason: expect.stringContaining('20 messages are still waiting') })
    expect(chat.conn.pending).toHaveLength(20)
    expect(chat.conn.send('   ')).toEqual({ ok: false, reason: 'Write a message first.' })
    expect(chat.conn.send('x'.repeat(2_001)).ok).toBe(false)
  })

  it('survive a reload in sessionStorage, and leave it once delivered', async () => {
    const storage = memoryStorage()
    const outbox = { storage, key: 'chat-outbox' }
    const store = new Store()
    const server = await serverWith(store)
    await server.stop()

    const before = connectionTo(server.port, { outbox })
    before.conn.connect()
    before.conn.send('Written before the reload')
    before.conn.close()
    expect(parseOutbox(storage.getItem('chat-outbox')).map((m) => m.text)).toEqual(['Written before the reload'])

    await server.start()
    const after = connectionTo(server.port, { outbox })
    expect(after.conn.pending.map((m) => m.text)).toEqual(['Written before the reload'])
    after.conn.connect()
    await waitFor(() => after.conn.pending.length === 0, 'the ack')
    expect(store.messages.map((m) => m.text)).toEqual(['Written before the reload'])
    expect(storage.data.has('chat-outbox')).toBe(false)
  })

  it('drops a message the server refuses for good, and says so', async () => {
    const server = await serverWith()
    const chat = connectionTo(server.port)
    chat.conn.connect()
    await chat.waitForState('open')
    chat.conn.send('please REFUSE this')
    await waitFor(() => chat.events.some((e) => e.type === 'rejected'), 'the refusal')
    expect(chat.conn.pending).toHaveLength(0)
    const notices = chat.view().items.filter((i) => i.kind === 'notice')
    expect(notices).toEqual([expect.objectContaining({ tone: 'error', text: expect.stringContaining('Not sent: “please REFUSE this”') })])
    server.kick(CHAT_CLOSE.goingAway)
    await waitFor(() => server.hellos.length === 2, 'the reconnect')
    await sleep(50)
    expect(server.received).toHaveLength(1)
  })
})

describe('reconnecting', () => {
  it('closes for the back/forward cache and, back from it, connects again with the last id seen and its waiting messages', async () => {
    const store = new Store()
    store.add({ role: 'assistant', text: 'Welcome back' })
    const server = await serverWith(store)
    const chat = connectionTo(server.port)
    chat.conn.connect()
    await waitFor(() => chat.conn.lastSeenId === 1, 'the history')

    // pagehide: the widget closes the socket (an open one keeps the page out of the cache).
    chat.conn.close()
    await waitFor(() => (server.wss?.clients.size ?? 0) === 0, 'the socket to close')
    expect(chat.conn.send('Written while away').ok).toBe(true)

    // pageshow with persisted: the same connection again.
    chat.conn.connect()
    await waitFor(() => chat.conn.pending.length === 0, 'the ack')
    expect(server.hellos.map((h) => h.since)).toEqual([undefined, 1])
    expect(store.messages.map((m) => m.text)).toEqual(['Welcome back', 'Written while away'])
  })

  it('reconnects after 1001 (server going away) and says hello with the last message id seen', async () => {
    const store = new Store()
    store.add({ role: 'assistant', text: 'Welcome back' })
    store.add({ role: 'staff', text: 'Ana here', author: 'Ana' })
    const server = await serverWith(store)
    const chat = connectionTo(server.port)
    chat.conn.connect()
    await waitFor(() => chat.conn.lastSeenId === 2, 'the history')
    // The history is on screen but not read out.
    expect(chat.view().items).toHaveLength(2)
    expect(chat.view().announcement).toBeNull()

    server.kick(CHAT_CLOSE.goingAway)
    await waitFor(() => server.hellos.length === 2, 'the second hello')
    await chat.waitForState('open')
    expect(server.hellos).toEqual([{ since: undefined, manage: undefined }, { since: 2, manage: undefined }])
    expect(chat.states()).toEqual(['connecting', 'open', 'reconnecting', 'open'])
    const closeEvent = chat.events.find((e) => e.type === 'state' && e.state === 'reconnecting')
    expect(closeEvent).toMatchObject({ code: 1001, retryInMs: expect.any(Number) })
  })

  it('does not reconnect on its own after 4003 (forbidden), but does on "Try again"', async () => {
    const server = await serverWith(new Store(), { refuseWith: CHAT_CLOSE.forbidden })
    const chat = connectionTo(server.port, { manage: 'expired-token' })
    chat.conn.connect()
    await chat.waitForState('closed')
    expect(chat.events.at(-1)).toEqual({ type: 'state', state: 'closed', code: 4003 })
    await sleep(250)
    expect(server.connections).toBe(1)
    expect(server.hellos).toEqual([{ since: undefined, manage: 'expired-token' }])

    server.behaviour.refuseWith = undefined
    chat.conn.retry()
    await chat.waitForState('open')
    expect(server.connections).toBe(2)
  })

  it('does not reconnect on its own after 1008 (protocol error)', async () => {
    const server = await serverWith(new Store(), { refuseWith: CHAT_CLOSE.protocolError })
    const chat = connectionTo(server.port)
    chat.conn.connect()
    await chat.waitForState('closed')
    await sleep(250)
    expect(server.connections).toBe(1)
    expect(chat.view().closeCode).toBe(1008)
  })

  it('reconnects, more slowly, after 4029 (too many connections) and 4008 (rate limited)', async () => {
    const server = await serverWith()
    const chat = connectionTo(server.port)
    chat.conn.connect()
    await chat.waitForState('open')
    server.kick(CHAT_CLOSE.tooManyConnections)
    await waitFor(() => server.connections === 2, 'the reconnect after 4029')
    await chat.waitForState('open')
    server.kick(CHAT_CLOSE.rateLimited)
    await waitFor(() => server.connections === 3, 'the reconnect after 4008')
    await chat.waitForState('open')
  })

  it('says "offline" while the browser is offline, and tries at once when it is back', async () => {
    const server = await serverWith()
    let online = true
    let notify: (online: boolean) => void = () => undefined
    const network: NetworkStatus = {
      online: () => online,
      subscribe: (onChange) => {
        notify = onChange
        return () => {
          notify = () => undefined
        }
      },
    }
    // A long wait (about 5 s): only the network coming back can explain a quick reconnect.
    const chat = connectionTo(server.port, { network, backoff: new Backoff({ baseMs: 5_000, capMs: 5_000, random: () => 0.99 }) })
    chat.conn.connect()
    await chat.waitForState('open')
    online = false
    notify(false)
    // The socket may still work (the browser's guess can be wrong): it stays until it closes.
    expect(chat.conn.state).toBe('open')
    server.kick(CHAT_CLOSE.goingAway)
    await chat.waitForState('offline')
    expect(chat.conn.send('sent when back').ok).toBe(true)
    online = true
    notify(true)
    await chat.waitForState('open')
    await waitFor(() => chat.conn.pending.length === 0, 'the ack')
    expect(server.connections).toBe(2)
  })

  it('gives up a socket that gets no ready, and tries again', async () => {
    const server = await serverWith(new Store(), { silent: true })
    const chat = connectionTo(server.port, { readyTimeoutMs: 100 })
    chat.conn.connect()
    await waitFor(() => server.hellos.length === 1, 'the hello')
    expect(chat.conn.state).toBe('connecting')
    server.behaviour.silent = false
    await chat.waitForState('open')
    expect(server.connections).toBe(2)
    expect(chat.events).toContainEqual(expect.objectContaining({ type: 'state', state: 'reconnecting', code: CHAT_CLOSE.dead }))
  })

  it('keeps trying while the server is down, and stops for good on close()', async () => {
    const server = await serverWith()
    const chat = connectionTo(server.port)
    chat.conn.connect()
    await chat.waitForState('open')
    await server.stop()
    await sleep(200)
    expect(chat.conn.state).toBe('reconnecting')
    chat.conn.close()
    expect(chat.conn.state).toBe('closed')
    await server.start()
    await sleep(200)
    expect(server.connections).toBe(1)
  })
})

describe('frames from the server', () => {
  it('tells the customer when staff join and leave', async () => {
    const server = await serverWith()
    const chat = connectionTo(server.port)
    chat.conn.connect()
    await chat.waitForState('open')
    for (const client of server.wss?.clients ?? []) {
      client.send(JSON.stringify({ type: 'staff_joined', name: 'Ana' }))
      client.send(JSON.stringify({ type: 'typing', role: 'staff' }))
    }
    await waitFor(() => chat.view().typing === 'staff', 'the typing frame')
    expect(chat.view().staff).toBe('Ana')
    expect(chat.view().items).toEqual([expect.objectContaining({ kind: 'notice', text: 'Ana from MyHibachi joined the chat.' })])
    for (const client of server.wss?.clients ?? []) client.send(JSON.stringify({ type: 'staff_left', name: 'Ana' }))
    await waitFor(() => chat.view().staff === null, 'staff_left')
    expect(chat.view().announcement?.text).toBe('Ana left the chat.')
  })

  it('ignores anything that is not a valid protocol frame', async () => {
    const server = await serverWith(new Store(), {
      junk: ['not json', JSON.stringify({ type: 'ready' }), JSON.stringify({ type: 'hack', x: 1 }), Buffer.from([1, 2, 3])],
    })
    const chat = connectionTo(server.port)
    chat.conn.connect()
    await chat.waitForState('open')
    expect(chat.frames()).toEqual([{ type: 'ready', assistant: 'ai', staff: null, known: false }])
  })

  it('shows a streamed reply growing, then replaced in place by the stored text, announced once', async () => {
    const server = await serverWith(new Store(), { reply: true })
    const chat = connectionTo(server.port)
    chat.conn.connect()
    await chat.waitForState('open')
    chat.skipHistoryWindow()
    chat.conn.send('Is Friday free?')
    await waitFor(() => chat.frames().some((f) => f.type === 'done'), 'the reply')

    // Just before `done`: the deltas so far, in one growing entry.
    const beforeDone = chat.events.slice(
      0,
      chat.events.findIndex((e) => e.type === 'frame' && e.frame.type === 'done'),
    )
    const streaming = beforeDone.reduce((v, event) => conversationReducer(v, { type: 'event', event, at: Date.now() + HISTORY_QUIET_MS }), initialConversation('MyHibachi'))
    expect(streaming.items.at(-1)).toMatchObject({ kind: 'streaming', text: 'We have Friday free' })
    expect(streaming.announcement).toBeNull()

    const view = chat.view()
    expect(view.items.map((i) => (i.kind === 'message' ? `${i.message.role}: ${i.message.text}` : i.kind))).toEqual(['customer: Is Friday free?', 'assistant: We have Friday at 6 pm free.'])
    expect(view.typing).toBeNull()
    expect(view.announcement?.text).toBe('MyHibachi: We have Friday at 6 pm free.')
    // One announcement for the reply; none for the customer's own message or the deltas.
    expect(view.announcement?.key).toBe(1)
  })
})
