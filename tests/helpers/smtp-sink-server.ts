/**
 * A real SMTP server as a process of its own, for apps under test that run outside the test
 * runner (Playwright's webServer list starts it with `node --import tsx`): `smtp-server` on
 * 127.0.0.1 with no TLS and optional AUTH, every message parsed with `mailparser`, and a tiny
 * HTTP API on a second port for the spec to read what arrived:
 *   GET /messages[?to=address]  → 200 [{ to, from, subject, text, html, messageId, date }] in arrival order
 *   GET /health                 → 200 { ok: true, received }
 * SMTP_SINK_PORT: the SMTP port, SMTP_SINK_HTTP_PORT: the HTTP port (default 0 each: any free
 * one). Prints `listening <httpPort> smtp <smtpPort>` once both listen; SIGTERM or SIGINT closes
 * both and exits 0. Test-only: it accepts every message and keeps them all in memory (tests/helpers/smtp-sink.ts).
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

import { startSmtpSink, type SinkMessage } from './smtp-sink'

function port(name: string): number {
  const n = Number(process.env[name] || 0)
  if (!Number.isInteger(n) || n < 0 || n > 65_535) {
    process.stderr.write(`${name} must be a port number (0-65535), not ${String(process.env[name])}\n`)
    process.exit(2)
  }
  return n
}

const smtpPort = port('SMTP_SINK_PORT')
const httpPort = port('SMTP_SINK_HTTP_PORT')
const sink = await startSmtpSink({ port: smtpPort })

/** What the spec reads of a message. */
function view(m: SinkMessage) {
  return {
    to: m.to,
    from: m.parsed.from?.value[0]?.address?.toLowerCase() ?? '',
    subject: m.subject,
    text: m.text,
    html: m.html,
    messageId: m.parsed.messageId ?? '',
    date: (m.parsed.date ?? new Date()).toISOString(),
  }
}

const http = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://sink')
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
    res.end(JSON.stringify(body))
  }
  if (req.method !== 'GET') return send(405, { error: 'GET only' })
  if (url.pathname === '/health') return send(200, { ok: true, received: sink.received.length })
  if (url.pathname === '/messages') {
    const to = url.searchParams.get('to')?.toLowerCase()
    return send(200, (to ? sink.received.filter((m) => m.to.includes(to)) : sink.received).map(view))
  }
  return send(404, { error: 'not found' })
})

function listen(server: { listen: (port: number, host: string, cb: () => void) => unknown; once: (e: 'error', cb: (err: Error) => void) => unknown }, p: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(p, '127.0.0.1', resolve)
  })
}

await listen(http, httpPort)

function stop(): void {
  let open = 2
  const done = () => {
    open -= 1
    if (open === 0) process.exit(0)
  }
  sink.close().then(done, done)
  http.close(done)
  // Keep-alive connections from the spec would hold the HTTP server open: close them.
  http.closeAllConnections()
}
process.once('SIGTERM', stop)
process.once('SIGINT', stop)

process.stdout.write(`listening ${String((http.address() as AddressInfo).port)} smtp ${new URL(sink.url).port}\n`)
