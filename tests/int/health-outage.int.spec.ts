/**
 * The readiness check when Postgres goes away and comes back: this file's Payload instance
 * reaches the real test database through a TCP proxy the test can cut.
 */
import type { SanitizedConfig } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { restClient } from '../helpers/rest'
import { proxyUrl, type TcpProxy } from '../helpers/tcp-proxy'

let proxy: TcpProxy
let rest: ReturnType<typeof restClient>

beforeAll(async () => {
  const proxied = await proxyUrl(process.env.DATABASE_URI as string, 5432)
  proxy = proxied.proxy
  process.env.DATABASE_URI = proxied.url
  process.env.DB_CONNECT_TIMEOUT_MS = '1000'
  const { default: config } = (await import('../../payload.config')) as { default: Promise<SanitizedConfig> }
  rest = restClient(config)
})

afterAll(async () => {
  await proxy.close()
})

describe('readiness during a database outage', () => {
  it('answers 503 within 2 s while Postgres is unreachable, then 200 again without a restart', async () => {
    expect((await rest('GET', '/health/ready')).status).toBe(200)

    proxy.cut()
    const started = Date.now()
    const down = await rest<{ status: string; checks: Record<string, { status: string }> }>('GET', '/health/ready')
    const elapsed = Date.now() - started
    expect(down.status).toBe(503)
    expect(down.body.status).toBe('fail')
    expect(down.body.checks.database?.status).toBe('down')
    // Why it failed stays in the server's log: anyone may ask for readiness.
    expect(down.body.checks.database).not.toHaveProperty('error')
    expect(JSON.stringify(down.body)).not.toMatch(/127\.0\.0\.1|ECONN|timed out|terminated/i)
    expect(elapsed).toBeLessThan(2_000)

    proxy.restore()
    let back = 0
    for (let i = 0; i < 20 && back !== 200; i++) {
      back = (await rest('GET', '/health/ready')).status
      if (back !== 200) await new Promise((r) => setTimeout(r, 250))
    }
    expect(back).toBe(200)
  })
})
