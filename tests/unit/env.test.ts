import { describe, expect, it } from 'vitest'

import { EnvError, parseEnv } from '../../src/server/env'

const base = { NODE_ENV: 'production', DATABASE_URI: 'postgres://u@localhost:5432/db', PAYLOAD_SECRET: 'x'.repeat(32), SMTP_URL: 'smtp://mail.example.com' } as const

describe('environment parsing', () => {
  it('accepts a minimal production environment and fills in defaults', () => {
    const env = parseEnv({ ...base })
    expect(env.PORT).toBe(3000)
    expect(env.DB_POOL_MAX).toBe(10)
    expect(env.REDIS_URL).toBeUndefined()
    expect(env.TRUST_PROXY).toBe(0)
  })

  it('names DATABASE_URI when it is not a URL', () => {
    expect(() => parseEnv({ ...base, DATABASE_URI: 'not-a-url' })).toThrow(
      new EnvError('Invalid environment: DATABASE_URI expected a postgres:// or postgresql:// URL'),
    )
  })

  it('names DATABASE_URI when it is missing', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', PAYLOAD_SECRET: 'x'.repeat(32) })).toThrow(/DATABASE_URI/)
  })

  it('rejects a pool size out of range, naming the variable and the range', () => {
    expect(() => parseEnv({ ...base, DB_POOL_MAX: '0' })).toThrow('Invalid environment: DB_POOL_MAX expected an integer from 1 to 200')
  })

  it('rejects a non-redis REDIS_URL', () => {
    expect(() => parseEnv({ ...base, REDIS_URL: 'http://localhost' })).toThrow(/REDIS_URL/)
  })

  it('takes Stripe only as a key with its webhook secret, naming what is wrong', () => {
    const key = 'sk_test_' + 'a'.repeat(24)
    const secret = 'whsec_' + 'b'.repeat(24)
    const env = parseEnv({ ...base, STRIPE_SECRET_KEY: key, STRIPE_WEBHOOK_SECRET: secret })
    expect(env.STRIPE_SECRET_KEY).toBe(key)
    expect(env.STRIPE_TIMEOUT_MS).toBe(20_000)
    expect(parseEnv({ ...base }).STRIPE_SECRET_KEY).toBeUndefined()
    expect(() => parseEnv({ ...base, STRIPE_SECRET_KEY: key })).toThrow(/STRIPE_WEBHOOK_SECRET is required with STRIPE_SECRET_KEY/)
    expect(() => parseEnv({ ...base, STRIPE_SECRET_KEY: 'pk_test_' + 'a'.repeat(24), STRIPE_WEBHOOK_SECRET: secret })).toThrow(/STRIPE_SECRET_KEY expected a Stripe secret/)
    expect(() => parseEnv({ ...base, STRIPE_SECRET_KEY: key, STRIPE_WEBHOOK_SECRET: 'nope' })).toThrow(/STRIPE_WEBHOOK_SECRET/)
    expect(() => parseEnv({ ...base, STRIPE_API_BASE: 'ftp://x' })).toThrow(/STRIPE_API_BASE/)
  })

  it('reads the background-jobs switches', () => {
    expect(parseEnv({ ...base }).JOBS_ENABLED).toBe(true)
    expect(parseEnv({ ...base, JOBS_ENABLED: 'false' }).JOBS_ENABLED).toBe(false)
    expect(parseEnv({ ...base }).JOBS_INTERVAL_SECONDS).toBe(30)
    expect(() => parseEnv({ ...base, JOBS_INTERVAL_SECONDS: '1' })).toThrow(/JOBS_INTERVAL_SECONDS expected an integer from 5 to 3600/)
  })

  it('requires PAYLOAD_SECRET in production', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', DATABASE_URI: base.DATABASE_URI })).toThrow(/PAYLOAD_SECRET is required/)
  })

  it('reads TRUST_PROXY as a hop count, the old true/false as 1/0', () => {
    const hops = (v: string) => parseEnv({ ...base, NODE_ENV: 'test', TRUST_PROXY: v }).TRUST_PROXY
    expect(hops('0')).toBe(0)
    expect(hops('2')).toBe(2)
    expect(hops('true')).toBe(1)
    expect(hops('false')).toBe(0)
    expect(() => hops('-1')).toThrow('Invalid environment: TRUST_PROXY expected the number of trusted proxy hops (0–10; true = 1, false = 0)')
    expect(() => hops('11')).toThrow(/TRUST_PROXY/)
    expect(() => hops('1.5')).toThrow(/TRUST_PROXY/)
  })

  it('has defaults for the auth, GraphQL and writes limits and the idempotency lease', () => {
    const env = parseEnv({ ...base, NODE_ENV: 'test' })
    expect(env.RATE_LIMIT_AUTH).toEqual({ points: 10, durationSeconds: 300 })
    expect(env.RATE_LIMIT_GRAPHQL).toEqual({ points: 60, durationSeconds: 60 })
    expect(env.RATE_LIMIT_WRITES).toEqual({ points: 120, durationSeconds: 60 })
    expect(env.IDEMPOTENCY_LEASE_SECONDS).toBe(30)
    expect(() => parseEnv({ ...base, NODE_ENV: 'test', IDEMPOTENCY_LEASE_SECONDS: '0' })).toThrow(/IDEMPOTENCY_LEASE_SECONDS/)
  })

  it('treats empty strings as unset', () => {
    expect(parseEnv({ ...base, PORT: '', REDIS_URL: '' }).PORT).toBe(3000)
  })
})
