/**
 * Browser reports: POST /api/client-errors and POST /api/vitals accept what navigator.sendBeacon
 * sends, refuse malformed or oversized bodies, and log a client error as one scrubbed line that
 * carries the request ID.
 */
import config from '@payload-config'
import { getPayload, handleEndpoints } from 'payload'
import type { Histogram } from 'prom-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { scrubText } from '../../src/endpoints/reports'
import { metricsRegistry } from '../../src/infra/metrics'
import { registry } from '../../src/server/process-registry'
import { errorPaths } from '../helpers/bookings-fixtures'
import { captureLogs, type CapturedLogs } from '../helpers/capture-logs'
import { restClient } from '../helpers/rest'

const rest = restClient(config)
let logs: CapturedLogs

/** A request with a raw body and content type (sendBeacon sends a Blob; rest() always sends JSON). */
async function post(path: string, body: string, contentType: string, requestId = 'test-request'): Promise<{ status: number; text: string }> {
  return registry().requestContext.run({ requestId }, async () => {
    const request = new Request(`http://localhost:3000/api${path}`, { method: 'POST', headers: { 'Content-Type': contentType }, body })
    const response = await handleEndpoints({ config, path: `/api${path}`, request })
    return { status: response.status, text: await response.text() }
  })
}

const validError = {
  kind: 'boundary',
  name: 'TypeError',
  message: 'Cannot read properties of undefined (reading "zip") for pat.guest+party@example.com, call (212) 555-0100',
  stack: 'TypeError: boom\n    at Summary (http://localhost:3000/_next/static/chunks/app/booking/%5Btoken%5D/page-3f2a1b4c5d6e7f89.js:1:23456)\n    at /booking/AbCdEfGhIjKlMnOpQrStUvWxYz012345 +1 212 555 0199',
  digest: '1234567890',
  component: 'ManageBooking',
  path: '/booking/AbCdEfGhIjKlMnOpQrStUvWxYz012345',
}

const validVital = { name: 'LCP', value: 2345.6, rating: 'needs-improvement', id: 'v5-1700000000000-123', path: '/book', navigationType: 'navigate' }

beforeAll(async () => {
  await getPayload({ config })
  logs = captureLogs()
})

afterAll(() => {
  logs.restore()
})

describe('POST /api/client-errors', () => {
  it('answers 204 to a beacon (application/json) and logs one error line with the request ID, scrubbed', async () => {
    const res = await post('/client-errors', JSON.stringify(validError), 'application/json', 'req-client-error-1')
    expect(res.status).toBe(204)
    const mine = logs.lines.filter((l) => l.requestId === 'req-client-error-1')
    expect(mine).toHaveLength(1)
    const line = mine[0] as { level: number; module: string; kind: string; path: string; error: { message: string; stack: string; name: string; digest: string } }
    expect(line.level).toBe(50)
    expect(line.module).toBe('client')
    expect(line.kind).toBe('boundary')
    expect(line.path).toBe('/booking/[token]')
    expect(line.error.message).toBe('Cannot read properties of undefined (reading "zip") for [email], call [phone]')
    expect(line.error.stack).toContain('/booking/[token] [phone]')
    // Stack positions and chunk hashes stay readable.
    expect(line.error.stack).toContain('/booking/[token]/page-3f2a1b4c5d6e7f89.js:1:23456')
    expect(line.error.digest).toBe('1234567890')
    const raw = JSON.stringify(line)
    for (const secret of ['pat.guest', 'example.com', '555-0100', '555 0199', 'AbCdEfGhIjKlMnOp']) expect(raw).not.toContain(secret)
  })

  it('accepts text/plain JSON too', async () => {
    const res = await post('/client-errors', JSON.stringify({ kind: 'unhandled', message: 'x', path: '/' }), 'text/plain;charset=UTF-8')
    expect(res.status).toBe(204)
  })

  it('refuses a wrong or missing field with 400 naming it', async () => {
    const res = await rest('POST', '/client-errors', { body: { ...validError, kind: 'oops' } })
    expect(res.status).toBe(400)
    expect(errorPaths(res)).toEqual(['kind'])
    const tooLong = await rest('POST', '/client-errors', { body: { ...validError, message: 'm'.repeat(1001) } })
    expect(errorPaths(tooLong)).toEqual(['message'])
    const missing = await rest('POST', '/client-errors', { body: { kind: 'route', message: 'x' } })
    expect(errorPaths(missing)).toEqual(['path'])
  })

  it('refuses unknown keys and bodies that are not JSON with 400', async () => {
    const extra = await rest('POST', '/client-errors', { body: { ...validError, email: 'a@b.co' } })
    expect(extra.status).toBe(400)
    expect(errorPaths(extra)).toEqual(['email'])
    const garbage = await post('/client-errors', '{"kind":', 'application/json')
    expect(garbage.status).toBe(400)
    expect(garbage.text).toContain('"path":"body"')
  })

  it('refuses a body over 16 kB with 413', async () => {
    const res = await post('/client-errors', JSON.stringify({ ...validError, stack: 's'.repeat(17_000) }), 'application/json')
    expect(res.status).toBe(413)
    expect(JSON.parse(res.text)).toMatchObject({ errors: [{ name: 'PayloadTooLarge' }] })
  })

  it('refuses other content types with 415', async () => {
    const res = await post('/client-errors', 'kind=boundary', 'application/x-www-form-urlencoded')
    expect(res.status).toBe(415)
  })
})

describe('POST /api/vitals', () => {
  async function count(name: string, rating: string): Promise<number> {
    const metric = await (metricsRegistry().getSingleMetric('myhibachi_web_vitals') as Histogram<'name' | 'rating'> | undefined)?.get()
    return metric?.values.find((v) => v.metricName === 'myhibachi_web_vitals_count' && v.labels.name === name && v.labels.rating === rating)?.value ?? 0
  }

  it('answers 204 and observes the value in the histogram', async () => {
    const before = await count('LCP', 'needs-improvement')
    const res = await post('/vitals', JSON.stringify(validVital), 'application/json')
    expect(res.status).toBe(204)
    expect(await count('LCP', 'needs-improvement')).toBe(before + 1)
    const cls = await post('/vitals', JSON.stringify({ ...validVital, name: 'CLS', value: 0.02, rating: 'good' }), 'text/plain')
    expect(cls.status).toBe(204)
  })

  it('refuses a negative value, an unknown metric and unknown keys with 400 naming the field', async () => {
    const negative = await rest('POST', '/vitals', { body: { ...validVital, value: -1 } })
    expect(negative.status).toBe(400)
    expect(errorPaths(negative)).toEqual(['value'])
    const unknown = await rest('POST', '/vitals', { body: { ...validVital, name: 'FID' } })
    expect(errorPaths(unknown)).toEqual(['name'])
    const extra = await rest('POST', '/vitals', { body: { ...validVital, delta: 3 } })
    expect(errorPaths(extra)).toEqual(['delta'])
  })

  it('refuses a body over 16 kB with 413', async () => {
    const res = await post('/vitals', JSON.stringify({ ...validVital, id: 'x'.repeat(20_000) }), 'application/json')
    expect(res.status).toBe(413)
  })
})

describe('scrubbing', () => {
  it('replaces e-mail addresses, phone numbers and manage tokens, and leaves the rest alone', () => {
    expect(scrubText('mail ann.lee@mail.example.co.uk now')).toBe('mail [email] now')
    expect(scrubText('call +1 (212) 555-0100 or 2125550100')).toBe('call [phone] or [phone]')
    expect(scrubText('GET /booking/abc_DEF-123?welcome=1')).toBe('GET /booking/[token]?welcome=1')
    expect(scrubText('at page.js:12:3456 v1.2.3 id 123456')).toBe('at page.js:12:3456 v1.2.3 id 123456')
  })
})
