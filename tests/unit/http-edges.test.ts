import { describe, expect, it } from 'vitest'

import { hasDecodablePath } from '../../src/http/malformed-url'
import { fingerprintOf, parseIdempotencyKey } from '../../src/infra/idempotency'
import { policyFor, rateLimitHeaders } from '../../src/infra/rate-limit'

describe('rate-limit policies', () => {
  it('guards public writes and costly reads, and nothing else', () => {
    expect(policyFor('POST', '/api/bookings')).toBe('bookings')
    expect(policyFor('POST', '/api/quote')).toBe('quote')
    expect(policyFor('GET', '/api/availability')).toBe('availability')
    expect(policyFor('POST', '/api/users/login')).toBe('login')
    expect(policyFor('POST', '/api/customers/login')).toBe('login')
    expect(policyFor('POST', '/api/bookings/manage/abc/cancel')).toBe('manage')
    expect(policyFor('GET', '/api/bookings')).toBeUndefined()
    expect(policyFor('GET', '/api/health/ready')).toBeUndefined()
  })

  it('writes draft-09 RateLimit headers, with Retry-After only when refused', () => {
    const base = { policy: 'quote' as const, quota: 10, windowSeconds: 60, remaining: 3, resetSeconds: 42 }
    expect(rateLimitHeaders({ ...base, allowed: true })).toEqual({ 'RateLimit-Policy': '"quote";q=10;w=60', RateLimit: '"quote";r=3;t=42' })
    expect(rateLimitHeaders({ ...base, allowed: false, remaining: 0 })).toEqual({
      'RateLimit-Policy': '"quote";q=10;w=60',
      RateLimit: '"quote";r=0;t=42',
      'Retry-After': '42',
    })
  })
})

describe('idempotency keys', () => {
  it('accepts a bare or quoted key and tells absent from malformed', () => {
    expect(parseIdempotencyKey('abc-123')).toBe('abc-123')
    expect(parseIdempotencyKey('"8e03978e-40d5-43e8-bc93-6894a57f9324"')).toBe('8e03978e-40d5-43e8-bc93-6894a57f9324')
    expect(parseIdempotencyKey(undefined)).toBeUndefined()
    expect(parseIdempotencyKey('')).toBeUndefined()
    expect(parseIdempotencyKey('two words')).toBeNull()
    expect(parseIdempotencyKey('x'.repeat(256))).toBeNull()
  })

  it('fingerprints bodies regardless of key order, and tells different bodies apart', () => {
    expect(fingerprintOf({ a: 1, b: { c: 2, d: [1, 2] } })).toBe(fingerprintOf({ b: { d: [1, 2], c: 2 }, a: 1 }))
    expect(fingerprintOf({ a: 1 })).not.toBe(fingerprintOf({ a: 2 }))
    expect(fingerprintOf({ d: [1, 2] })).not.toBe(fingerprintOf({ d: [2, 1] }))
  })
})

describe('request paths with malformed percent-escapes', () => {
  it('are told apart from paths that decode, whatever the query holds', () => {
    for (const bad of ['/api/bookings/pay/%', '/api/bookings/pay/%ZZ', '/api/bookings/pay/%C0%AE', '/api/bookings/pay/%uD800', '/menu/%E2%82']) {
      expect(hasDecodablePath(bad), bad).toBe(false)
    }
    for (const good of ['/', '/api/bookings/pay/abc', '/api/bookings/manage/a%2F..%2Fquote', '/menu/%E2%82%AC', '/api/availability?from=%ZZ', '/book#%']) {
      expect(hasDecodablePath(good), good).toBe(true)
    }
  })
})
