/**
 * A fake of Sentry's ingest for tests, faked only at the network boundary: a real `node:http`
 * server on 127.0.0.1 that the SDK sends to as it would to sentry.io, given the DSN
 * `http://<key>@127.0.0.1:<port>/<project>` (`dsn()`). It speaks the envelope endpoint:
 * `POST /api/<project>/envelope/` with the key in `?sentry_key=` or `X-Sentry-Auth`, a body of
 * newline-delimited JSON (an envelope header, then per item a header line and a payload, the
 * payload `length` bytes long when the item header says so, else up to the next newline),
 * gzip-encoded when large (`Content-Encoding: gzip`, as the Node transport does above 32 kB).
 * Answers 200 `{}`, with CORS headers so a browser page on another origin can send too (and 204
 * to the preflight). Every envelope is recorded, raw text included, for the test to search.
 * Also a small reading API for processes that cannot share memory with the test:
 *   GET /envelopes → 200 [Envelope…] in arrival order; DELETE /envelopes → 204 (forgets them).
 * A wrong project or key answers 403, another path 404 (recorded in `refused`).
 * Limits: everything in memory; no rate limiting, no attachments parsing beyond raw bytes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gunzipSync } from 'node:zlib'

export interface EnvelopeItem {
  header: Record<string, unknown> & { type?: string }
  /** The payload parsed as JSON, or its text when it is not JSON. */
  payload: unknown
}

export interface Envelope {
  project: string
  header: Record<string, unknown>
  items: EnvelopeItem[]
  /** The whole body as received (after gunzip): what a test searches for things that must not be there. */
  raw: string
  gzip: boolean
}

export interface FakeSentry {
  url: string
  /** The DSN that points an SDK here. */
  dsn: (project?: string) => string
  envelopes: Envelope[]
  /** Requests that were not a valid envelope for a known project and key. */
  refused: { method: string; path: string; status: number }[]
  /** The error/message events received (item type `event`), in arrival order. */
  events: () => Record<string, unknown>[]
  /** Waits until `predicate` holds for the envelopes received, or throws after `timeoutMs`. */
  waitFor: (predicate: (envelopes: Envelope[]) => boolean, timeoutMs?: number) => Promise<void>
  clear: () => void
  close: () => Promise<void>
}

export const FAKE_SENTRY_KEY = 'fakesentrypublickey0000000000000'

/** Splits an envelope body (sentry's wire format) into its header and items. */
export function parseEnvelope(body: Buffer): { header: Record<string, unknown>; items: EnvelopeItem[] } {
  let offset = 0
  const line = (): Buffer | undefined => {
    if (offset >= body.length) return undefined
    const end = body.indexOf(0x0a, offset)
    const stop = end === -1 ? body.length : end
    const chunk = body.subarray(offset, stop)
    offset = stop + 1
    return chunk
  }
  const headerLine = line()
  if (!headerLine) throw new Error('empty envelope')
  const header = JSON.parse(headerLine.toString('utf8')) as Record<string, unknown>
  const items: EnvelopeItem[] = []
  for (;;) {
    const itemLine = line()
    if (itemLine === undefined) break
    if (itemLine.length === 0) continue
    const itemHeader = JSON.parse(itemLine.toString('utf8')) as EnvelopeItem['header']
    let payload: Buffer
    if (typeof itemHeader.length === 'number') {
      payload = body.subarray(offset, offset + itemHeader.length)
      offset += itemHeader.length
      if (body[offset] === 0x0a) offset += 1
    } else {
      payload = line() ?? Buffer.alloc(0)
    }
    const text = payload.toString('utf8')
    let parsed: unknown = text
    try {
      parsed = JSON.parse(text)
    } catch {
      // An attachment or another non-JSON payload: kept as text.
      parsed = text
    }
    items.push({ header: itemHeader, payload: parsed })
  }
  return { header, items }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Content-Encoding, X-Sentry-Auth',
}

function keyOf(req: IncomingMessage, url: URL): string | undefined {
  const fromQuery = url.searchParams.get('sentry_key')
  if (fromQuery) return fromQuery
  const auth = req.headers['x-sentry-auth']
  const m = typeof auth === 'string' ? /sentry_key=([^,\s]+)/.exec(auth) : null
  return m?.[1]
}

export async function startFakeSentry(opts: { port?: number; projects?: string[]; key?: string } = {}): Promise<FakeSentry> {
  const projects = new Set(opts.projects ?? ['1'])
  const key = opts.key ?? FAKE_SENTRY_KEY
  const envelopes: Envelope[] = []
  const refused: FakeSentry['refused'] = []
  const waiters = new Set<() => void>()

  const send = (res: ServerResponse, status: number, body?: unknown) => {
    res.writeHead(status, { ...CORS, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
    res.end(body === undefined ? undefined : JSON.stringify(body))
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake-sentry')
    if (req.method === 'OPTIONS') return send(res, 204)
    if (url.pathname === '/envelopes' && req.method === 'GET') return send(res, 200, envelopes)
    if (url.pathname === '/envelopes' && req.method === 'DELETE') {
      envelopes.length = 0
      return send(res, 204)
    }
    const m = /^\/api\/([^/]+)\/envelope\/$/.exec(url.pathname)
    if (!m || req.method !== 'POST') {
      refused.push({ method: req.method ?? '', path: url.pathname, status: 404 })
      return send(res, 404, { detail: 'not found' })
    }
    const project = m[1] ?? ''
    if (!projects.has(project) || keyOf(req, url) !== key) {
      refused.push({ method: req.method, path: url.pathname, status: 403 })
      return send(res, 403, { detail: 'bad project or key' })
    }
    const received = await readBody(req)
    const gzip = (req.headers['content-encoding'] ?? '').includes('gzip')
    const body = gzip ? gunzipSync(received) : received
    const { header, items } = parseEnvelope(body)
    envelopes.push({ project, header, items, raw: body.toString('utf8'), gzip })
    for (const wake of waiters) wake()
    return send(res, 200, {})
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 400, { detail: err instanceof Error ? err.message : String(err) }))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`

  return {
    url,
    dsn: (project = '1') => `http://${key}@127.0.0.1:${port}/${project}`,
    envelopes,
    refused,
    events: () => envelopes.flatMap((e) => e.items.filter((i) => i.header.type === 'event').map((i) => i.payload as Record<string, unknown>)),
    waitFor: async (predicate, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs
      while (!predicate(envelopes)) {
        const left = deadline - Date.now()
        if (left <= 0) throw new Error(`fake Sentry: still waiting after ${timeoutMs} ms; received ${envelopes.length} envelope(s)`)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, Math.min(left, 250))
          function done() {
            clearTimeout(timer)
            waiters.delete(done)
            resolve()
          }
          waiters.add(done)
        })
      }
    },
    clear: () => {
      envelopes.length = 0
      refused.length = 0
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
