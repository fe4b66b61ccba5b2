/**
 * Request IDs over a real socket: echoed when sane, generated otherwise, and on every log line
 * written while the request is handled.
 */
import { Writable } from 'node:stream'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createGracefulServer, type GracefulServer } from '../../src/server/graceful-server'
import { createLogger } from '../../src/server/logger'

const lines: Record<string, unknown>[] = []
const sink = new Writable({
  write(chunk: Buffer, _enc, cb) {
    for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>)
    cb()
  },
})
const log = createLogger({ level: 'info', destination: sink })
let server: GracefulServer
let base = ''

beforeAll(async () => {
  server = createGracefulServer({
    port: 0,
    host: '127.0.0.1',
    shutdownTimeoutMs: 1000,
    log,
    handler: async (_req, res) => {
      await new Promise((r) => setTimeout(r, 5))
      log.info({ email: 'guest@example.com' }, 'inside the handler')
      res.end('ok')
    },
  })
  await server.listen()
  const addr = server.server.address()
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`
})

afterAll(async () => {
  await server.shutdown('test done')
})

describe('request IDs', () => {
  it('echoes a well-formed X-Request-ID and stamps it on every log line of that request', async () => {
    const res = await fetch(`${base}/x`, { headers: { 'X-Request-ID': 'abc' } })
    expect(res.headers.get('x-request-id')).toBe('abc')
    const inside = lines.find((l) => l.msg === 'inside the handler' && l.requestId === 'abc')
    expect(inside).toBeDefined()
    expect(inside?.email).toBe('[redacted]')
    await expect.poll(() => lines.some((l) => l.msg === 'request' && l.requestId === 'abc')).toBe(true)
  })

  it('replaces a malformed X-Request-ID with a fresh UUID', async () => {
    const res = await fetch(`${base}/x`, { headers: { 'X-Request-ID': 'bad id with spaces <script>' } })
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('makes an ID when none is sent', async () => {
    const a = await fetch(`${base}/x`)
    const b = await fetch(`${base}/x`)
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'))
  })
})
