// The back-office dashboard's figures, as the business reads them, computed from plain rows (the
// query layer, src/collections/Bookings/dashboard.ts, fetches them; nothing here reads a database
// or the clock: callers pass `now`):
// - the week ahead: every pending, confirmed or completed booking on today or one of the next six
//   days (business dates), by date and time, with party, area, chefs and where its payments stand;
// - bookings by status: how many of each;
// - deposits unpaid and balances due: active bookings still owing their deposit (the amount missing
//   from it), and bookings whose deposit is covered but not their total (the rest of the total);
// - revenue this month against last month: money received (deposits, balances) minus money given
//   back (refunds), succeeded payment records only, by when the money changed hands, with month
//   boundaries in the business's time zone;
// - quotes to bookings: storefront quotes asked on the last 30 business days against bookings made
//   on the storefront in the same days (counts only: nothing about who asked is ever kept); the
//   days start no earlier than the first day quotes were counted, so bookings made before the
//   counter existed do not inflate the rate;
// - unanswered inbox threads: open threads whose last message came from the customer (the inbox
//   shows them with no "You:" in front).
// Money is integer cents. Who sees what: `dashboardAudience`.
import type { BookingStatus } from './lifecycle'
import { BOOKING_STATUSES } from './lifecycle'
import { paymentStateOf, type PaymentState } from './paymentState'
import { paymentSummary } from './payments/summary'
import { addDaysToDate, instantToLocal, localToInstant, todayInZone } from './time'

/** Days of quotes and storefront bookings the conversion figure covers, today included. */
export const CONVERSION_DAYS = 30
/** Days the week ahead covers, today included. */
export const WEEK_DAYS = 7

/** Statuses of a booking that happens (or happened): the week ahead lists these. */
const HAPPENING: readonly BookingStatus[] = ['pending', 'confirmed', 'completed']

export type DashboardAudience = 'figures' | 'content' | 'chef' | 'none'

/**
 * What the dashboard shows a signed-in staff member: managers and admins see the figures (money
 * included); an editor sees links to the site's content and never bookings, customers or money; a
 * chef sees the way to their own schedule; anyone else (a customer, nobody) sees nothing.
 */
export function dashboardAudience(user: { collection?: string; role?: string | null } | null | undefined): DashboardAudience {
  if (!user || user.collection !== 'users') return 'none'
  if (user.role === 'admin' || user.role === 'manager') return 'figures'
  if (user.role === 'editor') return 'content'
  if (user.role === 'chef') return 'chef'
  return 'none'
}

export interface DashboardWindow {
  timeZone: string
  /** Today, in the business time zone (YYYY-MM-DD). */
  today: string
  /** The last day of the week ahead (today + 6). */
  weekLast: string
  /** First day of this month, of last month, of next month (YYYY-MM-DD, business dates). */
  monthFirst: string
  lastMonthFirst: string
  nextMonthFirst: string
  /** The same three as instants: this month is [monthStart, nextMonthStart). */
  monthStart: Date
  lastMonthStart: Date
  nextMonthStart: Date
  /** The conversion's days: [conversionFirst, today], and the instant its first day starts. */
  conversionFirst: string
  conversionStart: Date
}

function monthFirstOf(date: string, deltaMonths: number): string {
  const y = Number(date.slice(0, 4))
  const m = Number(date.slice(5, 7)) - 1 + deltaMonths
  const year = y + Math.floor(m / 12)
  const month = ((m % 12) + 12) % 12
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-01`
}

/** The days and instants the figures cover at `now`, in the business's time zone. */
export function dashboardWindow(now: Date, timeZone: string): DashboardWindow {
  const today = todayInZone(now, timeZone)
  const monthFirst = monthFirstOf(today, 0)
  const lastMonthFirst = monthFirstOf(today, -1)
  const nextMonthFirst = monthFirstOf(today, 1)
  const conversionFirst = addDaysToDate(today, -(CONVERSION_DAYS - 1))
  return {
    timeZone,
    today,
    weekLast: addDaysToDate(today, WEEK_DAYS - 1),
    monthFirst,
    lastMonthFirst,
    nextMonthFirst,
    monthStart: localToInstant(monthFirst, '00:00', timeZone),
    lastMonthStart: localToInstant(lastMonthFirst, '00:00', timeZone),
    nextMonthStart: localToInstant(nextMonthFirst, '00:00', timeZone),
    conversionFirst,
    conversionStart: localToInstant(conversionFirst, '00:00', timeZone),
  }
}

/**
 * The days the quotes-to-bookings figure covers: the last CONVERSION_DAYS business days, but not
 * before `countingSince` (the first day any quote was counted; none yet: today), and the instant
 * its first day begins (storefront bookings are counted from then).
 */
export function conversionPeriod(window: DashboardWindow, countingSince: string | null): { first: string; start: Date } {
  const since = countingSince ?? window.today
  const first = since > window.conversionFirst ? (since > window.today ? window.today : since) : window.conversionFirst
  return { first, start: localToInstant(first, '00:00', window.timeZone) }
}

/** A booking of the week ahead, as read from the database. */
export interface UpcomingBookingRow {
  id: number
  status: BookingStatus
  eventDate: string
  startTime: string
  adults: number
  children: number
  city: string | null
  zip: string | null
  chefs: string[]
  totalCents: number
  depositCents: number
  depositPaidCents: number
  balancePaidCents: number
  refundedCents: number
}

/** A booking that may owe money (its stored payment state says deposit unpaid or balance due). */
export interface OwingBookingRow {
  id: number
  status: BookingStatus
  totalCents: number
  depositCents: number
  depositPaidCents: number
  balancePaidCents: number
  refundedCents: number
}

/** A payment record: kind, status, amount and when the money changed hands (ISO instant). */
export interface PaymentRow {
  kind: 'deposit' | 'balance' | 'refund'
  status: 'succeeded' | 'failed' | null
  amountCents: number
  occurredAt: string
}

export interface DashboardRows {
  upcoming: UpcomingBookingRow[]
  /** How many bookings there are of each status (absent: none). */
  statusCounts: Partial<Record<BookingStatus, number>>
  owing: OwingBookingRow[]
  /** Payment records from the start of last month on (others are ignored). */
  payments: PaymentRow[]
  /** Storefront quotes per business day (YYYY-MM-DD). */
  quotesByDay: { day: string; count: number }[]
  /** The first business day any quote was counted on (null: none yet). */
  quoteCountingSince: string | null
  /** Bookings made on the storefront since `conversionPeriod(window, quoteCountingSince).start`. */
  storefrontBookings: number
  unansweredThreads: number
}

export interface UpcomingEvent {
  id: number
  eventDate: string
  startTime: string
  status: BookingStatus
  adults: number
  children: number
  guests: number
  area: string
  chefs: string[]
  paymentState: PaymentState
}

export interface MonthRevenue {
  /** The month's first day (YYYY-MM-01). */
  month: string
  receivedCents: number
  refundedCents: number
  netCents: number
}

export interface DashboardFigures {
  timeZone: string
  today: string
  week: { first: string; last: string; events: UpcomingEvent[] }
  bookingsByStatus: Record<BookingStatus, number>
  depositsUnpaid: { count: number; cents: number }
  balancesDue: { count: number; cents: number }
  revenue: {
    thisMonth: MonthRevenue
    lastMonth: MonthRevenue
    /** Net this month against net last month, in whole percent (rounded); null when last month was 0. */
    changePercent: number | null
  }
  conversion: {
    first: string
    last: string
    quotes: number
    bookings: number
    /** Bookings per quote in percent, one decimal; null when no quote was asked. */
    ratePercent: number | null
  }
  unansweredThreads: number
}

const count = (n: unknown): number => (typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : 0)

function area(city: string | null, zip: string | null): string {
  const parts = [city?.trim(), zip?.trim()].filter((p): p is string => Boolean(p))
  return parts.length > 0 ? parts.join(' ') : '—'
}

function revenueOf(payments: PaymentRow[], month: string, from: Date, until: Date): MonthRevenue {
  let receivedCents = 0
  let refundedCents = 0
  for (const p of payments) {
    if (p.status !== 'succeeded') continue
    const at = Date.parse(p.occurredAt)
    if (!(at >= from.getTime() && at < until.getTime())) continue
    if (p.kind === 'refund') refundedCents += count(p.amountCents)
    else receivedCents += count(p.amountCents)
  }
  return { month, receivedCents, refundedCents, netCents: receivedCents - refundedCents }
}

/** Everything the dashboard shows, from the rows the query layer read for `window`. */
export function computeDashboard(rows: DashboardRows, window: DashboardWindow): DashboardFigures {
  const events: UpcomingEvent[] = rows.upcoming
    .filter((b) => HAPPENING.includes(b.status) && b.eventDate >= window.today && b.eventDate <= window.weekLast)
    .map((b) => ({
      id: b.id,
      eventDate: b.eventDate,
      startTime: b.startTime,
      status: b.status,
      adults: count(b.adults),
      children: count(b.children),
      guests: count(b.adults) + count(b.children),
      area: area(b.city, b.zip),
      chefs: [...b.chefs].sort((x, y) => x.localeCompare(y)),
      paymentState: paymentStateOf(b),
    }))
    .sort((x, y) => x.eventDate.localeCompare(y.eventDate) || x.startTime.localeCompare(y.startTime) || x.id - y.id)

  const bookingsByStatus = Object.fromEntries(BOOKING_STATUSES.map((s) => [s, count(rows.statusCounts[s])])) as Record<BookingStatus, number>

  const depositsUnpaid = { count: 0, cents: 0 }
  const balancesDue = { count: 0, cents: 0 }
  for (const b of rows.owing) {
    const state = paymentStateOf(b)
    if (state !== 'deposit_unpaid' && state !== 'balance_due') continue
    // Stored figures the summary refuses (more refunded than paid) are not owing money.
    const summary = paymentSummary({
      totalCents: count(b.totalCents),
      depositCents: count(b.depositCents),
      depositPaidCents: count(b.depositPaidCents),
      balancePaidCents: count(b.balancePaidCents),
      refundedCents: Math.min(count(b.refundedCents), count(b.depositPaidCents) + count(b.balancePaidCents)),
    })
    if (state === 'deposit_unpaid') {
      depositsUnpaid.count += 1
      depositsUnpaid.cents += summary.depositDueCents
    } else {
      balancesDue.count += 1
      balancesDue.cents += summary.dueCents
    }
  }

  const thisMonth = revenueOf(rows.payments, window.monthFirst, window.monthStart, window.nextMonthStart)
  const lastMonth = revenueOf(rows.payments, window.lastMonthFirst, window.lastMonthStart, window.monthStart)
  const changePercent = lastMonth.netCents > 0 ? Math.round(((thisMonth.netCents - lastMonth.netCents) / lastMonth.netCents) * 100) : null

  const period = conversionPeriod(window, rows.quoteCountingSince)
  const quotes = rows.quotesByDay.filter((q) => q.day >= period.first && q.day <= window.today).reduce((sum, q) => sum + count(q.count), 0)
  const bookings = count(rows.storefrontBookings)
  const ratePercent = quotes > 0 ? Math.round((bookings / quotes) * 1000) / 10 : null

  return {
    timeZone: window.timeZone,
    today: window.today,
    week: { first: window.today, last: window.weekLast, events },
    bookingsByStatus,
    depositsUnpaid,
    balancesDue,
    revenue: { thisMonth, lastMonth, changePercent },
    conversion: { first: period.first, last: window.today, quotes, bookings, ratePercent },
    unansweredThreads: count(rows.unansweredThreads),
  }
}

/** The business day a quote asked at `at` counts on. */
export function quoteDay(at: Date, timeZone: string): string {
  return instantToLocal(at, timeZone).date
}
