/**
 * POST /api/bookings — Payload's own create (same body, same 201 `{ doc, message }`, same error
 * shape, same hooks and access), with Idempotency-Key support in front of it
 * (src/http/idempotent-endpoint.ts): the first response (2xx or 4xx) for a key is kept; the same
 * key and body replays it with `Idempotent-Replayed: true`; another body → 422; while the first
 * still runs → 409. A request without the header works as usual. 5xx answers are never stored.
 * Must never set server-decided fields itself: access rules and the booking hook decide them.
 */
import { addDataAndFileToRequest, type Endpoint, type PayloadRequest } from 'payload'

import type { Booking } from '../../../payload-types'
import { assertWritableBody, BodyTooLargeError, bodyValue, MAX_JSON_BODY_BYTES, readJsonBody } from '../../../http/body'
import { respondIdempotently } from '../../../http/idempotent-endpoint'
import { jsonResponse, refusal, type JsonResult } from '../../../http/responses'
import { bookingConflictFromDatabase } from '../databaseErrors'

async function runCreate(req: PayloadRequest): Promise<JsonResult> {
  try {
    const depth = typeof req.query.depth === 'string' ? Number(req.query.depth) : undefined
    const doc = await req.payload.create({
      collection: 'bookings',
      // The body is checked field by field by access rules and the booking hook, not by this cast.
      data: (req.data ?? {}) as unknown as Omit<Booking, 'id' | 'createdAt' | 'updatedAt'>,
      req,
      overrideAccess: false,
      ...(depth !== undefined && Number.isInteger(depth) ? { depth } : {}),
    })
    return { status: 201, body: JSON.stringify({ doc, message: 'Booking successfully created.' }) }
  } catch (err) {
    return refusal(err, [bookingConflictFromDatabase])
  }
}

/**
 * Sets `req.data`: a JSON body through the one size-limited reader (src/http/body.ts); the admin
 * panel's multipart form (`_payload`) through Payload's own parser, after the same size check on
 * its declared length.
 */
async function readBookingBody(req: PayloadRequest): Promise<void> {
  const type = (req.headers.get('Content-Type') ?? '').toLowerCase()
  if (type.startsWith('multipart/form-data')) {
    const declared = Number(req.headers.get('Content-Length') ?? '0')
    if (!Number.isFinite(declared) || declared > MAX_JSON_BODY_BYTES) throw new BodyTooLargeError(MAX_JSON_BODY_BYTES)
    await addDataAndFileToRequest(req)
    return
  }
  req.data = bodyValue(await readJsonBody(req)) as PayloadRequest['data']
}

export const createBookingEndpoint: Endpoint = {
  path: '/',
  method: 'post',
  handler: async (req) => {
    // Before the fingerprint and Payload's deep copy walk it: a body over the size limit is a 413;
    // one that is no object, is nested absurdly deep or holds text the database cannot store is a
    // 400, not a stack overflow.
    try {
      await readBookingBody(req)
      assertWritableBody(req.data)
    } catch (err) {
      return jsonResponse(refusal(err))
    }
    return respondIdempotently(req, {
      scope: `bookings:create:${req.user ? `${req.user.collection}:${String(req.user.id)}` : 'anonymous'}`,
      body: req.data ?? {},
      run: () => runCreate(req),
    })
  },
}
