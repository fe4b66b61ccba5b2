/**
 * Idempotency-Key handling for our POST endpoints that answer JSON (POST /api/bookings and the
 * manage-link writes), on top of src/infra/idempotency.ts:
 *   no header          → run as usual
 *   malformed key      → 400 (nothing runs)
 *   first use          → run; the answer (2xx or 4xx) is kept for the (scope, key)
 *   same key and body  → the kept answer again, with `Idempotent-Replayed: true`
 *   same key, new body → 422 `idempotency_key_reused`
 *   while the first runs → 409 `idempotency_in_progress` with Retry-After
 * The scope must name the resource and the caller (user, manage-link hash) so keys of different
 * callers never collide. Must never store a 5xx: those are rethrown for Payload to log and answer,
 * or (a 503 we mean: a provider that did not answer) answered without being kept; either way the
 * key is released so the client may retry with it.
 */
import type { PayloadRequest } from 'payload'

import { abandon, begin, complete, fingerprintOf, parseIdempotencyKey } from '../infra/idempotency'
import { errorBody, jsonResponse, type JsonResult } from './responses'

interface IdempotentRun {
  /** Who and what the key belongs to, e.g. `bookings:create:users:7`. */
  scope: string
  /** The request body as received; its canonical fingerprint detects key reuse with another body. */
  body: unknown
  /** Does the work. Returns 2xx/4xx results; throws only for what must become a 5xx. */
  run: () => Promise<JsonResult>
  /** Extra headers on every answer (Cache-Control: no-store and Content-Type are always set). */
  headers?: Record<string, string>
}

/** The refusals of the key handling itself, as answered (and as the API document shows them). */
export const MALFORMED_IDEMPOTENCY_KEY: JsonResult = {
  status: 400,
  body: errorBody('ValidationError', 'The Idempotency-Key header must be 1–255 visible ASCII characters', {
    errors: [{ path: 'Idempotency-Key', message: 'Malformed Idempotency-Key' }],
  }),
}
export const IDEMPOTENCY_KEY_REUSED: JsonResult = {
  status: 422,
  body: errorBody('IdempotencyKeyReused', 'This Idempotency-Key was already used with a different request body.', { reason: 'idempotency_key_reused' }),
}
export const IDEMPOTENCY_IN_PROGRESS: JsonResult = {
  status: 409,
  body: errorBody('ConflictError', 'A request with this Idempotency-Key is still being processed.', { reason: 'idempotency_in_progress' }),
}

export async function respondIdempotently(req: PayloadRequest, opts: IdempotentRun): Promise<Response> {
  const headers = opts.headers ?? {}
  const key = parseIdempotencyKey(req.headers.get('Idempotency-Key'))
  if (key === null) {
    return jsonResponse(MALFORMED_IDEMPOTENCY_KEY, headers)
  }
  if (key === undefined) return jsonResponse(await opts.run(), headers)

  const fingerprint = fingerprintOf(opts.body ?? {})
  const started = await begin(opts.scope, key, fingerprint)
  if (started.kind === 'replay') return jsonResponse(started.response, { ...headers, 'Idempotent-Replayed': 'true' })
  if (started.kind === 'mismatch') {
    return jsonResponse(IDEMPOTENCY_KEY_REUSED, headers)
  }
  if (started.kind === 'in_progress') {
    return jsonResponse(IDEMPOTENCY_IN_PROGRESS, { ...headers, 'Retry-After': '1' })
  }
  try {
    const result = await opts.run()
    if (result.status >= 500) await abandon(opts.scope, key)
    else await complete(opts.scope, key, fingerprint, result)
    return jsonResponse(result, headers)
  } catch (err) {
    await abandon(opts.scope, key)
    throw err
  }
}
