/**
 * What the manage-link endpoints share: the token → booking lookup (the same 404 for unknown and
 * malformed tokens), private headers (`Cache-Control: no-store`, `Referrer-Policy: no-referrer`:
 * the URL holds the token), body parsing, the idempotent write wrapper scoped to the token's hash,
 * and the one way a change is made — lock the row, decide on fresh data, write through the Local
 * API with `req` so the booking hook and the database triggers run in the same transaction.
 * Must never log the token.
 */
import type { Endpoint, PayloadRequest } from 'payload'

import { parseOrThrow } from '../../../../domain'
import { loadSettings } from '../../../../globals/BusinessSettings/load'
import { bodyValue, readJsonBody, type BodyRead } from '../../../../http/body'
import { respondIdempotently } from '../../../../http/idempotent-endpoint'
import { inTransaction } from '../../../../infra/db'
import { errorBody, jsonResponse, refusal as httpRefusal, type JsonResult } from '../../../../http/responses'
import { bookingConflictFromDatabase } from '../../databaseErrors'
import { bookingByManageToken, hashManageToken } from '../../manageTokens'
import { MANAGE_READ, manageView, type ManagedBooking, type ManageView } from '../../manageView'
import { lockBookingForChange } from '../../queries'
import { paymentsEnabled } from '../../../../infra/stripe'

/** On top of `Cache-Control: no-store`, which every JSON answer gets. */
export const PRIVATE = { 'Referrer-Policy': 'no-referrer' }
export const PRIVATE_NO_STORE = { 'Cache-Control': 'no-store', ...PRIVATE }

export const NOT_FOUND: JsonResult = { status: 404, body: errorBody('NotFound', 'No booking was found for this link.') }

export interface ManageContext {
  token: string
  booking: ManagedBooking
}

/** Resolves the token (404 when unknown or malformed), then runs `handle`. */
export function manageEndpoint(method: 'get' | 'post', path: string, handle: (req: PayloadRequest, ctx: ManageContext) => Promise<Response>): Endpoint {
  return {
    method,
    path: `/manage/:token${path}`,
    handler: async (req) => {
      try {
        const token = typeof req.routeParams?.token === 'string' ? req.routeParams.token : ''
        const booking = await bookingByManageToken(req.payload, token, req)
        if (!booking) return jsonResponse(NOT_FOUND, PRIVATE)
        return await handle(req, { token, booking })
      } catch (err) {
        // Payload answers what we do not (5xx); that answer must not be cached or leak the link either.
        req.responseHeaders = new Headers(PRIVATE_NO_STORE)
        throw err
      }
    },
  }
}

/** A refusal, with the database's booking conflicts named. */
const refusal = (err: unknown): JsonResult => httpRefusal(err, [bookingConflictFromDatabase])

/**
 * One change through the manage link: lock the row, decide on that fresh data (`decide` throws to
 * refuse), write `data`, and answer the booking as the write left it. undefined when the booking
 * is gone. The system acts for the token holder; only `data` is written, and the booking hook
 * re-checks every rule (and computes a refund) in this transaction.
 */
export async function changeBooking(
  req: PayloadRequest,
  booking: ManagedBooking,
  decide: (current: NonNullable<Awaited<ReturnType<typeof lockBookingForChange>>>) => void,
  data: { eventDate: string; startTime: string } | { status: 'cancelled' },
): Promise<ManageView | undefined> {
  const updated = await inTransaction(req, async () => {
    const current = await lockBookingForChange(req, booking.id)
    if (!current) return undefined
    decide(current)
    return (await req.payload.update({ collection: 'bookings', id: booking.id, data, req, overrideAccess: true, ...MANAGE_READ })) as unknown as ManagedBooking
  })
  return updated ? manageView(updated, await loadSettings(req), new Date(), { paymentsOnline: paymentsEnabled() }) : undefined
}

/**
 * POST /manage/:token/<action>: the body parsed with `schema` (a 400 naming the field otherwise),
 * then `run`; its refusals are answered 4xx. The same POST with the same Idempotency-Key replays
 * the first answer; keys of different bookings never meet (scoped to the token's hash).
 */
export function manageWrite<T>(action: string, schema: Parameters<typeof parseOrThrow<T>>[0], run: (req: PayloadRequest, ctx: ManageContext, input: T) => Promise<JsonResult>): Endpoint {
  return manageEndpoint('post', `/${action}`, async (req: PayloadRequest, ctx: ManageContext): Promise<Response> => {
    let body: BodyRead
    try {
      body = await readJsonBody(req)
    } catch (err) {
      return jsonResponse(refusal(err), PRIVATE)
    }
    return respondIdempotently(req, {
      scope: `bookings:manage:${action}:${hashManageToken(ctx.token)}`,
      body: body.ok ? body.value : { unparsedBody: body.text },
      headers: PRIVATE,
      run: async () => {
        try {
          return await run(req, ctx, parseOrThrow(schema, bodyValue(body)))
        } catch (err) {
          return refusal(err)
        }
      },
    })
  })
}

