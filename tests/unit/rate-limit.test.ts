/**
 * Which policy guards a request and whose budget it spends: the pure parts of src/infra/rate-limit.ts.
 * The path spellings below are the ones Next 16 + Payload 3.90 were seen to route (curl against
 * `npm run dev`); see the module comment of src/infra/rate-limit.ts.
 */
import { describe, expect, it } from 'vitest'

import { clientIpFrom, effectiveMethod, normalisePath, policyFor } from '../../src/infra/rate-limit'

describe('the client address behind trusted proxies', () => {
  it('uses the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientIpFrom('203.0.113.7', '10.0.0.2', 0)).toBe('10.0.0.2')
    expect(clientIpFrom(undefined, undefined, 0)).toBe('unknown')
  })

  it('behind one proxy, takes the entry the proxy appended, not the one the client wrote', () => {
    expect(clientIpFrom('1.1.1.1, 203.0.113.7', '10.0.0.2', 1)).toBe('203.0.113.7')
    expect(clientIpFrom('203.0.113.7', '10.0.0.2', 1)).toBe('203.0.113.7')
  })

  it('behind two proxies, takes the second entry from the right', () => {
    expect(clientIpFrom('6.6.6.6, 203.0.113.7, 198.51.100.1', '10.0.0.2', 2)).toBe('203.0.113.7')
  })

  it('reads several X-Forwarded-For headers as one list (Node joins them with ", ")', () => {
    expect(clientIpFrom('6.6.6.6, 7.7.7.7, 203.0.113.7', '10.0.0.2', 1)).toBe('203.0.113.7')
    expect(clientIpFrom(['6.6.6.6', '203.0.113.7'], '10.0.0.2', 1)).toBe('203.0.113.7')
    expect(clientIpFrom(['6.6.6.6, 203.0.113.7', '198.51.100.1'], '10.0.0.2', 2)).toBe('203.0.113.7')
  })

  it('trims entries and ignores empty ones', () => {
    expect(clientIpFrom(' 6.6.6.6 ,, 203.0.113.7 , ', '10.0.0.2', 1)).toBe('203.0.113.7')
    expect(clientIpFrom(' , ', '10.0.0.2', 1)).toBe('10.0.0.2')
    expect(clientIpFrom('', '10.0.0.2', 1)).toBe('10.0.0.2')
  })

  it('uses the left-most entry when there are fewer entries than hops', () => {
    expect(clientIpFrom('203.0.113.7', '10.0.0.2', 3)).toBe('203.0.113.7')
    expect(clientIpFrom('203.0.113.7, 198.51.100.1', '10.0.0.2', 5)).toBe('203.0.113.7')
  })

  it('falls back to the socket address when a trusted proxy sent no X-Forwarded-For', () => {
    expect(clientIpFrom(undefined, '10.0.0.2', 1)).toBe('10.0.0.2')
  })
})

describe('path normalisation', () => {
  it.each([
    ['/api/bookings', '/api/bookings'],
    ['/api/bookings/', '/api/bookings'],
    ['/api//bookings', '/api/bookings'],
    ['//api/bookings', '/api/bookings'],
    ['/api/bookings//', '/api/bookings'],
    ['/api/%62ookings', '/api/bookings'],
    ['/api/%2e/bookings', '/api/bookings'],
    ['/api/./bookings', '/api/bookings'],
    ['/api/x/../bookings', '/api/bookings'],
    ['/api/x/%2E%2e/bookings', '/api/bookings'],
    ['/api/x/.%2e/bookings', '/api/bookings'],
    ['/api/x/%2e./bookings', '/api/bookings'],
    ['/api//../bookings', '/api/bookings'],
    ['/api\\bookings', '/api/bookings'],
    ['/api/x/..\\bookings', '/api/bookings'],
    ['/API/Bookings', '/api/bookings'],
    ['/api/customers/LOGIN', '/api/customers/login'],
    ['/api/bookings?depth=0', '/api/bookings'],
    ['/api/bookings#x', '/api/bookings'],
    ['http://evil.example/api/%62ookings?x=1', '/api/bookings'],
    ['http://evil.example', '/'],
    ['/', '/'],
    ['', '/'],
    ['*', '/*'],
  ])('%s → %s', (raw, normalised) => {
    expect(normalisePath(raw)).toBe(normalised)
  })

  it('never throws on a malformed escape, and leaves it as written', () => {
    expect(normalisePath('/api/%ZZ/bookings')).toBe('/api/%zz/bookings')
    expect(normalisePath('/api/bookings%')).toBe('/api/bookings%')
    expect(normalisePath('/api/%E2%82')).toBe('/api/%e2%82')
  })

  it('does not resolve dots that only appear after decoding (Next keeps them inside the segment)', () => {
    // Reaches the manage endpoint with token "a/../../../quote": must stay `manage`, not `quote`.
    expect(normalisePath('/api/bookings/manage/a%2F..%2F..%2F..%2Fquote/cancel')).toBe('/api/bookings/manage/a/../../../quote/cancel')
    expect(policyFor('POST', '/api/bookings/manage/a%2F..%2F..%2F..%2Fquote/cancel')).toBe('manage')
  })
})

describe('rate-limit policies', () => {
  it('keeps the named routes on their own policies', () => {
    expect(policyFor('POST', '/api/bookings')).toBe('bookings')
    expect(policyFor('POST', '/api/quote')).toBe('quote')
    expect(policyFor('GET', '/api/availability')).toBe('availability')
    expect(policyFor('POST', '/api/bookings/manage/abc/reschedule')).toBe('manage')
    expect(policyFor('POST', '/api/users/login')).toBe('login')
    expect(policyFor('POST', '/api/customers/login')).toBe('login')
    expect(policyFor('POST', '/api/client-errors')).toBe('reports')
    expect(policyFor('POST', '/api/vitals')).toBe('reports')
  })

  it('leaves Stripe webhook deliveries out (signed, bounded, and a 429 would only make Stripe retry), and puts the payment links on the manage budget', () => {
    expect(policyFor('POST', '/api/stripe/webhook')).toBeUndefined()
    expect(policyFor('POST', '/api/stripe/webhook/')).toBeUndefined()
    expect(policyFor('PUT', '/api/stripe/webhook')).toBe('writes')
    for (const hook of ['/api/twilio/sms', '/api/twilio/status', '/api/inbound/email']) {
      expect(policyFor('POST', hook)).toBeUndefined()
      expect(policyFor('PUT', hook)).toBe('writes')
    }
    expect(policyFor('POST', '/api/stripe/other')).toBe('writes')
    expect(policyFor('POST', '/api/bookings/manage/abc/deposit')).toBe('manage')
    expect(policyFor('POST', '/api/bookings/pay/abc')).toBe('manage')
    expect(policyFor('POST', '/api/bookings/return')).toBe('manage')
  })

  it.each([
    ['POST', '/api/customers'],
    ['POST', '/api/customers/forgot-password'],
    ['POST', '/api/users/forgot-password'],
    ['POST', '/api/customers/reset-password'],
    ['POST', '/api/users/reset-password'],
    ['POST', '/api/customers/verify/0123abcd'],
    ['POST', '/api/users/verify/0123abcd'],
    ['POST', '/api/customers/unlock'],
    ['POST', '/api/users/unlock'],
    ['POST', '/api/users/first-register'],
    ['POST', '/api/customers/first-register'],
    ['GET', '/admin/customers/verify/0123abcd'],
  ])('limits %s %s as auth', (method, path) => {
    expect(policyFor(method, path)).toBe('auth')
  })

  it('limits GraphQL by its own policy, over POST and GET', () => {
    expect(policyFor('POST', '/api/graphql')).toBe('graphql')
    expect(policyFor('GET', '/api/graphql?query={__typename}')).toBe('graphql')
  })

  it('limits every other write under /api by the writes policy', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(policyFor(method, '/api/users/refresh-token')).toBe('writes')
      expect(policyFor(method, '/api/menu-items/7')).toBe('writes')
    }
    expect(policyFor('POST', '/api/customers/refresh-token')).toBe('writes')
    expect(policyFor('POST', '/api/users/logout')).toBe('writes')
    expect(policyFor('POST', '/api/payload-preferences/nav')).toBe('writes')
    expect(policyFor('PATCH', '/api/bookings/12')).toBe('writes')
    expect(policyFor('POST', '/api/users')).toBe('writes')
    expect(policyFor('PROPFIND', '/api/bookings')).toBe('writes')
  })

  it('leaves plain reads and pages alone', () => {
    expect(policyFor('GET', '/api/bookings')).toBeUndefined()
    expect(policyFor('GET', '/api/health/ready')).toBeUndefined()
    expect(policyFor('GET', '/api/bookings/manage/abc')).toBeUndefined()
    expect(policyFor('HEAD', '/api/availability')).toBeUndefined()
    expect(policyFor('OPTIONS', '/api/bookings')).toBeUndefined()
    expect(policyFor('POST', '/admin/collections/bookings')).toBeUndefined()
    expect(policyFor('GET', '/book')).toBeUndefined()
  })

  it.each([
    '/api/bookings/',
    '/api//bookings',
    '/api/%62ookings',
    '/api/./bookings',
    '/api/x/../bookings',
    '/api/x/%2e%2e/bookings',
    '/API/bookings',
    'http://evil.example/api/bookings',
  ])('matches %s as POST /api/bookings', (path) => {
    expect(policyFor('POST', path)).toBe('bookings')
  })

  it('matches auth routes whatever their case or escapes', () => {
    expect(policyFor('POST', '/api/customers/LOGIN')).toBe('login')
    expect(policyFor('POST', '/api/%63ustomers/%6Cogin')).toBe('login')
    expect(policyFor('POST', '/api/users/FIRST-REGISTER')).toBe('auth')
    expect(policyFor('POST', '/api/customers/Forgot-Password/')).toBe('auth')
    expect(policyFor('POST', '/api/x/../customers')).toBe('auth')
    expect(policyFor('POST', '/api/x/../graphql')).toBe('graphql')
  })
})

describe('the method Payload serves', () => {
  it('treats a POST with exactly `X-Payload-HTTP-Method-Override: GET` as the GET Payload serves', () => {
    expect(effectiveMethod('POST', { 'x-payload-http-method-override': 'GET' })).toBe('GET')
    expect(effectiveMethod('POST', { 'x-http-method-override': 'GET' })).toBe('GET')
    expect(policyFor(effectiveMethod('POST', { 'x-payload-http-method-override': 'GET' }), '/api/customers')).toBeUndefined()
    expect(policyFor(effectiveMethod('POST', { 'x-payload-http-method-override': 'GET' }), '/api/availability')).toBe('availability')
  })

  it('keeps the real method for any other override (Payload only honours exactly GET on a POST)', () => {
    expect(effectiveMethod('POST', { 'x-payload-http-method-override': 'get' })).toBe('POST')
    expect(effectiveMethod('POST', { 'x-http-method-override': 'GET, GET' })).toBe('POST')
    expect(effectiveMethod('PATCH', { 'x-payload-http-method-override': 'GET' })).toBe('PATCH')
    expect(effectiveMethod('POST', { 'x-http-method-override': 'DELETE' })).toBe('POST')
    expect(effectiveMethod(undefined, {})).toBe('GET')
  })
})
