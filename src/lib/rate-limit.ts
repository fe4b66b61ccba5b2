/**
 * Rate limits shared by every app instance: rate-limiter-flexible's RateLimiterRedis (one atomic
 * Lua script per decision — never read-then-increment) with an in-memory insurance limiter that
 * takes over while Redis is unreachable (so a Redis outage never turns into 5xx). Without
 * REDIS_URL the in-memory limiter is used from the start (one instance only; logged once).
 *
 * Headers follow draft-ietf-httpapi-ratelimit-headers-09:
 *   RateLimit-Policy: "<policy>";q=<quota>;w=<window seconds>
 *   RateLimit:        "<policy>";r=<remaining>;t=<seconds until reset>
 * plus Retry-After (seconds) on 429.
 */
import type { IncomingMessage } from 'node:http'

import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'

import { env } from './env'
import { logger } from './logger'
import { redis, sharedRedis } from './redis'

const log = logger.child({ module: 'rate-limit' })

export type RatePolicy = 'bookings' | 'quote' | 'availability' | 'manage' | 'login' | 'login-email' | 'reports'

export interface RateDecision {
  allowed: boolean
  policy: RatePolicy
  quota: number
  windowSeconds: number
  remaining: number
  resetSeconds: number
}

const RATE_SETTING = {
  bookings: 'RATE_LIMIT_BOOKINGS',
  quote: 'RATE_LIMIT_QUOTE',
  availability: 'RATE_LIMIT_AVAILABILITY',
  manage: 'RATE_LIMIT_MANAGE',
  login: 'RATE_LIMIT_LOGIN',
  'login-email': 'RATE_LIMIT_LOGIN_EMAIL',
  reports: 'RATE_LIMIT_REPORTS',
} as const satisfies Record<RatePolicy, string>

function policyRate(policy: RatePolicy): { points: number; durationSeconds: number } {
  return env()[RATE_SETTING[policy]]
}

const KEY = Symbol.for('myhibachi.rate-limiters')
type Limiters = Map<RatePolicy, RateLimiterAbstract>

function limiter(policy: RatePolicy): RateLimiterAbstract {
  const g = globalThis as typeof globalThis & { [KEY]?: Limiters }
  g[KEY] ??= new Map()
  const existing = g[KEY].get(policy)
  if (existing) return existing
  const { points, durationSeconds } = policyRate(policy)
  const keyPrefix = `${env().REDIS_KEY_PREFIX}rl:${policy}`
  const memory = new RateLimiterMemory({ points, duration: durationSeconds, keyPrefix })
  const client = redis()
  const created: RateLimiterAbstract = client
    ? new RateLimiterRedis({ storeClient: client, points, duration: durationSeconds, keyPrefix, insuranceLimiter: memory, rejectIfRedisNotReady: true })
    : memory
  g[KEY].set(policy, created)
  return created
}

/** Consumes one point for `key` under `policy`. Never throws for a Redis problem. */
export async function consume(policy: RatePolicy, key: string): Promise<RateDecision> {
  const { points, durationSeconds } = policyRate(policy)
  const base = { policy, quota: points, windowSeconds: durationSeconds }
  if (!env().RATE_LIMIT_ENABLED) return { ...base, allowed: true, remaining: points, resetSeconds: durationSeconds }
  try {
    await sharedRedis()
    const res = await limiter(policy).consume(key)
    return { ...base, allowed: true, remaining: res.remainingPoints, resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) }
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      return { ...base, allowed: false, remaining: 0, resetSeconds: Math.min(durationSeconds, Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))) }
    }
    // Both Redis and the insurance limiter failed: serve the request rather than fail it.
    log.error({ err: rejection, policy }, 'rate limiter unavailable; request allowed')
    return { ...base, allowed: true, remaining: points, resetSeconds: durationSeconds }
  }
}

export function rateLimitHeaders(d: RateDecision): Record<string, string> {
  const headers: Record<string, string> = {
    'RateLimit-Policy': `"${d.policy}";q=${d.quota};w=${d.windowSeconds}`,
    RateLimit: `"${d.policy}";r=${d.remaining};t=${d.resetSeconds}`,
  }
  if (!d.allowed) headers['Retry-After'] = String(d.resetSeconds)
  return headers
}

/** Which policy guards a request, by method and path; undefined for unlimited routes. */
export function policyFor(method: string | undefined, path: string): RatePolicy | undefined {
  const m = (method ?? 'GET').toUpperCase()
  if (m === 'POST' && path === '/api/bookings') return 'bookings'
  if (m === 'POST' && path === '/api/quote') return 'quote'
  if (m === 'GET' && path === '/api/availability') return 'availability'
  if (m === 'POST' && /^\/api\/bookings\/manage\//.test(path)) return 'manage'
  if (m === 'POST' && (path === '/api/users/login' || path === '/api/customers/login')) return 'login'
  if (m === 'POST' && (path === '/api/client-errors' || path === '/api/vitals')) return 'reports'
  return undefined
}

/** The client's address: the first X-Forwarded-For entry only when TRUST_PROXY says so. */
export function clientIp(req: IncomingMessage): string {
  if (env().TRUST_PROXY) {
    const xff = req.headers['x-forwarded-for']
    const first = (Array.isArray(xff) ? xff[0] : xff)?.split(',')[0]?.trim()
    if (first) return first
  }
  return req.socket.remoteAddress ?? 'unknown'
}

/** Logs once at start which limiter backs the rate limits. */
export function describeRateLimiting(): void {
  if (!env().RATE_LIMIT_ENABLED) {
    log.warn('RATE_LIMIT_ENABLED=false: every rate limit is OFF (load tests only)')
    return
  }
  log.info({ store: redis() ? 'redis (in-memory insurance while Redis is down)' : 'in-process memory (REDIS_URL unset)' }, 'rate limits on')
}
