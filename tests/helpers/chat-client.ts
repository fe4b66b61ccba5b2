/**
 * A `ws` client of the chat for tests: connects with an Origin, collects every frame the server
 * sends (parsed with the protocol's own schema) and waits for the one a test expects.
 * Also starts chat servers on http servers of their own (the real createChatServer, the real bus).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import type { Payload } from 'payload'
import pino from 'pino'
import WebSocket from 'ws'

import type { Answerer } from '../../src/chat/assistant/types'
import { createChatBus, type ChatBus } from '../../src/chat/bus'
import { createChatServer, type ChatServer, type ChatServerOptions } from '../../src/chat/server'
import { parseServerFrame, type ServerFrame } from '../../src/domain/chat/protocol'

export interface ChatInstance {
  url: string
  port: number
  origin: string
  chat: ChatServer
  bus: ChatBus
  http: Server
  close: () => Promise<void>
}

export async function startChatInstance(
  payload: Payload,
  answerer: Answerer,
  overrides: Partial<ChatServerOptions> & { port?: number } = {},
): Promise<ChatInstance> {
  const bus = await createChatBus({ redisUrl: process.env.REDIS_URL || undefined, prefix: process.env.REDIS_KEY_PREFIX ?? 'myhibachi:' })
  const http = createServer((_req, res) => {
    res.statusCode = 404
    res.end()
  })
  const chat = createChatServer({
    payload,
    bus,
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    answerer,
    allowedOrigins: ['http://shop.test'],
    maxConnectionsPerIp: 1_000,
    messagesPerMinute: 60,
    heartbeatMs: 30_000,
    secureCookies: false,
    clientIp: (req: IncomingMessage) => req.socket.remoteAddress ?? 'unknown',
    ...overrides,
  })
  http.on('upgrade', (req, socket, head) => {
    if ((req.url ?? '').split('?')[0] === '/ws/chat') chat.handleUpgrade(req, socket, head)
    else socket.destroy()
  })
  await new Promise<void>((resolve) => http.listen(overrides.port ?? 0, '127.0.0.1', resolve))
  const port = (http.address() as AddressInfo).port
  return {
    url: `ws://127.0.0.1:${port}/ws/chat`,
    port,
    origin: 'http://shop.test',
    chat,
    bus,
    http,
    close: async () => {
      await chat.close()
      await bus.close()
      await new Promise<void>((resolve) => http.close(() => resolve()))
    },
  }
}

export interface TestClient {
  ws: WebSocket
  frames: ServerFrame[]
  /** Raw frames that did not parse (a test expects none). */
  invalid: string[]
  setCookie: string | undefined
  closed: Promise<{ code: number; reason: string }>
  send: (frame: unknown) => void
  /** The first frame of `type` at index ≥ `from` (default 0) that matches, within `timeoutMs` (default 5 s). */
  next: <T extends ServerFrame['type']>(type: T, match?: (f: Extract<ServerFrame, { type: T }>) => boolean, opts?: { from?: number; timeoutMs?: number }) => Promise<Extract<ServerFrame, { type: T }>>
  close: () => void
}

export function connectChat(url: string, opts: { origin?: string; cookie?: string; autoPong?: boolean } = {}): Promise<TestClient> {
  const headers: Record<string, string> = {}
  if (opts.cookie) headers.cookie = opts.cookie
  const ws = new WebSocket(url, { origin: opts.origin ?? 'http://shop.test', headers, autoPong: opts.autoPong ?? true })
  const frames: ServerFrame[] = []
  const invalid: string[] = []
  const waiters = new Set<() => void>()
  let setCookie: string | undefined
  ws.on('upgrade', (res) => {
    const c = res.headers['set-cookie']
    setCookie = Array.isArray(c) ? c[0] : c
  })
  ws.on('message', (data) => {
    const parsed = parseServerFrame(data.toString())
    if (parsed.ok) frames.push(parsed.frame)
    else invalid.push(data.toString())
    for (const w of waiters) w()
  })
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })))
  const client: TestClient = {
    ws,
    frames,
    invalid,
    get setCookie() {
      return setCookie
    },
    closed,
    send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    next: (type, match, opts = {}) =>
      new Promise((resolve, reject) => {
        const timeoutMs = opts.timeoutMs ?? 5_000
        let seen = opts.from ?? 0
        const check = () => {
          for (; seen < frames.length; seen++) {
            const f = frames[seen] as ServerFrame
            if (f.type === type && (!match || match(f as never))) {
              waiters.delete(check)
              clearTimeout(timer)
              resolve(f as never)
              return
            }
          }
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`no ${type} frame within ${timeoutMs} ms; got ${JSON.stringify(frames.map((f) => f.type))}`))
        }, timeoutMs)
        waiters.add(check)
        check()
      }),
    close: () => ws.close(),
  }
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(client))
    ws.once('error', reject)
    ws.once('unexpected-response', (_req, res) => reject(new Error(`handshake refused: ${res.statusCode}`)))
  })
}

let counter = 0
/** A fresh client message id. */
export const clientId = (): string => `test-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`
