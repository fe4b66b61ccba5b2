/**
 * The chat part of `npm run bench`: 200 windows (the widget's own ChatConnection on `ws`) on the
 * production server, the time of one plain-responder turn (send → stored reply), and what happens
 * to the 200 when the server restarts: when each window is back, from the SIGTERM on.
 */
import WebSocket from 'ws'

import { ChatConnection, type ChatConnectionState, type WebSocketConstructor } from '../src/client/chat/connection'

export interface ChatBench {
  windows: number
  connectAllMs: number
  turns: number
  turnP50Ms: number
  turnP95Ms: number
  downMs: number
  reconnect: { firstMs: number; p50Ms: number; p90Ms: number; lastMs: number; busiest250ms: number; all: boolean }
}

const pct = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN

async function until(pred: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs
  while (!pred() && Date.now() < end) await new Promise((r) => setTimeout(r, 50))
  return pred()
}

/** `restart` stops the server (SIGTERM), and resolves once it has started again, with the ms it was down. */
export async function benchChat(base: string, restart: () => Promise<number>, windows = 200, turns = 30): Promise<ChatBench> {
  const url = `${base.replace(/^http/, 'ws')}/ws/chat`
  class PageWebSocket extends WebSocket {
    constructor(u: string) {
      super(u, { origin: base })
    }
  }
  const states: ChatConnectionState[] = new Array<ChatConnectionState>(windows).fill('connecting')
  const back: (number | undefined)[] = new Array<number | undefined>(windows).fill(undefined)
  let restartAt = 0
  const conns: ChatConnection[] = []
  const started = Date.now()
  for (let i = 0; i < windows; i++) {
    const c = new ChatConnection({ url, WebSocket: PageWebSocket as unknown as WebSocketConstructor })
    c.subscribe((e) => {
      if (e.type !== 'state') return
      states[i] = e.state
      if (e.state === 'open' && restartAt > 0 && back[i] === undefined) back[i] = Date.now() - restartAt
    })
    conns.push(c)
    c.connect()
  }
  try {
    await until(() => states.every((s) => s === 'open'), 60_000)
    const connectAllMs = Date.now() - started

    // One window asks, one turn at a time: the reply is stored before `done` is sent.
    const asker = conns[0] as ChatConnection
    const times: number[] = []
    for (let t = 0; t < turns; t++) {
      let done = false
      const off = asker.subscribe((e) => {
        if (e.type === 'frame' && e.frame.type === 'done') done = true
      })
      const t0 = performance.now()
      asker.send('How much for 12 guests in 10003?')
      await until(() => done, 15_000)
      times.push(performance.now() - t0)
      off()
    }
    times.sort((a, b) => a - b)

    restartAt = Date.now()
    const downMs = await restart()
    const all = await until(() => back.every((v) => v !== undefined), 90_000)
    const reconnects = back.filter((v): v is number => v !== undefined).sort((a, b) => a - b)
    let busiest = 0
    for (let i = 0, j = 0; i < reconnects.length; i++) {
      while ((reconnects[i] ?? 0) - (reconnects[j] ?? 0) > 250) j++
      busiest = Math.max(busiest, i - j + 1)
    }
    return {
      windows,
      connectAllMs,
      turns,
      turnP50Ms: Math.round(pct(times, 50)),
      turnP95Ms: Math.round(pct(times, 95)),
      downMs,
      reconnect: { firstMs: reconnects[0] ?? NaN, p50Ms: pct(reconnects, 50), p90Ms: pct(reconnects, 90), lastMs: reconnects[reconnects.length - 1] ?? NaN, busiest250ms: busiest, all },
    }
  } finally {
    for (const c of conns) c.close()
  }
}

export function chatBenchLines(r: ChatBench): string[] {
  return [
    '## Chat',
    '',
    `${r.windows} chat windows (the widget's ChatConnection over \`ws\`) on the server above, with the plain responder.`,
    '',
    `- All ${r.windows} connected (handshake, hello, ready) in ${r.connectAllMs} ms.`,
    `- One turn ("How much for 12 guests in 10003?": stored, answered with the quote and stored again), ${r.turns} in a row: p50 ${r.turnP50Ms} ms, p95 ${r.turnP95Ms} ms.`,
    `- Restart: SIGTERM (every socket closed with 1001), the server was back after ${r.downMs} ms. Reconnects, counted from the SIGTERM:`,
    `  first ${r.reconnect.firstMs} ms, p50 ${r.reconnect.p50Ms} ms, p90 ${r.reconnect.p90Ms} ms, last ${r.reconnect.lastMs} ms; the busiest 250 ms held ${r.reconnect.busiest250ms} of ${r.windows}${r.reconnect.all ? '' : ' (NOT all came back within 90 s)'}.`,
    '',
  ]
}
