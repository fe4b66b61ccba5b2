// The storefront's REST client, its pure parts: how long it waits between retries, how it reads
// Retry-After, and how an error answer becomes a message a customer can act on.
import { describe, expect, it } from 'vitest'

import { ApiError, backoffMs, errorFromResponse, retryAfterSeconds } from '../../src/client/api'

const GENERIC_5XX = 'Something went wrong on our side. Please try again in a moment.'

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })

describe('waiting between retries', () => {
  it('waits about 400 ms before the first retry, give or take a quarter', () => {
    expect(backoffMs(1, () => 0.5)).toBe(400)
    expect(backoffMs(1, () => 0)).toBe(300)
    expect(backoffMs(1, () => 0.999999)).toBe(500)
  })

  it('doubles the wait with every further retry', () => {
    const mid = () => 0.5
    expect([1, 2, 3, 4].map((n) => backoffMs(n, mid))).toEqual([400, 800, 1600, 3200])
  })

  it('stops growing at 5 seconds', () => {
    const mid = () => 0.5
    expect(backoffMs(5, mid)).toBe(5000)
    expect(backoffMs(6, mid)).toBe(5000)
    expect(backoffMs(30, mid)).toBe(5000)
  })

  it('never waits longer than 5 seconds, even with the most jitter', () => {
    expect(backoffMs(10, () => 0.999999)).toBeLessThanOrEqual(5000)
  })

  it('spreads waits within ±25 % with real randomness', () => {
    for (let i = 0; i < 200; i++) {
      const ms = backoffMs(2)
      expect(ms).toBeGreaterThanOrEqual(600)
      expect(ms).toBeLessThanOrEqual(1000)
    }
  })
})

describe('reading Retry-After', () => {
  it('reads a number of seconds, rounding up', () => {
    expect(retryAfterSeconds('120')).toBe(120)
    expect(retryAfterSeconds('0')).toBe(0)
    expect(retryAfterSeconds('1.2')).toBe(2)
  })

  it('reads an HTTP date as the seconds left until then', () => {
    const inThirty = new Date(Date.now() + 30_000).toUTCString()
    const s = retryAfterSeconds(inThirty)
    // toUTCString() drops the milliseconds, so the answer is 29 or 30.
    expect(s).toBeGreaterThanOrEqual(29)
    expect(s).toBeLessThanOrEqual(30)
  })

  it('never asks to wait a negative time for a date already past', () => {
    expect(retryAfterSeconds('Wed, 21 Oct 2015 07:28:00 GMT')).toBe(0)
  })

  it('ignores a missing or unreadable header', () => {
    expect(retryAfterSeconds(null)).toBeUndefined()
    expect(retryAfterSeconds('soon')).toBeUndefined()
    expect(retryAfterSeconds('in a minute')).toBeUndefined()
  })

  it('ignores negative numbers, empty values and text that only happens to contain a number', () => {
    expect(retryAfterSeconds('-5')).toBeUndefined()
    expect(retryAfterSeconds('')).toBeUndefined()
    expect(retryAfterSeconds('later 2')).toBeUndefined()
  })
})

describe('turning an error answer into a message', () => {
  it('tells a rate-limited customer how many seconds to wait', async () => {
    const err = await errorFromResponse(new Response('slow down', { status: 429, headers: { 'Retry-After': '30' } }))
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(429)
    expect(err.retryAfterSeconds).toBe(30)
    expect(err.message).toBe('Too many requests. Please wait 30 seconds and try again.')
  })

  it('says "1 second", not "1 seconds"', async () => {
    const err = await errorFromResponse(new Response(null, { status: 429, headers: { 'Retry-After': '1' } }))
    expect(err.message).toBe('Too many requests. Please wait 1 second and try again.')
  })

  it('asks a rate-limited customer to wait a minute when the server does not say how long', async () => {
    const err = await errorFromResponse(new Response(null, { status: 429 }))
    expect(err.retryAfterSeconds).toBe(60)
    expect(err.message).toBe('Too many requests. Please wait 60 seconds and try again.')
  })

  it("turns Payload's validation error into messages by field path", async () => {
    const res = json(400, {
      errors: [
        {
          name: 'ValidationError',
          message: 'The following fields are invalid: address.zip, guests.adults',
          data: {
            collection: 'bookings',
            errors: [
              { path: 'address.zip', message: 'We do not serve that ZIP code' },
              { path: 'guests.adults', message: 'At least one adult must attend' },
              { path: 'address.zip', message: 'A later, second message for the same field' },
              { field: 'contact.email', message: 'Enter a valid email address' },
              { path: 'startTime' },
            ],
          },
        },
      ],
    })
    const err = await errorFromResponse(res)
    expect(err.status).toBe(400)
    expect(err.message).toBe('The following fields are invalid: address.zip, guests.adults')
    expect(err.fieldErrors).toEqual({
      'address.zip': 'We do not serve that ZIP code',
      'guests.adults': 'At least one adult must attend',
      'contact.email': 'Enter a valid email address',
    })
    expect(err.reason).toBeUndefined()
  })

  it('carries the machine reason of a conflict', async () => {
    const err = await errorFromResponse(
      json(409, { errors: [{ name: 'ConflictError', message: 'That time is fully booked. Please choose another time.', data: { reason: 'slot_full' } }] }),
    )
    expect(err.status).toBe(409)
    expect(err.reason).toBe('slot_full')
    expect(err.message).toBe('That time is fully booked. Please choose another time.')
    expect(err.fieldErrors).toEqual({})
  })

  it("shows a generic message for a proxy's HTML error page instead of breaking", async () => {
    const res = new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 502, headers: { 'Content-Type': 'text/html' } })
    const err = await errorFromResponse(res)
    expect(err.status).toBe(502)
    expect(err.message).toBe(GENERIC_5XX)
    expect(err.fieldErrors).toEqual({})
  })

  it('never shows the internal message of a server error', async () => {
    const err = await errorFromResponse(json(500, { errors: [{ name: 'Error', message: 'relation "bookings" does not exist' }] }))
    expect(err.message).toBe(GENERIC_5XX)
  })

  it('keeps the Retry-After of an unavailable server', async () => {
    const err = await errorFromResponse(new Response('', { status: 503, headers: { 'Retry-After': '5' } }))
    expect(err.status).toBe(503)
    expect(err.retryAfterSeconds).toBe(5)
    expect(err.message).toBe(GENERIC_5XX)
  })

  it('says it could not find a missing thing', async () => {
    expect((await errorFromResponse(new Response('', { status: 404 }))).message).toBe('We could not find that.')
  })

  it('falls back to a plain message for a client error without a body', async () => {
    const err = await errorFromResponse(new Response('', { status: 403 }))
    expect(err.status).toBe(403)
    expect(err.message).toBe('That request could not be completed.')
  })

  it('shows the generic message for an error answer whose JSON body is null', async () => {
    const err = await errorFromResponse(new Response('null', { status: 502, headers: { 'Content-Type': 'application/json' } }))
    expect(err.status).toBe(502)
    expect(err.message).toBe(GENERIC_5XX)
  })
})
