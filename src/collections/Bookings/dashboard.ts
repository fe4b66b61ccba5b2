/**
 * The back-office dashboard's data: a thin query layer that reads plain rows (the week's bookings,
 * counts by status, bookings owing money, last and this month's payment records, quote counts,
 * storefront bookings, unanswered threads) and hands them to src/domain/dashboard.ts, which
 * computes every figure. The result is cached (src/infra/cache.ts: Redis when REDIS_URL, else
 * in-process) per time zone and business day, and purged after the commit of any change to a
 * booking, payment, message or thread (src/hooks/purgeDashboard.ts).
 * The reads act as the system (overrideAccess): the figures are one aggregate shared by every
 * viewer, and only callers that have checked `dashboardAudience(user) === 'figures'` (managers and
 * admins, who may read all of it) may call `dashboardFigures`. Never writes.
 */
import type { Payload, PayloadRequest, Where } from 'payload'

import { computeDashboard, conversionPeriod, dashboardWindow, type DashboardFigures, type DashboardRows, type DashboardWindow } from '../../domain/dashboard'
import { centsOrZero } from '../../domain'
import { BOOKING_STATUSES, type BookingStatus } from '../../domain/lifecycle'
import { loadSettingsCached } from '../../globals/BusinessSettings/load'
import { DASHBOARD_ENTITY } from '../../hooks/purgeDashboard'
import { cached } from '../../infra/cache'
import type { Booking, Payment, User } from '../../payload-types'
import { bookingMoney } from './money'
import { quoteCountingSince, quotesByDay } from './quoteCounts'

const cents = centsOrZero

function chefNames(chefs: Booking['assignedChefs']): string[] {
  return (chefs ?? []).map((c) => (typeof c === 'object' && c !== null ? ((c as User).name ?? `#${c.id}`) : `#${c}`))
}

/** Every row the figures need for `window`, read as the system (see the file's comment). */
export async function loadDashboardRows(payload: Payload, window: DashboardWindow): Promise<DashboardRows> {
  const happening: BookingStatus[] = ['pending', 'confirmed', 'completed']
  const countingSince = await quoteCountingSince(payload)
  const period = conversionPeriod(window, countingSince)
  const upcomingQuery = payload.find({
    collection: 'bookings',
    where: { and: [{ eventDate: { greater_than_equal: window.today } }, { eventDate: { less_than_equal: window.weekLast } }, { status: { in: happening } }] },
    select: { eventDate: true, startTime: true, status: true, guests: true, address: { city: true, zip: true }, assignedChefs: true, pricing: { totalCents: true, depositCents: true }, payment: { depositPaidCents: true, balancePaidCents: true, refundedCents: true } },
    populate: { users: { name: true } },
    depth: 1,
    pagination: false,
    limit: 0,
    overrideAccess: true,
  })
  const owingQuery = payload.find({
    collection: 'bookings',
    where: { paymentState: { in: ['deposit_unpaid', 'balance_due'] } },
    select: { status: true, pricing: { totalCents: true, depositCents: true }, payment: { depositPaidCents: true, balancePaidCents: true, refundedCents: true } },
    depth: 0,
    pagination: false,
    limit: 0,
    overrideAccess: true,
  })
  const from = window.lastMonthStart.toISOString()
  const until = window.nextMonthStart.toISOString()
  // When the money changed hands; a record without that date counts when it was recorded.
  const paymentsWhere: Where = {
    or: [
      { and: [{ occurredAt: { greater_than_equal: from } }, { occurredAt: { less_than: until } }] },
      { and: [{ occurredAt: { exists: false } }, { createdAt: { greater_than_equal: from } }, { createdAt: { less_than: until } }] },
    ],
  }
  const paymentsQuery = payload.find({
    collection: 'payments',
    where: paymentsWhere,
    select: { kind: true, status: true, amountCents: true, occurredAt: true, createdAt: true },
    depth: 0,
    pagination: false,
    limit: 0,
    overrideAccess: true,
  })
  const statusCounts = Promise.all(BOOKING_STATUSES.map(async (status) => [status, (await payload.count({ collection: 'bookings', where: { status: { equals: status } }, overrideAccess: true })).totalDocs] as const))
  const storefront = payload.count({
    collection: 'bookings',
    where: { and: [{ source: { equals: 'web' } }, { createdAt: { greater_than_equal: period.start.toISOString() } }] },
    overrideAccess: true,
  })
  const unanswered = payload.count({ collection: 'threads', where: { and: [{ state: { equals: 'open' } }, { lastDirection: { equals: 'inbound' } }] }, overrideAccess: true })

  const [upcoming, owing, payments, counts, storefrontBookings, unansweredThreads, quotes] = await Promise.all([
    upcomingQuery,
    owingQuery,
    paymentsQuery,
    statusCounts,
    storefront,
    unanswered,
    quotesByDay(payload, period.first, window.today),
  ])
  const money = bookingMoney
  return {
    upcoming: (upcoming.docs as Booking[]).map((b) => ({
      id: b.id,
      status: b.status,
      eventDate: b.eventDate,
      startTime: b.startTime,
      adults: cents(b.guests?.adults),
      children: cents(b.guests?.children),
      city: b.address?.city ?? null,
      zip: b.address?.zip ?? null,
      chefs: chefNames(b.assignedChefs),
      ...money(b),
    })),
    statusCounts: Object.fromEntries(counts),
    owing: (owing.docs as Booking[]).map((b) => ({ id: b.id, status: b.status, ...money(b) })),
    payments: (payments.docs as Payment[]).map((p) => ({ kind: p.kind, status: p.status ?? null, amountCents: cents(p.amountCents), occurredAt: p.occurredAt ?? p.createdAt })),
    quotesByDay: quotes,
    quoteCountingSince: countingSince,
    storefrontBookings: storefrontBookings.totalDocs,
    unansweredThreads: unansweredThreads.totalDocs,
  }
}

/**
 * The dashboard's figures at `now`, from the cache when it has them. Only for managers and admins
 * (the caller checks): every figure, money included, is in it.
 */
export async function dashboardFigures(req: PayloadRequest, now = new Date()): Promise<DashboardFigures> {
  const settings = await loadSettingsCached(req)
  const window = dashboardWindow(now, settings.timezone)
  return cached('dashboard', DASHBOARD_ENTITY, `${window.timeZone}|${window.today}`, async () => computeDashboard(await loadDashboardRows(req.payload, window), window))
}
