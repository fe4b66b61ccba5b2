/**
 * 200 chat windows (the widget's own ChatConnection, on the `ws` package's WebSocket) on one chat
 * server; the server restarts (1001 to every socket, down for a second, back on the same port).
 * Every window reconnects, and the reconnects are spread over time by the full-jitter backoff
 * rather than arriving all at once. The reconnect times are written to
 * test-results/chat-reconnect.json and printed (`[chat-reconnect] …`).
 */
import { mkdirSync, writeFileSync } from 'node:fs'

import { getPayload, type Payload, type SanitizedConfig } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'

import { ChatConnection, type ChatConnectionState, type WebSocketConstructor } from '../../src/client/chat/connection'
import { startChatInstance, type ChatInstance } from '../helpers/chat-client'

const WINDOWS = 200
const DOWN_MS = 1_000

let payload: Payload
let createPlainAnswerer: typeof import('../../src/chat/assistant/plain').createPlainAnswerer

beforeAll(async () => {
  const config = ((await import('../../payload.config')) as { default: Promise<SanitizedConfig> }).default
  payload = await getPayload({ config })
  createPlainAnswerer = (await import('../../src/chat/assistant/plain')).createPlainAnswerer
})

let instance: ChatInstance | undefined
const windows: ChatConnection[] = []
afterAll(async () => {
  for (const w of windows) w.close()
  await instance?.close()
})

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

describe('200 windows and a server restart', () => {
  it('all reconnect, spread over time', async () => {
    instance = await startChatInstance(payload, createPlainAnswerer(), { maxConnectionsPerIp: 10_000 })
    const { port, origin } = instance
    // The browser sends the page's Origin by itself; `ws` is told it.
    class PageWebSocket extends WebSocket {
      constructor(url: string) {
        super(url, { origin })
      }
    }
    const states: ChatConnectionState[] = new Array<ChatConnectionState>(WINDOWS).fill('connecting')
    const reopenedAt: (number | undefined)[] = new Array<number | undefined>(WINDOWS).fill(undefined)
    let restartAt = 0
    for (let i = 0; i < WINDOWS; i++) {
      const w = new ChatConnection({ url: instance.url, WebSocket: PageWebSocket as unknown as WebSocketConstructor })
      w.subscribe((event) => {
        if (event.type !== 'state') return
        states[i] = event.state
        if (event.state === 'open' && restartAt > 0 && reopenedAt[i] === undefined) reopenedAt[i] = Date.now() - restartAt
      })
      windows.push(w)
      w.connect()
    }
    await expect.poll(() => states.filter((s) => s === 'open').length, { timeout: 30_000 }).toBe(WINDOWS)

    restartAt = Date.now()
    await instance.close()
    await new Promise((r) => setTimeout(r, DOWN_MS))
    instance = await startChatInstance(payload, createPlainAnswerer(), { maxConnectionsPerIp: 10_000, port })
    await expect.poll(() => reopenedAt.filter((t) => t !== undefined).length, { timeout: 90_000, interval: 250 }).toBe(WINDOWS)

    const times = (reopenedAt as number[]).slice().sort((a, b) => a - b)
    const spanMs = (times[times.length - 1] ?? 0) - (times[0] ?? 0)
    // The busiest 250 ms window: all at once would put every reconnect in one.
    let busiest = 0
    for (let i = 0, j = 0; i < times.length; i++) {
      while ((times[i] ?? 0) - (times[j] ?? 0) > 250) j++
      busiest = Math.max(busiest, i - j + 1)
    }
    const summary = {
      windows: WINDOWS,
      downMs: DOWN_MS,
      firstMs: times[0],
      p50Ms: percentile(times, 50),
      p90Ms: percentile(times, 90),
      lastMs: times[times.length - 1],
      spanMs,
      busiest250ms: busiest,
      connectedAfter: instance.chat.connections(),
    }
    mkdirSync('test-results', { recursive: true })
    writeFileSync('test-results/chat-reconnect.json', JSON.stringify({ ...summary, reconnectMs: times }, null, 2))
    process.stdout.write(`[chat-reconnect] ${JSON.stringify(summary)}\n`)

    expect(instance.chat.connections()).toBe(WINDOWS)
    // Nobody came back before the server did, and nobody waited past the backoff's cap.
    expect(times[0]).toBeGreaterThanOrEqual(DOWN_MS)
    expect(times[times.length - 1]).toBeLessThan(DOWN_MS + 31_000)
    // Spread out: over more than a second, and no quarter second holds half of them (all at once: all 200).
    expect(spanMs).toBeGreaterThan(1_000)
    expect(busiest).toBeLessThan(WINDOWS / 2)
  })
})
