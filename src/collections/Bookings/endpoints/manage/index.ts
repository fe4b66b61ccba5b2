/**
 * The customer's manage link over HTTP — the token in the path is the credential:
 *   GET  /api/bookings/manage/:token               → 200 { booking: ManageView }
 *   POST /api/bookings/manage/:token/reschedule    { eventDate, startTime } → 200 { booking }
 *   POST /api/bookings/manage/:token/cancel        { reason? } → 200 { booking, refund }
 *   GET  /api/bookings/manage/:token/calendar.ics  → the booking as an iCalendar file
 *   POST /api/bookings/manage/:token/deposit       → 200 { url } to pay the deposit on Stripe Checkout
 *   POST /api/bookings/manage/:token/balance       → 200 { url } to pay the balance
 * Unknown and malformed tokens get the same 404. Every answer is `Cache-Control: no-store` and
 * `Referrer-Policy: no-referrer` (the URL holds the token). The POSTs take an Idempotency-Key
 * (src/http/idempotent-endpoint.ts) scoped to the token's hash. A change locks the booking row,
 * decides on fresh data (src/domain/lifecycle.ts) and writes through the Local API with `req`, so
 * the booking hook (lead time, start window, blackouts, capacity, duplicates, refund) and the
 * database triggers run in the same transaction.
 * Must never write anything but the date/time, the cancellation or the start of a payment (the
 * deposit/balance session and its return code), and never log the token.
 */
import type { Endpoint } from 'payload'

import { calendarEndpoint } from './calendar'
import { cancelEndpoint } from './cancel'
import { balanceEndpoint, depositEndpoint } from './pay'
import { rescheduleEndpoint } from './reschedule'
import { viewEndpoint } from './view'

export const manageEndpoints: Endpoint[] = [viewEndpoint, rescheduleEndpoint, cancelEndpoint, calendarEndpoint, depositEndpoint, balanceEndpoint]
