/**
 * Graceful shutdown, in a real process: SIGTERM while 20 slow requests are in flight.
 */
import { spawn } from 'node:child_process'
import http from 'node:http'

import { describe, expect, it } from 'vitest'

function get(port: number): Promise<{ status: number; body: string; requestId: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/slow', agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, requestId: res.headers['x-request-id'] as string | undefined }))
      res.on('error', reject)
    })
    req.on('error', reject)
  })
}

describe('graceful shutdown', () => {
  it('finishes all 20 in-flight requests after SIGTERM, refuses new connections, and exits 0', async () => {
    // Node itself with tsx's loader (no npx/tsx wrapper process), so SIGTERM reaches the server directly.
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/slow-server.ts'], {
      env: { ...process.env, SLOW_MS: '1500', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        const m = /listening (\d+)/.exec(out)
        if (m) resolve(Number(m[1]))
      })
      child.on('exit', () => reject(new Error(`server exited early: ${out}`)))
    })

    const responses = Promise.all(Array.from({ length: 20 }, () => get(port)))
    // Wait until all 20 are inside the handler, then ask the process to stop.
    await expect.poll(() => (out.match(/inflight/g) ?? []).length, { timeout: 10_000 }).toBe(20)
    child.kill('SIGTERM')
    await new Promise((r) => setTimeout(r, 200))
    const refused = await get(port).then(
      () => false,
      (err: NodeJS.ErrnoException) => err.code === 'ECONNREFUSED',
    )

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
})
