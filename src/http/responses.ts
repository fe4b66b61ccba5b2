/**
 * Our endpoints' JSON answers, in Payload's shape: `{ errors: [{ name, message, data? }] }` for a
 * refusal, never cached. A refusal is kept as a `JsonResult` (status and serialized body) so an
 * idempotency key can replay it. Errors become HTTP in src/http/errors.ts; this file only writes.
 */
import { APIError } from 'payload'

import type { StoredResponse } from '../infra/idempotency'
import { HttpUnavailableError, toPayloadError, type DatabaseRefusal } from './errors'

/** A JSON answer as it is stored for replays: status and serialized body. */
export type JsonResult = StoredResponse

/** Payload's error shape: `{ errors: [{ name, message, data? }] }`. */
export function errorBody(name: string, message: string, data?: unknown): string {
  return JSON.stringify({
    errors: [{ name, message, ...(data === undefined ? {} : { data }) }],
  })
}

/** The HTTP answer for a result: JSON, never cached, plus `headers`. */
export function jsonResponse(result: JsonResult, headers: Record<string, string> = {}): Response {
  return new Response(result.body, {
    status: result.status,
    headers: {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-store',
      ...headers,
    },
  })
}

/**
 * A refusal (an error that maps to a 4xx through toPayloadError, with the database refusals the
 * caller's collection names), or a 503 we mean, as a result that can be stored and replayed. Anything else is
 * rethrown: Payload logs it and answers 5xx.
 */
export function refusal(err: unknown, refusals: readonly DatabaseRefusal[] = []): JsonResult {
  const mapped = toPayloadError(err, refusals)
  // A 503 we mean (a feature not set up, a provider down) is answered in words too: the caller may retry.
  if (mapped instanceof APIError && (mapped.status < 500 || mapped instanceof HttpUnavailableError)) {
    return {
      status: mapped.status,
      body: errorBody(mapped.name, mapped.message, mapped.data ?? undefined),
    }
  }
  throw mapped
}
