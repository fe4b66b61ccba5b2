import { describe, expect, it } from 'vitest'

import { EnvError, parseEnv } from '../../src/lib/env'

const base = { NODE_ENV: 'production', DATABASE_URI: 'postgres://u@localhost:5432/db', PAYLOAD_SECRET: 'x'.repeat(32) } as const

describe('environment parsing', () => {
  it('accepts a minimal production environment and fills in defaults', () => {
    const env = parseEnv({ ...base })
    expect(env.PORT).toBe(3000)
    expect(env.DB_POOL_MAX).toBe(10)
    expect(env.REDIS_URL).toBeUndefined()
    expect(env.TRUST_PROXY).toBe(false)
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

  it('requires PAYLOAD_SECRET in production', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', DATABASE_URI: base.DATABASE_URI })).toThrow(/PAYLOAD_SECRET is required/)
  })

  it('treats empty strings as unset', () => {
    expect(parseEnv({ ...base, PORT: '', REDIS_URL: '' }).PORT).toBe(3000)
  })
})
