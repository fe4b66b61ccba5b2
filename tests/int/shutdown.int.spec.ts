/**
 * Graceful shutdown, in a real process: SIGTERM while 20 slow requests are in flight; and with a
 * drain (SHUTDOWN_DRAIN_MS), the time a load balancer needs to see readiness 503 before anything
 * is refused (found by `npm run faults`: without it, requests sent in the instant after SIGTERM
 * were refused or reset while readiness had not yet said anything).
 */
import { type ChildProcess } from 'node:child_process'
import http from 'node:http'

import { describe, expect, it } from 'vitest'

import { startHelperServer } from '../helpers/processes'

interface Answer {
  status: number
  body: string
  requestId: string | undefined
  connection: string | undefined
  /** Sent on a kept-alive socket that had served an earlier request. */
  reused: boolean
}

function get(port: number, path = '/slow', agent: http.Agent | false = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, requestId: res.headers['x-request-id'] as string | undefined, connection: res.headers.connection, reused: req.reusedSocket }))
      res.on('error', reject)
    })
    req.on('error', reject)
  })
}

const refusedNow = (port: number) =>
  get(port).then(
    () => false,
    (err: NodeJS.ErrnoException) => err.code === 'ECONNREFUSED',
  )

/** The slow server (tests/helpers/slow-server.ts) in a process of its own; resolves once it listens. */
async function startSlowServer(env: Record<string, string>): Promise<{ child: ChildProcess; port: number; out: () => string; exited: Promise<number | null> }> {
  const { child, port, output, exited } = await startHelperServer('tests/helpers/slow-server.ts', { LOG_LEVEL: 'warn', ...env })
  return { child, port, out: output, exited }
}

describe('graceful shutdown', () => {
  it('finishes all 20 in-flight requests after SIGTERM, refuses new connections, and exits 0', async () => {
    const { child, port, out, exited } = await startSlowServer({ SLOW_MS: '1500' })

    const responses = Promise.all(Array.from({ length: 20 }, () => get(port)))
    // Wait until all 20 are inside the handler, then ask the process to stop.
    await expect.poll(() => (out().match(/inflight/g) ?? []).length, { timeout: 10_000 }).toBe(20)
    child.kill('SIGTERM')
    await new Promise((r) => setTimeout(r, 200))
    const refused = await refusedNow(port)

    const results = await responses
    expect(results).toHaveLength(20)
    for (const r of results) {
      expect(r.status).toBe(200)
      expect(r.body).toBe(`done 1 ${'x'.repeat(10_000)}`)
      expect(r.requestId).toMatch(/^[0-9a-f-]{36}$/)
    }
    expect(refused).toBe(true)
    expect(await exited).toBe(0)
  })

  it('with SHUTDOWN_DRAIN_MS, serves on with readiness 503 and Connection: close until the drain ends, then refuses, and exits 0', async () => {
    const drainMs = 2_000
    const { child, port, exited } = await startSlowServer({ SLOW_MS: '200', SHUTDOWN_DRAIN_MS: String(drainMs) })
    // A keep-alive client with a socket open from before the signal.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    try {
      expect((await get(port, '/ready', agent)).status).toBe(200)

      child.kill('SIGTERM')
      const termAt = Date.now()
      await new Promise((r) => setTimeout(r, 300))
      const ready = await get(port, '/ready')
      const fresh = await get(port)
      // Other requests ending during the drain leave the idle keep-alive socket open: the client
      // may be sending on it at this very moment.
      await new Promise((r) => setTimeout(r, 100))
      const kept = await get(port, '/slow', agent)
      const servedWithin = Date.now() - termAt

      // Still accepting and serving, and telling the balancer and the clients to go.
      expect(ready.status).toBe(503)
      expect(fresh.status).toBe(200)
      expect(fresh.body).toBe(`done 1 ${'x'.repeat(10_000)}`)
      expect(fresh.connection).toBe('close')
      expect(kept.status).toBe(200)
      expect(kept.reused).toBe(true)
      expect(kept.connection).toBe('close')
      expect(servedWithin).toBeLessThan(drainMs)

      await new Promise((r) => setTimeout(r, Math.max(0, termAt + drainMs + 500 - Date.now())))
      expect(await refusedNow(port)).toBe(true)
      expect(await exited).toBe(0)
    } finally {
      agent.destroy()
    }
  })
})
