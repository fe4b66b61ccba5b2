/**
 * The customer's manage link over HTTP — the token in the path is the credential:
 *   GET  /api/bookings/manage/:token               → 200 { booking: ManageView }
 *   POST /api/bookings/manage/:token/reschedule    { eventDate, startTime } → 200 { booking }
 *   POST /api/bookings/manage/:token/cancel        { reason? } → 200 { booking, refund }
 *   GET  /api/bookings/manage/:token/calendar.ics  → the booking as an iCalendar file
 * Unknown and malformed tokens get the same 404. Every answer is `Cache-Control: no-store` and
 * `Referrer-Policy: no-referrer` (the URL holds the token). The POSTs take an Idempotency-Key
 * (src/http/idempotent-endpoint.ts) scoped to the token's hash. A change locks the booking row,
 * decides on fresh data (src/domain/lifecycle.ts) and writes through the Local API with `req`, so
 * the booking hook (lead time, start window, blackouts, capacity, duplicates, refund) and the
 * database triggers run in the same transaction.
 * Must never write anything but the date/time or the cancellation, and never log the token.
 */
import { commitTransaction, initTransaction, killTransaction, type Endpoint, type PayloadRequest } from 'payload'

import { assertBeforeEvent, assertCanCancel, assertCanReschedule, calendarFile, calendarFileName, cancelSchema, parseOrThrow, rescheduleSchema, ValidationError } from '../../../domain'
import { loadSettings, loadSettingsCached } from '../../../globals/BusinessSettings/load'
import { siteOrigin } from '../../../server/env'
import { bodyValue, readJsonBody, type BodyRead } from '../../../http/body'
import { respondIdempotently } from '../../../http/idempotent-endpoint'
import { errorBody, jsonResponse, refusal as httpRefusal, type JsonResult } from '../../../http/responses'
import { bookingConflictFromDatabase } from '../databaseErrors'
import { bookingByManageToken, hashManageToken, lockBookingForChange, MANAGE_READ, manageUrl, manageView, type ManagedBooking, type ManageView } from '../manage'

/** On top of `Cache-Control: no-store`, which every JSON answer gets. */
const PRIVATE = { 'Referrer-Policy': 'no-referrer' }
const PRIVATE_NO_STORE = { 'Cache-Control': 'no-store', ...PRIVATE }

const NOT_FOUND: JsonResult = { status: 404, body: errorBody('NotFound', 'No booking was found for this link.') }

interface ManageContext {
  token: string
  booking: ManagedBooking
}

/** Resolves the token (404 when unknown or malformed), then runs `handle`. */
function manageEndpoint(method: 'get' | 'post', path: string, handle: (req: PayloadRequest, ctx: ManageContext) => Promise<Response>): Endpoint {
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

function parsed<T>(schema: Parameters<typeof parseOrThrow<T>>[0], body: BodyRead): T {
  return parseOrThrow(schema, bodyValue(body))
}

/** A refusal, with the database's booking conflicts named. */
const refusal = (err: unknown): JsonResult => httpRefusal(err, [bookingConflictFromDatabase])

/** Runs `work` in a transaction of its own (or the request's, if one is open), committing on success. */
async function inTransaction<T>(req: PayloadRequest, work: () => Promise<T>): Promise<T> {
  const owned = await initTransaction(req)
  try {
    const result = await work()
    if (owned) await commitTransaction(req)
    return result
  } catch (err) {
    if (owned) await killTransaction(req)
    throw err
  }
}

/**
 * One change through the manage link: lock the row, decide on that fresh data (`decide` throws to
 * refuse), write `data`, and answer the booking as the write left it. undefined when the booking
 * is gone. The system acts for the token holder; only `data` is written, and the booking hook
 * re-checks every rule (and computes a refund) in this transaction.
 */
async function changeBooking(
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
  return updated ? manageView(updated, await loadSettings(req), new Date()) : undefined
}

/** The same POST with the same key replays the first answer; keys of different bookings never meet. */
function idempotentWrite(action: string, run: (req: PayloadRequest, ctx: ManageContext, body: BodyRead) => Promise<JsonResult>) {
  return async (req: PayloadRequest, ctx: ManageContext): Promise<Response> => {
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
      run: () => run(req, ctx, body),
    })
  }
}

const viewEndpoint = manageEndpoint('get', '', async (req, { booking }) => {
  const view = manageView(booking, await loadSettingsCached(req), new Date())
  return jsonResponse({ status: 200, body: JSON.stringify({ booking: view }) }, PRIVATE)
})

const rescheduleEndpoint = manageEndpoint(
  'post',
  '/reschedule',
  idempotentWrite('reschedule', async (req, { booking }, body) => {
    try {
      const input = parsed(rescheduleSchema, body)
      const view = await changeBooking(
        req,
        booking,
        (current) => {
          assertCanReschedule(current.status)
          assertBeforeEvent(current.startsAt, new Date(), 'reschedule')
          if (current.eventDate === input.eventDate && current.startTime === input.startTime) {
            throw ValidationError.single('startTime', 'Choose a different date or time')
          }
        },
        { eventDate: input.eventDate, startTime: input.startTime },
      )
      return view ? { status: 200, body: JSON.stringify({ booking: view }) } : NOT_FOUND
    } catch (err) {
      return refusal(err)
    }
  }),
)

const cancelEndpoint = manageEndpoint(
  'post',
  '/cancel',
  idempotentWrite('cancel', async (req, { booking }, body) => {
    try {
      const input = parsed(cancelSchema, body)
      // prepareBooking records the reason and computes the refund from the policy.
      req.context.cancelReason = input.reason || undefined
      const view = await changeBooking(
        req,
        booking,
        (current) => {
          assertCanCancel(current.status)
          assertBeforeEvent(current.startsAt, new Date(), 'cancel')
        },
        { status: 'cancelled' },
      )
      if (!view) return NOT_FOUND
      const refund = { refundPercent: view.cancellation?.refundPercent ?? 0, refundCents: view.cancellation?.refundCents ?? 0 }
      return { status: 200, body: JSON.stringify({ booking: view, refund }) }
    } catch (err) {
      return refusal(err)
    }
  }),
)

const calendarEndpoint = manageEndpoint('get', '/calendar.ics', async (req, { token, booking }) => {
  const settings = await loadSettingsCached(req)
  const view = manageView(booking, settings, new Date())
  const site = siteOrigin()
  const text = calendarFile(
    {
      id: view.id,
      status: view.status,
      eventDate: view.eventDate,
      startsAt: new Date(view.startsAt),
      durationMinutes: view.durationMinutes,
      guests: view.guests,
      address: view.address,
      createdAt: new Date(booking.createdAt),
      updatedAt: new Date(booking.updatedAt),
    },
    { businessName: settings.businessName, siteUrl: site, manageUrl: manageUrl(site, token) },
  )
  return new Response(text, {
    status: 200,
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${calendarFileName(view.eventDate)}"`,
      ...PRIVATE_NO_STORE,
    },
  })
})

export const manageEndpoints: Endpoint[] = [viewEndpoint, rescheduleEndpoint, cancelEndpoint, calendarEndpoint]
