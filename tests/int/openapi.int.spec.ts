/**
 * GET /api/openapi.json through Payload's REST handling: the public API's OpenAPI 3.1 document,
 * as JSON, the one the module builds. And the document tells the truth about real answers: what
 * availability, quote, booking and the manage link answer fits the schemas it gives for them.
 */
import config from '@payload-config'
import { getPayload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { openapiDocument } from '../../src/endpoints/openapi'
import type { OpenApiDocument } from '../../src/http/openapi'
import { bookingBody, dateAhead } from '../helpers/bookings-fixtures'
import { openApiSchemas } from '../helpers/openapi-schemas'
import { restClient } from '../helpers/rest'

const rest = restClient(config)
const { misfit } = openApiSchemas(openapiDocument())

beforeAll(async () => {
  await getPayload({ config })
})

describe('GET /api/openapi.json', () => {
  it('answers the OpenAPI 3.1 document as JSON', async () => {
    const res = await rest<OpenApiDocument>('GET', '/openapi.json')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(res.body.openapi).toBe('3.1.0')
    expect(res.body.paths['/api/bookings']?.post?.operationId).toBe('createBooking')
    expect(res.body).toEqual(JSON.parse(JSON.stringify(openapiDocument())))
  })

  it('answers the same text again (built once, kept)', async () => {
    const [a, b] = await Promise.all([rest<OpenApiDocument>('GET', '/openapi.json'), rest<OpenApiDocument>('GET', '/openapi.json')])
    expect(a.body).toEqual(b.body)
  })
})

describe('the documented answers', () => {
  // Days no other spec books on (the suite shares one database).
  const day = dateAhead(44)

  it('fit what availability and quote really answer', async () => {
    const availability = await rest('GET', `/availability?from=${day}&to=${dateAhead(45)}&guests=12`)
    expect(availability.status).toBe(200)
    expect(misfit('Availability', availability.body)).toBeUndefined()

    const quote = await rest('POST', '/quote', { body: { eventDate: day, startTime: '17:00', guests: { adults: 10, children: 2 }, address: { zip: '10001' } } })
    expect(quote.status).toBe(200)
    expect(misfit('QuoteResponse', quote.body)).toBeUndefined()

    const refused = await rest('POST', '/quote', { body: { eventDate: 'soon', startTime: '17:00', guests: { adults: 10 } } })
    expect(refused.status).toBe(400)
    expect(misfit('Error', refused.body)).toBeUndefined()
  })

  it('fit what booking and the manage link really answer', async () => {
    const created = await rest<{ doc: { manageToken: string } }>('POST', '/bookings', { body: bookingBody(day, 'openapi.doc@example.com', { startTime: '17:00', guests: { adults: 10, children: 2 } }) })
    expect(created.status).toBe(201)
    expect(misfit('BookingCreated', created.body)).toBeUndefined()

    const view = await rest('GET', `/bookings/manage/${created.body.doc.manageToken}`)
    expect(view.status).toBe(200)
    expect(misfit('ManageResponse', view.body)).toBeUndefined()

    const cancelled = await rest('POST', `/bookings/manage/${created.body.doc.manageToken}/cancel`, { body: { reason: 'Testing the document' } })
    expect(cancelled.status).toBe(200)
    expect(misfit('CancelResponse', cancelled.body)).toBeUndefined()
  })
})
