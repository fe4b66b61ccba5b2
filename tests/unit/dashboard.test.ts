// The back-office dashboard's figures (src/domain/dashboard.ts) over plain rows: the week ahead in
// the business's time zone, bookings by status, money owed, revenue by business month with
// refunds taken off, quotes to bookings, unanswered threads, and who sees what.
import { describe, expect, it } from 'vitest'

import { computeDashboard, conversionPeriod, dashboardAudience, dashboardWindow, quoteDay, type DashboardRows, type OwingBookingRow, type UpcomingBookingRow } from '../../src/domain/dashboard'

const NY = 'America/New_York'
// 14 Dec 2026, 09:00 in New York.
const NOW = new Date('2026-12-14T14:00:00Z')

const upcoming = (o: Partial<UpcomingBookingRow> = {}): UpcomingBookingRow => ({
  id: 1,
  status: 'confirmed',
  eventDate: '2026-12-15',
  startTime: '18:00',
  adults: 10,
  children: 0,
  city: 'Brooklyn',
  zip: '11201',
  chefs: [],
  totalCents: 65_000,
  depositCents: 10_000,
  depositPaidCents: 10_000,
  balancePaidCents: 0,
  refundedCents: 0,
  ...o,
})

const owing = (o: Partial<OwingBookingRow> = {}): OwingBookingRow => ({ id: 1, status: 'pending', totalCents: 65_000, depositCents: 10_000, depositPaidCents: 0, balancePaidCents: 0, refundedCents: 0, ...o })

const rows = (o: Partial<DashboardRows> = {}): DashboardRows => ({
  upcoming: [],
  statusCounts: {},
  owing: [],
  payments: [],
  quotesByDay: [],
  quoteCountingSince: '2026-01-01',
  storefrontBookings: 0,
  unansweredThreads: 0,
  ...o,
})

describe('the dashboard window', () => {
  it('takes today, the week and the months from the business time zone, not UTC', () => {
    // 1 Dec 2026 02:00 UTC is still 30 Nov in New York.
    const w = dashboardWindow(new Date('2026-12-01T02:00:00Z'), NY)
    expect(w.today).toBe('2026-11-30')
    expect(w.weekLast).toBe('2026-12-06')
    expect(w.monthFirst).toBe('2026-11-01')
    expect(w.lastMonthFirst).toBe('2026-10-01')
    expect(w.nextMonthFirst).toBe('2026-12-01')
    // November starts at midnight New York daylight time, ends at midnight standard time.
    expect(w.monthStart.toISOString()).toBe('2026-11-01T04:00:00.000Z')
    expect(w.lastMonthStart.toISOString()).toBe('2026-10-01T04:00:00.000Z')
    expect(w.nextMonthStart.toISOString()).toBe('2026-12-01T05:00:00.000Z')
  })

  it('rolls the months over the new year', () => {
    const w = dashboardWindow(new Date('2027-01-10T15:00:00Z'), NY)
    expect([w.lastMonthFirst, w.monthFirst, w.nextMonthFirst]).toEqual(['2026-12-01', '2027-01-01', '2027-02-01'])
    expect(w.conversionFirst).toBe('2026-12-12')
  })

  it('counts a quote on the business day it was asked', () => {
    expect(quoteDay(new Date('2026-12-15T03:30:00Z'), NY)).toBe('2026-12-14')
  })
})

describe('the week ahead', () => {
  const w = dashboardWindow(NOW, NY)

  it('lists events from today to six days on, by date and time, with party, area, chefs and payment state', () => {
    const figures = computeDashboard(
      rows({
        upcoming: [
          upcoming({ id: 3, eventDate: '2026-12-20', startTime: '12:00', chefs: ['Ken', 'Aiko'], depositPaidCents: 0 }),
          upcoming({ id: 2, eventDate: '2026-12-14', startTime: '19:00', adults: 8, children: 3, city: null, zip: '10001' }),
          upcoming({ id: 4, eventDate: '2026-12-21', startTime: '12:00' }),
          upcoming({ id: 5, eventDate: '2026-12-13', startTime: '12:00' }),
          upcoming({ id: 6, eventDate: '2026-12-16', status: 'cancelled' }),
          upcoming({ id: 7, eventDate: '2026-12-14', startTime: '12:00', depositPaidCents: 10_000, balancePaidCents: 55_000 }),
        ],
      }),
      w,
    )
    expect(figures.week.first).toBe('2026-12-14')
    expect(figures.week.last).toBe('2026-12-20')
    expect(figures.week.events.map((e) => e.id)).toEqual([7, 2, 3])
    expect(figures.week.events[1]).toMatchObject({ adults: 8, children: 3, guests: 11, area: '10001', paymentState: 'balance_due' })
    expect(figures.week.events[2]).toMatchObject({ chefs: ['Aiko', 'Ken'], area: 'Brooklyn 11201', paymentState: 'deposit_unpaid' })
    expect(figures.week.events[0]?.paymentState).toBe('paid')
  })
})

describe('bookings and money owed', () => {
  const w = dashboardWindow(NOW, NY)

  it('counts bookings of every status, zero for the ones there are none of', () => {
    const figures = computeDashboard(rows({ statusCounts: { pending: 2, confirmed: 5 } }), w)
    expect(figures.bookingsByStatus).toEqual({ pending: 2, confirmed: 5, completed: 0, cancelled: 0, no_show: 0, expired: 0 })
  })

  it('sums what is missing from unpaid deposits and what is left of the total once the deposit is paid', () => {
    const figures = computeDashboard(
      rows({
        owing: [
          owing({ id: 1 }),
          owing({ id: 2, depositPaidCents: 4_000 }),
          owing({ id: 3, status: 'confirmed', depositPaidCents: 10_000 }),
          owing({ id: 4, status: 'completed', depositPaidCents: 10_000, balancePaidCents: 5_000 }),
          // Over, or paid in full: owes nothing whatever the stored state said.
          owing({ id: 5, status: 'cancelled' }),
          owing({ id: 6, status: 'confirmed', depositPaidCents: 10_000, balancePaidCents: 55_000 }),
        ],
      }),
      w,
    )
    expect(figures.depositsUnpaid).toEqual({ count: 2, cents: 10_000 + 6_000 })
    expect(figures.balancesDue).toEqual({ count: 2, cents: 55_000 + 50_000 })
  })
})

describe('revenue by business month', () => {
  const w = dashboardWindow(NOW, NY)

  it('takes refunds off what was received, counts only succeeded records, by month in the business time zone', () => {
    const figures = computeDashboard(
      rows({
        payments: [
          { kind: 'deposit', status: 'succeeded', amountCents: 10_000, occurredAt: '2026-12-01T05:00:00.000Z' }, // 1 Dec 00:00 NY
          { kind: 'balance', status: 'succeeded', amountCents: 55_000, occurredAt: '2026-12-10T20:00:00.000Z' },
          { kind: 'refund', status: 'succeeded', amountCents: 2_500, occurredAt: '2026-12-11T20:00:00.000Z' },
          { kind: 'balance', status: 'failed', amountCents: 99_999, occurredAt: '2026-12-12T20:00:00.000Z' },
          { kind: 'deposit', status: 'succeeded', amountCents: 20_000, occurredAt: '2026-12-01T04:59:59.000Z' }, // 30 Nov 23:59 NY
          { kind: 'deposit', status: 'succeeded', amountCents: 30_000, occurredAt: '2026-11-02T12:00:00.000Z' },
          { kind: 'refund', status: 'succeeded', amountCents: 10_000, occurredAt: '2026-11-20T12:00:00.000Z' },
          { kind: 'deposit', status: 'succeeded', amountCents: 70_000, occurredAt: '2026-10-31T12:00:00.000Z' },
        ],
      }),
      w,
    )
    expect(figures.revenue.thisMonth).toEqual({ month: '2026-12-01', receivedCents: 65_000, refundedCents: 2_500, netCents: 62_500 })
    expect(figures.revenue.lastMonth).toEqual({ month: '2026-11-01', receivedCents: 50_000, refundedCents: 10_000, netCents: 40_000 })
    expect(figures.revenue.changePercent).toBe(56)
  })

  it('gives no change in percent when last month took nothing', () => {
    expect(computeDashboard(rows(), w).revenue.changePercent).toBeNull()
  })
})

describe('quotes to bookings and the inbox', () => {
  const w = dashboardWindow(NOW, NY)

  it('counts quotes of the last 30 business days against storefront bookings, as a percentage', () => {
    const figures = computeDashboard(
      rows({
        quotesByDay: [
          { day: '2026-11-14', count: 100 }, // 31 days ago: outside
          { day: '2026-11-15', count: 10 },
          { day: '2026-12-14', count: 20 },
        ],
        storefrontBookings: 4,
        unansweredThreads: 3,
      }),
      w,
    )
    expect(figures.conversion).toEqual({ first: '2026-11-15', last: '2026-12-14', quotes: 30, bookings: 4, ratePercent: 13.3 })
    expect(figures.unansweredThreads).toBe(3)
  })

  it('starts no earlier than the first day quotes were counted, and with none counted yet, today', () => {
    const since = computeDashboard(rows({ quoteCountingSince: '2026-12-11', quotesByDay: [{ day: '2026-12-11', count: 8 }], storefrontBookings: 2 }), w)
    expect(since.conversion).toEqual({ first: '2026-12-11', last: '2026-12-14', quotes: 8, bookings: 2, ratePercent: 25 })
    expect(conversionPeriod(w, null)).toEqual({ first: '2026-12-14', start: new Date('2026-12-14T05:00:00.000Z') })
    expect(conversionPeriod(w, '2020-01-01').first).toBe('2026-11-15')
  })

  it('has no rate when nobody asked for a quote', () => {
    expect(computeDashboard(rows({ storefrontBookings: 2 }), w).conversion.ratePercent).toBeNull()
  })
})

describe('who sees what', () => {
  it('shows the figures to managers and admins, content to editors, the schedule link to chefs, nothing to others', () => {
    expect(dashboardAudience({ collection: 'users', role: 'admin' })).toBe('figures')
    expect(dashboardAudience({ collection: 'users', role: 'manager' })).toBe('figures')
    expect(dashboardAudience({ collection: 'users', role: 'editor' })).toBe('content')
    expect(dashboardAudience({ collection: 'users', role: 'chef' })).toBe('chef')
    expect(dashboardAudience({ collection: 'customers', role: 'admin' })).toBe('none')
    expect(dashboardAudience({ collection: 'users', role: null })).toBe('none')
    expect(dashboardAudience(null)).toBe('none')
  })
})
