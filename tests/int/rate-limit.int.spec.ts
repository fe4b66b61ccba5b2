/**
 * Rate limits across app instances: four real processes share one Redis. Needs REDIS_URL (CI and
 * `bash .ci/run` set it); on a machine without Redis the multi-instance claim cannot be tested
 * and the suite says so by skipping.
 * Then, on real processes running the app's rate-limit middleware (with or without Redis): whose
 * budget a request behind trusted proxies spends, and that every public write — each auth route,
 * GraphQL, the catch-all writes policy, and every path spelling that Next routes to a handler —
 * is limited.
 */
import { randomBytes } from 'node:crypto'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'

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
      LOG_LEVEL: 'info',
      LOG_PRETTY: 'false',
    })
  }, 60_000)

  afterAll(async () => {
    await server.stop()
    await proxy.close()
    redis.disconnect()
  })

  it('never answers 5xx when Redis drops mid-run, says it fell back, and uses Redis again once it is back', async () => {
    const statuses: number[] = []
    const batch = async () => {
      const rs = await Promise.all(Array.from({ length: 20 }, () => hit(server.port, '192.0.2.50')))
      statuses.push(...rs.map((r) => r.status))
    }
    for (let i = 0; i < 5; i++) await batch()
    const key = `${prefix}rl:quote:ip:192.0.2.50`
    const beforeOutage = Number(await redis.get(key))
    expect(beforeOutage).toBe(100)

    const fellBack = /rate limits count in this instance’s memory/
    const sharedAgain = /rate limits are shared by every instance again/
    expect(server.output()).not.toMatch(fellBack)
    proxy.cut()
    for (let i = 0; i < 5; i++) await batch()
    expect(Number(await redis.get(key))).toBe(beforeOutage)
    // Said once, not once per request.
    expect(server.output().match(new RegExp(fellBack.source, 'g'))).toHaveLength(1)

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
    // The log line travels through a pipe of its own: it may land a moment after the answers.
    await expect.poll(() => server.output(), { timeout: 5_000 }).toMatch(sharedAgain)
  })
})

/** A request sent byte for byte (fetch would resolve `.`/`..` and `\\` before sending). */
async function raw(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string | string[]> = {},
): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }))
    })
    req.on('error', reject)
    // Node sends GET/DELETE bodies without a length (as the start of a next request): none there.
    req.end(['POST', 'PUT', 'PATCH'].includes(method) ? '{}' : undefined)
  })
}

let ipCounter = 0
/** A fresh documentation-range address (RFC 5737 TEST-NET-2) per call: a new budget. */
function freshIp(): string {
  ipCounter += 1
  return `198.51.${Math.floor(ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`
}
function randomIp(): string {
  const b = randomBytes(3)
  return `10.${b[0] ?? 0}.${b[1] ?? 0}.${b[2] ?? 0}`
}

describe('the client address behind trusted proxies', () => {
  let oneHop: Started
  let twoHops: Started

  beforeAll(async () => {
    const common = { REDIS_KEY_PREFIX: `${prefix}hops:`, RATE_LIMIT_QUOTE: '5/60', LOG_LEVEL: 'warn' }
    ;[oneHop, twoHops] = await Promise.all([
      startHelperServer('tests/helpers/ratelimit-server.ts', { ...common, TRUST_PROXY: '1' }),
      startHelperServer('tests/helpers/ratelimit-server.ts', { ...common, REDIS_KEY_PREFIX: `${prefix}hops2:`, TRUST_PROXY: '2' }),
    ])
  }, 60_000)

  afterAll(async () => {
    expect(await oneHop.stop()).toBe(0)
    expect(await twoHops.stop()).toBe(0)
  })

  it('behind one proxy, a client that writes its own left-most X-Forwarded-For entry is limited exactly as one client', async () => {
    // The proxy appends the address it saw (203.0.113.21); the client makes up the rest.
    const results = await Promise.all(Array.from({ length: 20 }, () => raw(oneHop.port, 'POST', '/api/quote', { 'X-Forwarded-For': `${randomIp()}, 203.0.113.21` })))
    expect(results.filter((r) => r.status === 200)).toHaveLength(5)
    expect(results.filter((r) => r.status === 429)).toHaveLength(15)
    expect((await raw(oneHop.port, 'POST', '/api/quote', { 'X-Forwarded-For': '203.0.113.21' })).status).toBe(429)
    expect((await raw(oneHop.port, 'POST', '/api/quote', { 'X-Forwarded-For': '203.0.113.21, 203.0.113.99' })).status).toBe(200)
  })

  it('reads several X-Forwarded-For headers as one list', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await raw(oneHop.port, 'POST', '/api/quote', { 'X-Forwarded-For': [randomIp(), '203.0.113.22'] })
      expect(r.status).toBe(200)
    }
    expect((await raw(oneHop.port, 'POST', '/api/quote', { 'X-Forwarded-For': '203.0.113.22' })).status).toBe(429)
  })

  it('behind two proxies, takes the second entry from the right, whatever the client and the edge write', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => raw(twoHops.port, 'POST', '/api/quote', { 'X-Forwarded-For': `${randomIp()}, 203.0.113.23, ${randomIp()}` })),
    )
    expect(results.filter((r) => r.status === 200)).toHaveLength(5)
    expect((await raw(twoHops.port, 'POST', '/api/quote', { 'X-Forwarded-For': '203.0.113.24, 192.0.2.1' })).status).toBe(200)
  })
})

describe('every public write is limited, however it is spelled', () => {
  let server: Started

  const BOOKINGS_VARIANTS = [
    '/api/bookings',
    // Routed by Next 16 to the bookings endpoint (seen with curl --path-as-is against `npm run dev`):
    '/api/%62ookings',
    '/api/./bookings',
    '/api/x/../bookings',
    '/api/%2e/bookings',
    '/api/x/%2e%2e/bookings',
    '/api/x/.%2E/bookings',
    '/api/bookings?depth=0',
    // Redirected (308) by Next to /api/bookings; limited too, so the redirect itself costs a point.
    '/api/bookings/',
    '/api//bookings',
    '//api/bookings',
    '/api\\bookings',
    '/api/x/..\\bookings',
  ]

  beforeAll(async () => {
    server = await startHelperServer('tests/helpers/ratelimit-server.ts', {
      REDIS_KEY_PREFIX: `${prefix}writes:`,
      TRUST_PROXY: '1',
      RATE_LIMIT_AUTH: '3/300',
      RATE_LIMIT_GRAPHQL: '3/60',
      RATE_LIMIT_WRITES: '3/60',
      RATE_LIMIT_LOGIN: '3/300',
      RATE_LIMIT_BOOKINGS: `${BOOKINGS_VARIANTS.length}/60`,
      RATE_LIMIT_AVAILABILITY: '3/60',
      LOG_LEVEL: 'warn',
    })
  }, 60_000)

  afterAll(async () => {
    expect(await server.stop()).toBe(0)
  })

  /** Three requests pass with the policy's headers counting down, the fourth is a 429 with Retry-After. */
  async function expectLimitedAfterThree(method: string, path: string, policy: string, windowSeconds: number, headers: Record<string, string> = {}): Promise<void> {
    const ip = freshIp()
    for (let i = 0; i < 3; i++) {
      const r = await raw(server.port, method, path, { 'X-Forwarded-For': ip, ...headers })
      expect(r.status, `${method} ${path} #${i + 1}`).toBe(200)
      expect(r.headers['ratelimit-policy']).toBe(`"${policy}";q=3;w=${windowSeconds}`)
      expect(r.headers.ratelimit).toMatch(new RegExp(`^"${policy}";r=${2 - i};t=\\d+$`))
    }
    const refused = await raw(server.port, method, path, { 'X-Forwarded-For': ip, ...headers })
    expect(refused.status, `${method} ${path} #4`).toBe(429)
    expect(refused.headers['ratelimit-policy']).toBe(`"${policy}";q=3;w=${windowSeconds}`)
    expect(refused.headers.ratelimit).toMatch(new RegExp(`^"${policy}";r=0;t=\\d+$`))
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(windowSeconds)
  }

  it.each([
    ['POST', '/api/customers'],
    ['POST', '/api/customers/forgot-password'],
    ['POST', '/api/users/forgot-password'],
    ['POST', '/api/customers/reset-password'],
    ['POST', '/api/users/reset-password'],
    ['POST', '/api/customers/verify/5f1e0c9a7b'],
    ['POST', '/api/users/verify/5f1e0c9a7b'],
    ['POST', '/api/customers/unlock'],
    ['POST', '/api/users/unlock'],
    ['POST', '/api/users/first-register'],
    ['POST', '/api/customers/first-register'],
    ['GET', '/admin/customers/verify/5f1e0c9a7b'],
  ])('limits %s %s under the auth policy', async (method, path) => {
    await expectLimitedAfterThree(method, path, 'auth', 300)
  })

  it('limits GraphQL, over POST and GET', async () => {
    await expectLimitedAfterThree('POST', '/api/graphql', 'graphql', 60)
    await expectLimitedAfterThree('GET', '/api/graphql?query=%7B__typename%7D', 'graphql', 60)
  })

  it.each([
    ['POST', '/api/users/refresh-token'],
    ['POST', '/api/customers/refresh-token'],
    ['POST', '/api/users/logout'],
    ['PATCH', '/api/customers/7'],
    ['DELETE', '/api/bookings/7'],
    ['POST', '/api/payload-preferences/nav'],
  ])('limits %s %s under the writes policy', async (method, path) => {
    await expectLimitedAfterThree(method, path, 'writes', 60)
  })

  it('counts every spelling of POST /api/bookings that reaches (or redirects to) the endpoint against one budget', async () => {
    const ip = freshIp()
    for (const path of BOOKINGS_VARIANTS) {
      const r = await raw(server.port, 'POST', path, { 'X-Forwarded-For': ip })
      expect(r.status, path).toBe(200)
      expect(r.headers['ratelimit-policy'], path).toBe(`"bookings";q=${BOOKINGS_VARIANTS.length};w=60`)
    }
    for (const path of BOOKINGS_VARIANTS) expect((await raw(server.port, 'POST', path, { 'X-Forwarded-For': ip })).status, path).toBe(429)
  })

  it('limits sign-in whatever the case or escapes of its path (Payload matches endpoint paths case-insensitively)', async () => {
    const ip = freshIp()
    for (const path of ['/api/customers/LOGIN', '/api/%63ustomers/%6Cogin', '/api/customers/login/']) {
      expect((await raw(server.port, 'POST', path, { 'X-Forwarded-For': ip })).headers['ratelimit-policy']).toBe('"login";q=3;w=300')
    }
    expect((await raw(server.port, 'POST', '/api/customers/login', { 'X-Forwarded-For': ip })).status).toBe(429)
  })

  it('never fails on a malformed escape', async () => {
    const r = await raw(server.port, 'POST', '/api/%ZZ/bookings', { 'X-Forwarded-For': freshIp() })
    expect(r.status).toBe(200)
    expect(r.headers['ratelimit-policy']).toBe('"writes";q=3;w=60')
  })

  it('counts a POST that Payload serves as a GET (the admin\'s relationship lists) as that GET', async () => {
    const asGet = { 'X-Payload-HTTP-Method-Override': 'GET' }
    const list = await raw(server.port, 'POST', '/api/customers', { 'X-Forwarded-For': freshIp(), ...asGet })
    expect(list.status).toBe(200)
    expect(list.headers['ratelimit-policy']).toBeUndefined()
    await expectLimitedAfterThree('POST', '/api/availability', 'availability', 60, asGet)
  })
})
