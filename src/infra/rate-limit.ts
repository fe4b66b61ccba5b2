/**
 * Rate limits shared by every app instance: rate-limiter-flexible's RateLimiterRedis (one atomic
 * Lua script per decision — never read-then-increment) with an in-memory insurance limiter that
 * takes over while Redis is unreachable (so a Redis outage never turns into 5xx; logged once as it
 * starts and once as it ends). Without
 * REDIS_URL the in-memory limiter is used from the start (one instance only; logged once).
 *
 * Which policy guards a request is decided on the request as Next and Payload will ROUTE it, not
 * as it is spelled: Next resolves `.`/`..` segments (also `%2e`), turns `\` into `/`, decodes
 * percent-escapes (`/api/%62ookings` reaches the bookings endpoint) and redirects double and
 * trailing slashes; Payload matches endpoint paths case-insensitively (`/api/customers/LOGIN`
 * signs in). So the path is normalised (`normalisePath`) before matching, and a POST that Payload
 * will serve as a GET (`X-Payload-HTTP-Method-Override: GET`, what the admin panel's relationship
 * fields send) is matched as the GET it becomes. Every public write under /api is limited: named
 * routes by their own policy, everything else by `writes`.
 *
 * Headers follow draft-ietf-httpapi-ratelimit-headers-09:
 *   RateLimit-Policy: "<policy>";q=<quota>;w=<window seconds>
 *   RateLimit:        "<policy>";r=<remaining>;t=<seconds until reset>
 * plus Retry-After (seconds) on 429. Every refusal is counted by policy
 * (`myhibachi_rate_limit_rejections_total`, src/infra/metrics.ts).
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'

import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'

import { env } from '../server/env'
import { logger } from '../server/logger'
import { rateLimitRejected } from './metrics'
import { redis, sharedRedis } from './redis'
import { normalisePath } from './request-path'

export { normalisePath }

const log = logger.child({ module: 'rate-limit' })

export type RatePolicy = 'bookings' | 'quote' | 'availability' | 'manage' | 'login' | 'login-email' | 'reports' | 'auth' | 'graphql' | 'writes'

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
  auth: 'RATE_LIMIT_AUTH',
  graphql: 'RATE_LIMIT_GRAPHQL',
  writes: 'RATE_LIMIT_WRITES',
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

const FALLBACK = Symbol.for('myhibachi.rate-limit-fallback')

/**
 * Says once when the limits move to this instance's memory (Redis not ready: rate-limiter-flexible
 * hands every decision to the insurance limiter) and once when they are shared again.
 */
function noteLimiterStore(): void {
  const client = redis()
  if (!client) return
  const g = globalThis as typeof globalThis & { [FALLBACK]?: boolean }
  const down = client.status !== 'ready'
  if (down === Boolean(g[FALLBACK])) return
  g[FALLBACK] = down
  if (down) log.warn({ redis: client.status }, 'Redis unavailable: rate limits count in this instance’s memory (in-memory insurance limiter) until it is back')
  else log.info('Redis is back: rate limits are shared by every instance again')
}

/** Consumes one point for `key` under `policy`. Never throws for a Redis problem. */
export async function consume(policy: RatePolicy, key: string): Promise<RateDecision> {
  const { points, durationSeconds } = policyRate(policy)
  const base = { policy, quota: points, windowSeconds: durationSeconds }
  if (!env().RATE_LIMIT_ENABLED) return { ...base, allowed: true, remaining: points, resetSeconds: durationSeconds }
  try {
    await sharedRedis()
    noteLimiterStore()
    const res = await limiter(policy).consume(key)
    return { ...base, allowed: true, remaining: res.remainingPoints, resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) }
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      rateLimitRejected(policy)
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

/**
 * The method the request will be served as: Payload serves a POST carrying exactly
 * `X-Payload-HTTP-Method-Override: GET` (or `X-HTTP-Method-Override: GET`) as that GET
 * (payload/dist/utilities/handleEndpoints.js), so it is limited like the GET it becomes.
 */
export function effectiveMethod(method: string | undefined, headers: IncomingHttpHeaders): string {
  const m = (method ?? 'GET').toUpperCase()
  if (m === 'POST' && (headers['x-payload-http-method-override'] === 'GET' || headers['x-http-method-override'] === 'GET')) return 'GET'
  return m
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Auth-collection routes that create accounts, send mail or trade a token for access (login-link: src/collections/Customers/endpoints/loginLink.ts). */
const AUTH_ACTION = /^\/api\/[^/]+\/(forgot-password|reset-password|unlock|first-register|verify\/.+|login-link|login-link\/redeem)$/

/**
 * Which policy guards a request, by method and path (normalised here, so a raw request-target is
 * fine); undefined for reads that need no limit. The first rule that matches wins, so a request
 * consumes exactly one policy.
 */
export function policyFor(method: string | undefined, rawPath: string): RatePolicy | undefined {
  const m = (method ?? 'GET').toUpperCase()
  const path = normalisePath(rawPath)
  // Mutations are refused to all but staff by a validation rule (src/access/graphqlMutations.ts);
  // this bounds the cost of the rest. The route exports only POST today (a GET answers 405), but
  // graphql-http would serve queries over GET if it were added, so GET counts too.
  if (path === '/api/graphql' && (m === 'POST' || m === 'GET')) return 'graphql'
  if (m === 'GET' && path === '/api/availability') return 'availability'
  // Payload's admin verify view (/admin/<auth collection>/verify/<token>) verifies on a GET.
  if (m === 'GET' && /^\/admin\/[^/]+\/verify\/.+$/.test(path)) return 'auth'
  if (READ_METHODS.has(m)) return undefined
  // Outside /api the only writes are Next server actions under /admin: Payload's server functions
  // (form state on every keystroke, list and document rendering, scheduled publish), which act
  // for a signed-in staff user. Limiting them per IP would throttle staff typing.
  if (!path.startsWith('/api/')) return undefined
  // Stripe's webhook deliveries come from Stripe's few addresses in bursts and are verified by
  // signature (src/collections/Payments/endpoints/webhook.ts); a 429 would only make Stripe retry.
  // The body is bounded by the endpoint itself.
  if (m === 'POST' && path === '/api/stripe/webhook') return undefined
  // The same for Twilio's inbound-SMS and status webhooks (signed) and the inbound-email parse
  // POST (a shared secret): Twilio does not retry a 429, so a limit here would lose texts. Each
  // checks its signature or secret before reading more than a bounded body.
  if (m === 'POST' && (path === '/api/twilio/sms' || path === '/api/twilio/status' || path === '/api/inbound/email')) return undefined
  if (m === 'POST') {
    if (path === '/api/bookings') return 'bookings'
    if (path === '/api/quote') return 'quote'
    if (path.startsWith('/api/bookings/manage/') || path.startsWith('/api/bookings/pay/') || path === '/api/bookings/return') return 'manage'
    if (/^\/api\/[^/]+\/login$/.test(path)) return 'login'
    if (path === '/api/client-errors' || path === '/api/vitals') return 'reports'
    // Sign-up: the customers collection's public create.
    if (path === '/api/customers') return 'auth'
    if (AUTH_ACTION.test(path)) return 'auth'
  }
  // refresh-token, logout, staff edits, preferences and locks, uploads: one generous budget, so
  // nothing under /api can be written without a limit.
  return 'writes'
}

/** The policy for a Node request, as Next and Payload will route it. */
export function requestPolicy(req: IncomingMessage): RatePolicy | undefined {
  return policyFor(effectiveMethod(req.method, req.headers), req.url ?? '/')
}

/**
 * The client's address behind `hops` trusted reverse proxies, each of which APPENDS the address it
 * received the request from to X-Forwarded-For: the entry `hops` places from the right is the one
 * our outermost proxy wrote; everything left of it is whatever the client sent and proves nothing.
 * Several X-Forwarded-For headers count as one list (Node joins them with ", "). With fewer
 * entries than hops the left-most is used; with no entries, or hops = 0, the socket's address.
 */
export function clientIpFrom(forwardedFor: string | string[] | undefined, socketAddress: string | undefined, hops: number): string {
  const socket = socketAddress ?? 'unknown'
  if (hops <= 0 || forwardedFor === undefined) return socket
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
  if (entries.length === 0) return socket
  return entries[Math.max(0, entries.length - hops)] ?? socket
}

/** The client's address: from X-Forwarded-For only as far as TRUST_PROXY (a hop count) says. */
export function clientIp(req: IncomingMessage): string {
  return clientIpFrom(req.headers['x-forwarded-for'], req.socket.remoteAddress, env().TRUST_PROXY)
}

/** Logs once at start which limiter backs the rate limits. */
export function describeRateLimiting(): void {
  if (!env().RATE_LIMIT_ENABLED) {
    log.warn('RATE_LIMIT_ENABLED=false: every rate limit is OFF (load tests only)')
    return
  }
  log.info(
    { store: redis() ? 'redis (in-memory insurance while Redis is down)' : 'in-process memory (REDIS_URL unset)', trustedProxyHops: env().TRUST_PROXY },
    'rate limits on',
  )
}
