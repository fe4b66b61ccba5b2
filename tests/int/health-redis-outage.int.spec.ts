/**
 * Readiness while Redis goes away: degraded (503, Redis down) but still serving; back to 200 by
 * itself when Redis returns. This file's app reaches the real Redis through a TCP proxy.
 */
import type { SanitizedConfig } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { restClient } from '../helpers/rest'
import { proxyUrl, type TcpProxy } from '../helpers/tcp-proxy'

const REDIS_URL = process.env.REDIS_URL
let proxy: TcpProxy
let rest: ReturnType<typeof restClient>

type Ready = { status: string; checks: Record<string, { status: string }> }

describe.skipIf(!REDIS_URL)('readiness during a Redis outage', () => {
  beforeAll(async () => {
    const proxied = await proxyUrl(REDIS_URL as string, 6379)
    proxy = proxied.proxy
    process.env.REDIS_URL = proxied.url
    const { default: config } = (await import('../../payload.config')) as { default: Promise<SanitizedConfig> }
    rest = restClient(config)
  })

  afterAll(async () => {
    await proxy.close()
  })

  it('reports Redis down with 503 while it is unreachable and up again once it returns', async () => {
    await expect.poll(async () => (await rest<Ready>('GET', '/health/ready')).body.checks.redis?.status, { timeout: 10_000 }).toBe('up')

    proxy.cut()
    const down = await rest<Ready>('GET', '/health/ready')
    expect(down.status).toBe(503)
    expect(down.body.checks.redis?.status).toBe('down')
    expect(down.body.checks.redis).not.toHaveProperty('error')
    expect(down.body.checks.database?.status).toBe('up')

    proxy.restore()
    await expect.poll(async () => (await rest<Ready>('GET', '/health/ready')).status, { timeout: 15_000, interval: 250 }).toBe(200)
  })
})
