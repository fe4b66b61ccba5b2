// The storefront's REST client against a real HTTP server on a local port (the network boundary,
// nothing of ours is mocked): what it retries, what it never retries, how a timeout and a
// caller's abort surface. No database is involved.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { api, ApiError } from '../../src/client/api'

interface Seen {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void

const GENERIC_5XX = 'Something went wrong on our side. Please try again in a moment.'

let server: Server
let base = ''
let seen: Seen[] = []
let handler: Handler = (_req, res) => res.end()

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

/** Answers the n-th request (1-based) with the n-th status; the last one repeats. */
function statuses(...list: number[]): Handler {
  return (_req, res, n) => {
    const status = list[Math.min(n, list.length) - 1] ?? 500
    if (status >= 200 && status < 300) answer(res, status, { ok: true, attempt: n })
    else answer(res, status, { errors: [{ name: 'Error', message: `failed attempt ${String(n)}` }] })
  }
}

/** Expects `p` to reject with an ApiError and returns it. */
async function apiError(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p
  } catch (err) {
    if (err instanceof ApiError) return err
    throw err
  }
  throw new Error('Expected an ApiError but the request succeeded')
}

beforeAll(async () => {
  server = createServer((req, res) => {
    // One connection per request: a kept-alive socket closed by afterEach would otherwise fail the
    // next test's request before it reaches this server.
    res.setHeader('Connection', 'close')
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
      handler(req, res, seen.length)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`
})

beforeEach(() => {
  seen = []
})

afterEach(() => {
  // Requests left hanging on purpose (timeouts, aborts) must not outlive their test.
  server.closeAllConnections()
})

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())))
})

describe('retrying what is safe to repeat', () => {
  it('retries a GET answered 503 until it succeeds on the third attempt', async () => {
    handler = statuses(503, 503, 200)
    const body = await api<{ ok: boolean; attempt: number }>(`${base}/api/availability?from=2026-12-01`, { timeoutMs: 2000 })
    expect(body).toEqual({ ok: true, attempt: 3 })
    expect(seen).toHaveLength(3)
    expect(seen.every((r) => r.method === 'GET' && r.url === '/api/availability?from=2026-12-01')).toBe(true)
    expect(seen[0]?.headers.accept).toBe('application/json')
  })

  it('gives up after the last retry with the generic message for a server error', async () => {
    handler = statuses(503)
    const err = await apiError(api(`${base}/x`, { retries: 1, timeoutMs: 2000 }))
    expect(err.status).toBe(503)
    expect(err.message).toBe(GENERIC_5XX)
    expect(seen).toHaveLength(2)
  })

  it('never repeats a POST without an Idempotency-Key, so a booking cannot be made twice', async () => {
    handler = statuses(503, 201)
    const err = await apiError(api(`${base}/api/bookings`, { method: 'POST', body: { adults: 4 }, timeoutMs: 2000 }))
    expect(err.status).toBe(503)
    expect(err.message).toBe(GENERIC_5XX)
    expect(seen).toHaveLength(1)
    expect(seen[0]?.headers['idempotency-key']).toBeUndefined()
  })

  it('retries a POST that carries an Idempotency-Key, sending the same key and body every time', async () => {
    handler = statuses(503, 502, 201)
    const body = await api<{ ok: boolean }>(`${base}/api/bookings`, {
      method: 'POST',
      body: { guests: { adults: 4, children: 0 } },
      idempotencyKey: 'b1f0c2de-4a5b-4c6d-8e9f-0123456789ab',
      timeoutMs: 2000,
    })
    expect(body.ok).toBe(true)
    expect(seen).toHaveLength(3)
    for (const r of seen) {
      expect(r.method).toBe('POST')
      expect(r.headers['idempotency-key']).toBe('b1f0c2de-4a5b-4c6d-8e9f-0123456789ab')
      expect(r.headers['content-type']).toBe('application/json')
      expect(JSON.parse(r.body)).toEqual({ guests: { adults: 4, children: 0 } })
    }
  })

  it('never repeats a POST whose Idempotency-Key is empty, since no key reaches the server', async () => {
    handler = statuses(503, 201)
    await apiError(api(`${base}/api/bookings`, { method: 'POST', body: {}, idempotencyKey: '', retries: 1, timeoutMs: 2000 }))
    expect(seen).toHaveLength(1)
  })

  it('waits for a write with the same Idempotency-Key that is still being processed', async () => {
    handler = (_req, res, n) =>
      n === 1
        ? answer(res, 409, {
            errors: [{ name: 'ConflictError', message: 'A request with this Idempotency-Key is still being processed.', data: { reason: 'idempotency_in_progress' } }],
          })
        : answer(res, 201, { id: 42 })
    const body = await api<{ id: number }>(`${base}/api/bookings`, { method: 'POST', body: {}, idempotencyKey: 'k-1', retries: 1, timeoutMs: 2000 })
    expect(body).toEqual({ id: 42 })
    expect(seen).toHaveLength(2)
  })

  it('returns nothing for a 204 answer', async () => {
    handler = (_req, res) => {
      res.writeHead(204)
      res.end()
    }
    await expect(api(`${base}/x`, { method: 'DELETE', timeoutMs: 2000 })).resolves.toBeUndefined()
  })
})

describe('never retrying what repeating cannot fix', () => {
  it('never retries a 400, and names the fields the server rejected', async () => {
    handler = (_req, res) =>
      answer(res, 400, {
        errors: [
          {
            name: 'ValidationError',
            message: 'The following field is invalid: address.zip',
            data: { errors: [{ path: 'address.zip', message: 'We do not serve that ZIP code' }] },
          },
        ],
      })
    const err = await apiError(api(`${base}/api/quote`, { method: 'POST', body: {}, idempotencyKey: 'k-2', timeoutMs: 2000 }))
    expect(err.status).toBe(400)
    expect(err.fieldErrors).toEqual({ 'address.zip': 'We do not serve that ZIP code' })
    expect(seen).toHaveLength(1)
  })

  it('never retries a GET answered 400 either', async () => {
    handler = statuses(400, 200)
    const err = await apiError(api(`${base}/x`, { timeoutMs: 2000 }))
    expect(err.status).toBe(400)
    expect(seen).toHaveLength(1)
  })

  it('never retries a rate-limited request, and says how long to wait', async () => {
    handler = (_req, res) => answer(res, 429, { errors: [{ message: 'Too many requests' }] }, { 'Retry-After': '7' })
    const err = await apiError(api(`${base}/x`, { timeoutMs: 2000 }))
    expect(err.status).toBe(429)
    expect(err.retryAfterSeconds).toBe(7)
    expect(err.message).toBe('Too many requests. Please wait 7 seconds and try again.')
    expect(seen).toHaveLength(1)
  })
})

describe('a server that does not answer', () => {
  it('gives up after the timeout with status 0 and says the server took too long', async () => {
    handler = () => undefined // never answers
    const started = Date.now()
    const err = await apiError(api(`${base}/slow`, { timeoutMs: 300, retries: 0 }))
    expect(err.status).toBe(0)
    expect(err.message).toMatch(/took too long/)
    expect(Date.now() - started).toBeLessThan(3000)
    expect(seen).toHaveLength(1)
  })

  it('retries a GET that timed out', async () => {
    handler = (_req, res, n) => {
      if (n > 1) answer(res, 200, { attempt: n })
    }
    await expect(api(`${base}/slow`, { timeoutMs: 300, retries: 1 })).resolves.toEqual({ attempt: 2 })
    expect(seen).toHaveLength(2)
  })

  it('says it could not reach the server when nothing listens on the port', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const err = await apiError(api(`http://127.0.0.1:${String(port)}/x`, { timeoutMs: 2000, retries: 0 }))
    expect(err.status).toBe(0)
    expect(err.message).toMatch(/could not reach the server/)
  })

  it('gives up with status 0 when the server sends headers but never finishes the body', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.write('{"ok":')
    }
    const err = await apiError(api(`${base}/stall`, { timeoutMs: 300, retries: 0 }))
    expect(err.status).toBe(0)
    expect(err.message).toMatch(/took too long/)
  })
})

describe("the caller's own abort", () => {
  it('re-throws the abort reason as is while the request is in flight, without retrying', async () => {
    handler = () => undefined // never answers
    const controller = new AbortController()
    const reason = new Error('the customer picked another month')
    const p = api(`${base}/api/availability`, { signal: controller.signal, timeoutMs: 5000 })
    setTimeout(() => controller.abort(reason), 100)
    const rejection = await p.then(
      () => undefined,
      (err: unknown) => err,
    )
    expect(rejection).toBe(reason)
    expect(rejection).not.toBeInstanceOf(ApiError)
    expect(seen).toHaveLength(1)
  })

  it('re-throws a plain abort as an AbortError, not an ApiError', async () => {
    handler = () => undefined
    const controller = new AbortController()
    const p = api(`${base}/api/availability`, { signal: controller.signal, timeoutMs: 5000 })
    setTimeout(() => controller.abort(), 100)
    const rejection = await p.then(
      () => undefined,
      (err: unknown) => err,
    )
    expect(rejection).not.toBeInstanceOf(ApiError)
    expect(rejection).toBeInstanceOf(DOMException)
    expect((rejection as DOMException).name).toBe('AbortError')
  })

  it('stops waiting between retries as soon as the caller aborts', async () => {
    handler = statuses(503, 200)
    const controller = new AbortController()
    const reason = new Error('left the page')
    const started = Date.now()
    const p = api(`${base}/x`, { signal: controller.signal, timeoutMs: 2000 })
    // The first answer arrives at once; the abort lands during the backoff (at least 300 ms).
    setTimeout(() => controller.abort(reason), 50)
    await expect(p).rejects.toBe(reason)
    expect(Date.now() - started).toBeLessThan(290)
    expect(seen).toHaveLength(1)
  })

  it('does not even start when the signal is already aborted', async () => {
    handler = statuses(200)
    const reason = new Error('already gone')
    await expect(api(`${base}/x`, { signal: AbortSignal.abort(reason), timeoutMs: 2000 })).rejects.toBe(reason)
    expect(seen).toHaveLength(0)
  })
})
