/**
 * Every environment variable the app reads, parsed once with zod at start-up.
 * A missing or malformed variable stops start-up with ONE line naming it and what is expected
 * (`EnvError`). Nothing else in the app reads `process.env` directly, except the Next/Payload
 * conventions (NODE_ENV) and the embedded-database wrapper.
 * Must never print a variable's value: some are secrets.
 */
import nextEnv from '@next/env'
import { z } from 'zod'

import { readOrCreateLocalSecret } from './local-secret'

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
    .optional()
    .transform((v) => (v === undefined ? fallback : v === 'true' || v === '1' || v === 'yes'))

const int = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback
      const n = Number(v)
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `expected an integer from ${min} to ${max}` })
        return z.NEVER
      }
      return n
    })

/**
 * How many reverse proxies in front of the app append to X-Forwarded-For: `0` (the default: the
 * socket's address is the client), a hop count, or the old boolean spelling (`true` = 1 hop,
 * `false` = 0) so existing deployments keep working.
 */
const proxyHops = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const s = v?.trim().toLowerCase()
    if (s === undefined || s === '' || s === 'false' || s === 'no') return 0
    if (s === 'true' || s === 'yes') return 1
    const n = Number(s)
    if (!/^\d{1,2}$/.test(s) || n > 10) {
      ctx.addIssue({ code: 'custom', message: 'expected the number of trusted proxy hops (0–10; true = 1, false = 0)' })
      return z.NEVER
    }
    return n
  })

/** `<points>/<seconds>`: how many requests a key may make per window, e.g. `10/60`. */
const rate = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
      const m = /^(\d{1,7})\/(\d{1,6})$/.exec(v.trim())
      if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) {
        ctx.addIssue({ code: 'custom', message: 'expected <points>/<seconds>, e.g. 10/60' })
        return z.NEVER
      }
      return { points: Number(m[1]), durationSeconds: Number(m[2]) }
    })

/** Whether `v` is a URL with one of `protocols` (and a host name, when `needsHost`). */
function isUrlOf(v: string, protocols: readonly string[], needsHost = false): boolean {
  try {
    const u = new URL(v)
    return protocols.includes(u.protocol) && (!needsHost || u.hostname !== '')
  } catch {
    // URL() throws on anything that is not a URL: that is exactly the "invalid" answer.
    return false
  }
}

const postgresUrl = z.string({ error: 'is required (a postgres:// URL)' }).refine((v) => isUrlOf(v, ['postgres:', 'postgresql:']), 'expected a postgres:// or postgresql:// URL')
const redisUrl = z.string().refine((v) => isUrlOf(v, ['redis:', 'rediss:']), 'expected a redis:// or rediss:// URL')
const stripeKey = z.string().regex(/^(sk|rk)_(test|live)_[A-Za-z0-9_]{8,}$/, 'expected a Stripe secret or restricted key (sk_test_…, sk_live_…, rk_…)')
const stripeWebhookSecret = z.string().regex(/^whsec_[A-Za-z0-9_]{8,}$/, 'expected a webhook signing secret (whsec_…)')
const httpUrl = z.string().refine((v) => isUrlOf(v, ['http:', 'https:'], true), 'expected an http(s):// URL')
const smtpUrl = z.string().refine((v) => isUrlOf(v, ['smtp:', 'smtps:'], true), 'expected an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587')

/**
 * A Sentry DSN: `https://<public key>@<host>[:port]/<project id>` (http:// for a local ingest, as
 * the tests use). Public by design: it only lets a client send events to that project.
 */
const sentryDsn = z.string().refine((v) => {
  if (!isUrlOf(v, ['http:', 'https:'], true)) return false
  const u = new URL(v)
  return u.username !== '' && /\/\d+$/.test(u.pathname)
}, 'expected a Sentry DSN, https://<key>@<host>/<project id>')

/** A share from 0 to 1 (`0.25`), or `fallback` when unset. */
const share = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback
      const n = Number(v)
      if (!/^\d*\.?\d+$/.test(v.trim()) || n < 0 || n > 1) {
        ctx.addIssue({ code: 'custom', message: 'expected a number from 0 to 1' })
        return z.NEVER
      }
      return n
    })

export interface MailAddress {
  address: string
  /** Display name; empty when the variable names a bare address. */
  name: string
}

/** `Name <address>`, `"Name" <address>` or a bare `address`: one mailbox, no line breaks. */
const mailbox = z.string().transform((v, ctx): MailAddress => {
  const m = /^\s*(?:"?([^"<>\r\n]*?)"?\s*)?<([^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)>\s*$/.exec(v) ?? /^\s*()([^<>\s@"]+@[^<>\s@"]+\.[^<>\s@"]+)\s*$/.exec(v)
  if (!m) {
    ctx.addIssue({ code: 'custom', message: 'expected an address with an optional name, e.g. MyHibachi <bookings@example.com>' })
    return z.NEVER
  }
  return { address: m[2] ?? '', name: (m[1] ?? '').trim() }
})

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: int(3000, 1, 65535),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_SERVER_URL: z.url({ error: 'expected an absolute http(s) URL' }).default('http://localhost:3000'),
  DATABASE_URI: postgresUrl,
  DB_POOL_MAX: int(10, 1, 200),
  DB_IDLE_TIMEOUT_MS: int(30_000, 0, 3_600_000),
  DB_CONNECT_TIMEOUT_MS: int(5_000, 100, 120_000),
  DB_STATEMENT_TIMEOUT_MS: int(15_000, 100, 600_000),
  REDIS_URL: redisUrl.optional(),
  REDIS_CONNECT_TIMEOUT_MS: int(2_000, 100, 60_000),
  PAYLOAD_SECRET: z.string().min(32, 'expected at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: bool(false),
  SHUTDOWN_TIMEOUT_MS: int(25_000, 0, 600_000),
  SHUTDOWN_DRAIN_MS: int(0, 0, 120_000),
  HEALTH_CHECK_TIMEOUT_MS: int(1_500, 50, 30_000),
  // The Prometheus listener (src/server/metrics-server.ts): off unless a port is given.
  METRICS_PORT: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined
      const n = Number(v)
      if (!/^\d{1,5}$/.test(v) || n < 1 || n > 65535) {
        ctx.addIssue({ code: 'custom', message: 'expected a port number from 1 to 65535' })
        return z.NEVER
      }
      return n
    }),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  METRICS_TOKEN: z.string().min(16, 'expected at least 16 characters').regex(/^[\x21-\x7e]+$/, 'expected printable characters without spaces').optional(),
  TRUST_PROXY: proxyHops,
  RATE_LIMIT_ENABLED: bool(true),
  RATE_LIMIT_BOOKINGS: rate('10/60'),
  RATE_LIMIT_QUOTE: rate('60/60'),
  RATE_LIMIT_AVAILABILITY: rate('120/60'),
  RATE_LIMIT_MANAGE: rate('20/60'),
  RATE_LIMIT_LOGIN: rate('20/300'),
  RATE_LIMIT_LOGIN_EMAIL: rate('10/300'),
  RATE_LIMIT_REPORTS: rate('30/60'),
  RATE_LIMIT_AUTH: rate('10/300'),
  RATE_LIMIT_WRITES: rate('120/60'),
  RATE_LIMIT_GRAPHQL: rate('60/60'),
  IDEMPOTENCY_TTL_SECONDS: int(86_400, 60, 7 * 86_400),
  IDEMPOTENCY_LEASE_SECONDS: int(30, 1, 3_600),
  CACHE_TTL_SECONDS: int(300, 1, 86_400),
  REDIS_KEY_PREFIX: z.string().regex(/^[a-z0-9:_-]{0,40}$/i, 'expected up to 40 letters, digits, : _ -').default('myhibachi:'),
  SMTP_URL: smtpUrl.optional(),
  EMAIL_FROM: mailbox.default({ address: 'bookings@myhibachi.local', name: 'MyHibachi' }),
  STRIPE_SECRET_KEY: stripeKey.optional(),
  STRIPE_WEBHOOK_SECRET: stripeWebhookSecret.optional(),
  STRIPE_API_BASE: httpUrl.optional(),
  STRIPE_TIMEOUT_MS: int(20_000, 1_000, 80_000),
  JOBS_ENABLED: bool(true),
  JOBS_INTERVAL_SECONDS: int(30, 5, 3_600),
  JOBS_POLL_MS: int(1_000, 100, 60_000),
  MESSAGE_SEND_ATTEMPTS: int(5, 1, 20),
  MESSAGE_RETRY_DELAY_MS: int(30_000, 10, 3_600_000),
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'expected a Twilio account SID (AC followed by 32 hex digits)').optional(),
  TWILIO_AUTH_TOKEN: z.string().regex(/^[0-9a-zA-Z]{16,64}$/, 'expected a Twilio auth token (letters and digits)').optional(),
  TWILIO_FROM: z.string().regex(/^(\+[1-9]\d{7,14}|MG[0-9a-fA-F]{32})$/, 'expected an E.164 number (+12125550100) or a messaging service SID (MG…)').optional(),
  TWILIO_API_BASE: httpUrl.default('https://api.twilio.com'),
  TWILIO_TIMEOUT_MS: int(10_000, 500, 60_000),
  INBOUND_EMAIL_SECRET: z.string().min(24, 'expected at least 24 characters').regex(/^[\x21-\x7e]+$/, 'expected printable characters without spaces').optional(),
  OPENAI_API_KEY: z.string().regex(/^[\x21-\x7e]{20,300}$/, 'expected an OpenAI API key (sk-…)').optional(),
  OPENAI_MODEL: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'expected a model name').default('gpt-4.1-mini'),
  OPENAI_BASE_URL: httpUrl.optional(),
  OPENAI_TIMEOUT_MS: int(20_000, 100, 120_000),
  OPENAI_MAX_RETRIES: int(1, 0, 5),
  // Error tracking (src/server/error-tracking.ts): off unless a DSN is given.
  SENTRY_DSN: sentryDsn.optional(),
  SENTRY_RELEASE: z.string().regex(/^(?!\.{1,2}$)[^\s/\\]{1,200}$/, 'expected a release name: up to 200 characters, no spaces or slashes').optional(),
  SENTRY_ENVIRONMENT: z.string().regex(/^[^\s/]{1,64}$/, 'expected an environment name: up to 64 characters, no spaces or slashes').optional(),
  SENTRY_TRACES_SAMPLE_RATE: share(0),
  CHAT_ENABLED: bool(true),
  CHAT_MAX_CONNECTIONS_PER_IP: int(20, 1, 10_000),
  CHAT_MESSAGES_PER_MINUTE: int(20, 1, 1_000),
  CHAT_HEARTBEAT_MS: int(30_000, 100, 300_000),
  CHAT_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v, ctx): string[] => {
      const origins: string[] = []
      for (const item of v.split(',').map((o) => o.trim()).filter(Boolean)) {
        if (!isUrlOf(item, ['http:', 'https:'], true)) {
          ctx.addIssue({ code: 'custom', message: `expected comma-separated http(s) origins; "${item}" is not one` })
          return z.NEVER
        }
        origins.push(new URL(item).origin)
      }
      return origins
    }),
})

export type Env = Omit<z.infer<typeof schema>, 'PAYLOAD_SECRET'> & { PAYLOAD_SECRET: string }

export class EnvError extends Error {
  override name = 'EnvError'
}

function parse(source: NodeJS.ProcessEnv): Env {
  // Empty strings mean "unset" (a blank line in .env), so defaults apply.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''))
  const result = schema.safeParse(cleaned)
  if (!result.success) {
    const issue = result.error.issues[0]
    const name = String(issue?.path[0] ?? 'environment')
    throw new EnvError(`Invalid environment: ${name} ${issue?.message ?? 'is invalid'}`)
  }
  const env = result.data
  let secret = env.PAYLOAD_SECRET
  if (!secret) {
    // `next build` loads the config to collect routes but signs nothing, so it may use the local
    // development secret; a production server never may.
    const building = source.NEXT_PHASE === 'phase-production-build'
    if (env.NODE_ENV === 'production' && !building) {
      throw new EnvError('Invalid environment: PAYLOAD_SECRET is required in production (at least 32 characters)')
    }
    secret = readOrCreateLocalSecret()
  }
  // Without a transport, sign-up and password-reset mail would land in a local folder nobody
  // reads: customers could never verify. `next build` sends nothing, so it may go without.
  if (!env.SMTP_URL && env.NODE_ENV === 'production' && source.NEXT_PHASE !== 'phase-production-build') {
    throw new EnvError('Invalid environment: SMTP_URL is required in production (an smtp:// or smtps:// URL)')
  }
  // One port cannot be both the public site and the private metrics.
  if (env.METRICS_PORT !== undefined && env.METRICS_PORT === env.PORT) {
    throw new EnvError('Invalid environment: METRICS_PORT must differ from PORT (the metrics listener is separate from the public one)')
  }
  // A key without the signing secret would take deposits that no webhook could ever confirm.
  if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
    throw new EnvError('Invalid environment: STRIPE_WEBHOOK_SECRET is required with STRIPE_SECRET_KEY (whsec_…, from the Stripe dashboard or `stripe listen`)')
  }
  // Half a Twilio account would queue texts that can never go out: all three, or none.
  const twilio = { TWILIO_ACCOUNT_SID: env.TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN: env.TWILIO_AUTH_TOKEN, TWILIO_FROM: env.TWILIO_FROM }
  const twilioSet = Object.entries(twilio).filter(([, v]) => v !== undefined)
  if (twilioSet.length > 0 && twilioSet.length < 3) {
    const missing = Object.entries(twilio).find(([, v]) => v === undefined)?.[0] ?? 'TWILIO_FROM'
    throw new EnvError(`Invalid environment: ${missing} is required with ${twilioSet.map(([k]) => k).join(' and ')} (SMS needs the account SID, auth token and sender together)`)
  }
  return { ...env, PAYLOAD_SECRET: secret }
}

let cached: Env | undefined

/** The parsed environment; parsed on first call, then cached. Throws EnvError. */
export function env(): Env {
  if (!cached) {
    // .env / .env.local, the same files and precedence Next.js uses; real variables win.
    nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production', { info: () => undefined, error: () => undefined })
    cached = parse(process.env)
  }
  return cached
}

/** For tests of the parser itself: parses the given variables without caching. */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  return parse(source)
}

/** The public origin of the site (PUBLIC_SERVER_URL without a trailing slash), for absolute links. */
export function siteOrigin(): string {
  return env().PUBLIC_SERVER_URL.replace(/\/+$/, '')
}
