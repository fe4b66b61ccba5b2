/**
 * POST /api/bookings — Payload's own create (same body, same 201 `{ doc, message }`, same error
 * shape, same hooks and access), with Idempotency-Key support in front of it:
 * the first response (2xx or 4xx) for a key is kept; the same key and body replays it with
 * `Idempotent-Replayed: true`; another body → 422; while the first still runs → 409.
 * A request without the header works as usual. 5xx answers are never stored.
 */
import { addDataAndFileToRequest, APIError, type Endpoint, type PayloadRequest } from 'payload'

import type { Booking } from '../../../payload-types'
import { abandon, begin, complete, fingerprintOf, parseIdempotencyKey } from '../../../lib/idempotency'
import { toPayloadError } from '../../../lib/payload-errors'

function errorBody(name: string, message: string, data?: unknown): string {
  return JSON.stringify({ errors: [{ name, message, ...(data === undefined ? {} : { data }) }] })
}

async function runCreate(req: PayloadRequest): Promise<{ status: number; body: string }> {
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
    const mapped = toPayloadError(err)
    if (mapped instanceof APIError && mapped.status < 500) {
      return { status: mapped.status, body: errorBody(mapped.name, mapped.message, mapped.data ?? undefined) }
    }
    throw mapped
  }
}

export const createBookingEndpoint: Endpoint = {
  path: '/',
  method: 'post',
  handler: async (req) => {
    await addDataAndFileToRequest(req)
    const key = parseIdempotencyKey(req.headers.get('Idempotency-Key'))
    const json = (status: number, body: string, extra: Record<string, string> = {}) =>
      new Response(body, { status, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...extra } })

    if (key === null) {
      return json(400, errorBody('ValidationError', 'The Idempotency-Key header must be 1–255 visible ASCII characters', { errors: [{ path: 'Idempotency-Key', message: 'Malformed Idempotency-Key' }] }))
    }
    if (key === undefined) {
      const result = await runCreate(req)
      return json(result.status, result.body)
    }

    const scope = `bookings:create:${req.user ? `${req.user.collection}:${String(req.user.id)}` : 'anonymous'}`
    const fingerprint = fingerprintOf(req.data ?? {})
    const started = await begin(scope, key, fingerprint)
    if (started.kind === 'replay') return json(started.response.status, started.response.body, { 'Idempotent-Replayed': 'true' })
    if (started.kind === 'mismatch') {
      return json(422, errorBody('IdempotencyKeyReused', 'This Idempotency-Key was already used with a different request body.', { reason: 'idempotency_key_reused' }))
    }
    if (started.kind === 'in_progress') {
      return json(409, errorBody('ConflictError', 'A request with this Idempotency-Key is still being processed.', { reason: 'idempotency_in_progress' }), { 'Retry-After': '1' })
    }
    try {
      const result = await runCreate(req)
      await complete(scope, key, fingerprint, result)
      return json(result.status, result.body)
    } catch (err) {
      await abandon(scope, key)
      throw err
    }
  },
}
