import { describe, expect, it } from 'vitest'
import { ConflictError, ValidationError } from '../../src/domain/errors'
import {
  ACTIVE_STATUSES,
  BOOKING_STATUSES,
  assertCanCancel,
  assertCanReschedule,
  assertTransition,
  canCancel,
  canReschedule,
  canTransition,
  isBookingStatus,
  refundForCancellation,
  type BookingStatus,
} from '../../src/domain/lifecycle'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { settingsWith } from './support'

const ALLOWED_MOVES = new Set([
  'pending->confirmed',
  'pending->cancelled',
  'pending->expired',
  'confirmed->completed',
  'confirmed->cancelled',
  'confirmed->no_show',
])

const ALL_PAIRS: [BookingStatus, BookingStatus, boolean][] = BOOKING_STATUSES.flatMap((from) =>
  BOOKING_STATUSES.map((to): [BookingStatus, BookingStatus, boolean] => [from, to, from === to || ALLOWED_MOVES.has(`${from}->${to}`)]),
)

describe('booking statuses', () => {
  it('has six statuses, of which pending and confirmed are active', () => {
    expect(BOOKING_STATUSES).toEqual(['pending', 'confirmed', 'completed', 'cancelled', 'no_show', 'expired'])
    expect(ACTIVE_STATUSES).toEqual(['pending', 'confirmed'])
    expect(isBookingStatus('no_show')).toBe(true)
    expect(isBookingStatus('expired')).toBe(true)
    expect(isBookingStatus('archived')).toBe(false)
  })

  it('covers all 36 status pairs', () => {
    expect(ALL_PAIRS).toHaveLength(36)
    // 6 no-op moves (a status to itself) and the 6 real ones.
    expect(ALL_PAIRS.filter(([, , ok]) => ok)).toHaveLength(12)
  })

  it.each(ALL_PAIRS)('moving a %s booking to %s is allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed)
    if (allowed) {
      expect(() => assertTransition(from, to)).not.toThrow()
    } else {
      expect(() => assertTransition(from, to)).toThrow(ConflictError)
    }
  })

  it('explains a refused move by naming both states', () => {
    let caught: unknown = null
    try {
      assertTransition('completed', 'pending')
    } catch (err) {
      caught = err
    }
    expect(caught).toBeInstanceOf(ConflictError)
    expect(caught instanceof ConflictError && caught.reason).toBe('invalid_transition')
    expect(caught instanceof ConflictError && caught.message).toBe('A booking that is completed cannot become pending')
  })

  it('lets only a pending booking expire, and an expired one never moves again', () => {
    expect(canTransition('pending', 'expired')).toBe(true)
    expect(canTransition('confirmed', 'expired')).toBe(false)
    for (const to of BOOKING_STATUSES.filter((s) => s !== 'expired')) {
      expect(canTransition('expired', to)).toBe(false)
    }
    expect(() => assertTransition('expired', 'confirmed')).toThrow('A booking that is expired cannot become confirmed')
    expect(() => assertTransition('confirmed', 'expired')).toThrow('A booking that is confirmed cannot become expired')
  })

  it('describes no-shows in plain words', () => {
    expect(() => assertTransition('no_show', 'confirmed')).toThrow('A booking that is a no-show cannot become confirmed')
    expect(() => assertTransition('pending', 'no_show')).toThrow('A booking that is pending cannot become a no-show')
  })
})

describe('customer changes', () => {
  it.each(BOOKING_STATUSES)('lets a customer reschedule or cancel a %s booking only while it is active', (status) => {
    const active = status === 'pending' || status === 'confirmed'
    expect(canReschedule(status)).toBe(active)
    expect(canCancel(status)).toBe(active)
  })

  it('refuses to reschedule a completed booking', () => {
    expect(() => assertCanReschedule('completed')).toThrow(ConflictError)
    expect(() => assertCanReschedule('completed')).toThrow('A booking that is completed cannot be rescheduled')
    expect(() => assertCanReschedule('confirmed')).not.toThrow()
  })

  it('refuses to cancel or reschedule an expired booking', () => {
    expect(() => assertCanCancel('expired')).toThrow('A booking that is expired cannot be cancelled')
    expect(() => assertCanReschedule('expired')).toThrow('A booking that is expired cannot be rescheduled')
  })

  it('refuses to cancel an already cancelled booking', () => {
    let reason: string | undefined
    try {
      assertCanCancel('cancelled')
    } catch (err) {
      reason = err instanceof ConflictError ? err.reason : 'wrong error'
    }
    expect(reason).toBe('invalid_transition')
    expect(() => assertCanCancel('pending')).not.toThrow()
  })
})

describe('refunds on cancellation', () => {
  const NOW = new Date('2026-06-01T15:00:00Z')
  const DAY = 86_400_000
  const refund = (msBefore: number, paidCents = 10000, settings = DEFAULT_SETTINGS) =>
    refundForCancellation(settings, { eventStartsAt: new Date(NOW.getTime() + msBefore), paidCents, now: NOW })

  it('refunds everything exactly seven days before', () => {
    expect(refund(7 * DAY)).toEqual({ refundPercent: 100, refundCents: 10000, daysBefore: 7 })
  })

  it('refunds everything well ahead of the event', () => {
    expect(refund(60 * DAY)).toMatchObject({ refundPercent: 100, refundCents: 10000 })
  })

  it('refunds half when one millisecond short of seven days', () => {
    expect(refund(7 * DAY - 1)).toEqual({ refundPercent: 50, refundCents: 5000, daysBefore: 6 })
  })

  it('refunds half exactly three days before', () => {
    expect(refund(3 * DAY)).toEqual({ refundPercent: 50, refundCents: 5000, daysBefore: 3 })
  })

  it('refunds nothing when less than three days remain', () => {
    expect(refund(3 * DAY - 1)).toEqual({ refundPercent: 0, refundCents: 0, daysBefore: 2 })
    expect(refund(60_000)).toEqual({ refundPercent: 0, refundCents: 0, daysBefore: 0 })
  })

  it('refunds nothing once the event has started', () => {
    expect(refund(-60_000)).toEqual({ refundPercent: 0, refundCents: 0, daysBefore: -1 })
  })

  it('rounds a half-cent refund up', () => {
    expect(refund(4 * DAY, 10001).refundCents).toBe(5001)
  })

  it('works with tiers listed in any order', () => {
    const settings = settingsWith({
      cancellationTiers: [
        { minDaysBefore: 0, refundPercent: 10 },
        { minDaysBefore: 14, refundPercent: 100 },
        { minDaysBefore: 5, refundPercent: 75 },
      ],
    })
    expect(refund(14 * DAY, 10000, settings).refundPercent).toBe(100)
    expect(refund(10 * DAY, 10000, settings).refundPercent).toBe(75)
    expect(refund(1 * DAY, 10000, settings).refundPercent).toBe(10)
  })

  it('refunds nothing when no tier applies', () => {
    const settings = settingsWith({ cancellationTiers: [{ minDaysBefore: 3, refundPercent: 100 }] })
    expect(refund(2 * DAY, 10000, settings)).toEqual({ refundPercent: 0, refundCents: 0, daysBefore: 2 })
  })

  it('rejects a negative or fractional paid amount', () => {
    expect(() => refund(10 * DAY, -1)).toThrow(ValidationError)
    expect(() => refund(10 * DAY, 10.5)).toThrow(ValidationError)
  })
})
