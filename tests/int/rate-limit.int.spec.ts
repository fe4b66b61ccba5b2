/**
 * Rate limits across app instances: four real processes share one Redis. Needs REDIS_URL (CI and
 * `bash .ci/run` set it); on a machine without Redis the multi-instance claim cannot be tested
 * and the suite says so by skipping.
 */
import { randomBytes } from 'node:crypto'

import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startHelperServer, type Started } from '../helpers/processes'
import { proxyUrl, type TcpProxy } from '../helpers/tcp-proxy'

const REDIS_URL = process.env.REDIS_URL
const prefix = `myhibachi-test-${randomBytes(4).toString('hex')}:`

async function hit(port: number, ip: string): Promise<{ status: number; retryAfter: string | null; policy: string | null; rateLimit: string | null }> {
  const res = await fetch(`http://127.0.0.1:${port}/api/quote`, { method: 'POST', headers: { 'X-Forwarded-For': ip, 'Content-Type': 'application/json' }, body: '{}' })
  await res.arrayBuffer()
  return { status: res.status, retryAfter: res.headers.get('retry-after'), policy: res.headers.get('ratelimit-policy'), rateLimit: res.headers.get('ratelimit') }
}

describe.skipIf(!REDIS_URL)('rate limits shared through Redis', () => {
  let servers: Started[] = []
  let redis: Redis

  beforeAll(async () => {
    redis = new Redis(REDIS_URL as string)
    servers = await Promise.all(
      Array.from({ length: 4 }, () =>
        startHelperServer('tests/helpers/ratelimit-server.ts', { REDIS_KEY_PREFIX: prefix, RATE_LIMIT_QUOTE: '10/60', TRUST_PROXY: 'true', LOG_LEVEL: 'warn' }),
      ),
    )
  }, 60_000)

  afterAll(async () => {
    for (const s of servers) expect(await s.stop()).toBe(0)
    const keys = await redis.keys(`${prefix}*`)
    if (keys.length > 0) await redis.del(...keys)
    redis.disconnect()
  })

  it('allows exactly 10 of 1,000 simultaneous requests on one key across 4 instances', async () => {
    const results = await Promise.all(servers.flatMap((s) => Array.from({ length: 250 }, () => hit(s.port, '203.0.113.7'))))
    const allowed = results.filter((r) => r.status === 200)
    const limited = results.filter((r) => r.status === 429)
    expect(allowed).toHaveLength(10)
    expect(limited).toHaveLength(990)
    for (const r of limited) {
      const seconds = Number(r.retryAfter)
      expect(seconds).toBeGreaterThanOrEqual(1)
      expect(seconds).toBeLessThanOrEqual(60)
      expect(r.rateLimit).toMatch(/^"quote";r=0;t=\d+$/)
    }
    for (const r of allowed) {
      expect(r.policy).toBe('"quote";q=10;w=60')
      expect(r.rateLimit).toMatch(/^"quote";r=\d;t=\d+$/)
    }
  })

  it('keeps separate budgets per client IP', async () => {
    const other = await hit(servers[0]?.port ?? 0, '198.51.100.9')
    expect(other.status).toBe(200)
  })
})

describe.skipIf(!REDIS_URL)('rate limits while Redis goes away', () => {
  let proxy: TcpProxy
  let server: Started
  let redis: Redis

  beforeAll(async () => {
    const proxied = await proxyUrl(REDIS_URL as string, 6379)
    proxy = proxied.proxy
    redis = new Redis(REDIS_URL as string)
    server = await startHelperServer('tests/helpers/ratelimit-server.ts', {
      REDIS_URL: proxied.url,
      REDIS_KEY_PREFIX: prefix,
      RATE_LIMIT_QUOTE: '100000/60',
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'fatal',
    })
  }, 60_000)

  afterAll(async () => {
    await server.stop()
    await proxy.close()
    redis.disconnect()
  })

  it('never answers 5xx when Redis drops mid-run, and uses Redis again once it is back', async () => {
    const statuses: number[] = []
    const batch = async () => {
      const rs = await Promise.all(Array.from({ length: 20 }, () => hit(server.port, '192.0.2.50')))
      statuses.push(...rs.map((r) => r.status))
    }
    for (let i = 0; i < 5; i++) await batch()
    const key = `${prefix}rl:quote:ip:192.0.2.50`
    const beforeOutage = Number(await redis.get(key))
    expect(beforeOutage).toBe(100)

    proxy.cut()
    for (let i = 0; i < 5; i++) await batch()
    expect(Number(await redis.get(key))).toBe(beforeOutage)

    proxy.restore()
    // ioredis reconnects on its own; once it has, decisions go to Redis again.
    await expect
      .poll(
        async () => {
          await batch()
          return Number(await redis.get(key))
        },
        { timeout: 15_000, interval: 200 },
      )
      .toBeGreaterThan(beforeOutage)
    expect(statuses.filter((s) => s >= 500)).toEqual([])
    expect(statuses.every((s) => s === 200)).toBe(true)
  })
})
