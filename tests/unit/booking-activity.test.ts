// A booking's history in sentences (src/domain/bookingActivity.ts): versions compared one with the
// next, payments and messages, newest first, times in the business's time zone.
import { describe, expect, it } from 'vitest'

import { activityTime, bookingActivity, describeChanges, moneyText, type BookingSnapshot } from '../../src/domain/bookingActivity'

const NY = 'America/New_York'

const snap = (o: Partial<BookingSnapshot> = {}): BookingSnapshot => ({
  status: 'pending',
  eventDate: '2026-12-20',
  startTime: '18:00',
  durationMinutes: 120,
  adults: 10,
  children: 0,
  contactName: 'Pat Guest',
  contactEmail: 'pat@example.com',
  contactPhone: '(212) 555-0100',
  street: '1 Main St',
  city: 'Brooklyn',
  state: 'NY',
  zip: '11201',
  specialRequests: '',
  dietaryNotes: '',
  chefs: [],
  menu: [],
  totalCents: 65_000,
  currency: 'usd',
  paymentState: 'deposit_unpaid',
  cancellationReason: '',
  ...o,
})

describe('what a version changed', () => {
  it('says the party went from 10 to 12 adults', () => {
    expect(describeChanges(snap(), snap({ adults: 12 }))).toEqual(['changed the party from 10 to 12 adults'])
  })

  it('names the status, the new time, children, chefs, menu and the new total', () => {
    const changes = describeChanges(
      snap({ chefs: ['Ken'] }),
      snap({ status: 'confirmed', startTime: '19:00', children: 2, chefs: ['Aiko'], menu: ['Lobster ×2'], totalCents: 70_000 }),
    )
    expect(changes).toEqual([
      'changed the status from pending to confirmed',
      'moved the event from 2026-12-20 18:00 to 2026-12-20 19:00',
      'changed the party from 10 adults to 10 adults and 2 children',
      'changed the menu from none to Lobster ×2',
      'assigned Aiko',
      'unassigned Ken',
      'changed the total from $650.00 to $700.00',
    ])
  })

  it('says nothing when only what staff do not see changed', () => {
    expect(describeChanges(snap(), snap({ paymentState: 'balance_due' }))).toEqual([])
  })
})

describe('the history', () => {
  it('reads newest first: who made it, who changed what, payments and emails', () => {
    const ana = { name: 'Ana', role: 'manager' }
    const lines = bookingActivity(
      {
        versions: [
          { at: '2026-11-12T19:03:00.000Z', by: ana, snapshot: snap({ adults: 12 }) },
          { at: '2026-11-10T15:00:00.000Z', by: null, snapshot: snap() },
          // A save that changed nothing staff see (the payment system) is left out.
          { at: '2026-11-11T15:00:00.000Z', by: null, snapshot: snap({ paymentState: 'balance_due' }) },
        ],
        payments: [{ at: '2026-11-11T15:00:00.000Z', kind: 'deposit', method: 'card', status: 'succeeded', amountCents: 10_000, currency: 'usd', by: null }],
        messages: [{ at: '2026-11-11T15:01:00.000Z', channel: 'email', direction: 'outbound', status: 'sent', event: 'confirmed', subject: 'Your booking', by: null }],
      },
      NY,
      new Date('2026-11-20T00:00:00Z'),
    )
    expect(lines.map((l) => `${l.when} — ${l.text}`)).toEqual([
      '12 Nov 14:03 — Ana (manager) changed the party from 10 to 12 adults',
      '11 Nov 10:01 — Email sent: Booking confirmed',
      '11 Nov 10:00 — Deposit $100.00 paid by card',
      '10 Nov 10:00 — The customer or the system made the booking for 2026-12-20 18:00, 10 adults (pending, deposit unpaid)',
    ])
  })

  it('words refunds, failed charges, cash recorded by staff, notes and customer messages', () => {
    const bo = { name: 'Bo', role: 'admin' }
    const lines = bookingActivity(
      {
        versions: [],
        payments: [
          { at: '2026-11-01T12:00:00Z', kind: 'balance', method: 'cash', status: 'succeeded', amountCents: 5_000, currency: 'usd', by: bo },
          { at: '2026-11-02T12:00:00Z', kind: 'balance', method: 'card', status: 'failed', amountCents: 55_000, currency: 'usd', by: null },
          { at: '2026-11-03T12:00:00Z', kind: 'refund', method: 'card', status: 'succeeded', amountCents: 2_500, currency: 'usd', by: bo },
        ],
        messages: [
          { at: '2026-11-04T12:00:00Z', channel: 'note', direction: 'outbound', status: 'sent', event: null, subject: null, by: bo },
          { at: '2026-11-05T12:00:00Z', channel: 'sms', direction: 'inbound', status: 'received', event: null, subject: null, by: null },
        ],
      },
      NY,
    )
    expect(lines.map((l) => l.text)).toEqual([
      'Text message received from the customer',
      'Staff note by Bo (admin)',
      'Refund of $25.00 to the card, recorded by Bo (admin)',
      'Balance payment of $550.00 failed (card)',
      'Balance $50.00 paid in cash, recorded by Bo (admin)',
    ])
  })
})

describe('times and money', () => {
  it('words times in the business time zone, with the year when it is not this one', () => {
    expect(activityTime('2026-03-08T07:30:00Z', NY, 2026)).toBe('8 Mar 03:30')
    expect(activityTime('2025-12-31T23:00:00Z', NY, 2026)).toBe('31 Dec 2025 18:00')
  })

  it('formats whole cents in the currency', () => {
    expect(moneyText(123_450)).toBe('$1,234.50')
    expect(moneyText(-500, 'usd')).toBe('-$5.00')
  })
})
