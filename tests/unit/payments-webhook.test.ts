import { describe, expect, it } from 'vitest'
import { sessionOutcome, type WebhookBooking, type WebhookSession } from '../../src/domain'

const session = (overrides: Partial<WebhookSession> = {}): WebhookSession => ({
  status: 'complete',
  paymentStatus: 'paid',
  kind: 'deposit',
  amountTotalCents: 10000,
  ...overrides,
})

const booking = (overrides: Partial<WebhookBooking> = {}): WebhookBooking => ({
  status: 'pending',
  depositSessionId: 'cs_current',
  sessionId: 'cs_current',
  ...overrides,
})

describe('a paid deposit session', () => {
  it('confirms a pending booking', () => {
    expect(sessionOutcome(session(), booking())).toBe('confirm_deposit')
  })

  it('confirms a pending booking even from an older session of it: the money is real', () => {
    expect(sessionOutcome(session(), booking({ sessionId: 'cs_older' }))).toBe('confirm_deposit')
  })

  it.each(['confirmed', 'completed', 'no_show'])('is ignored on a %s booking: already recorded', (status) => {
    expect(sessionOutcome(session(), booking({ status }))).toBe('ignore')
  })

  it.each(['expired', 'cancelled'])('is recorded as a late payment on an %s booking', (status) => {
    expect(sessionOutcome(session(), booking({ status }))).toBe('record_late_payment')
  })

  it('is ignored when it carries no amount', () => {
    expect(sessionOutcome(session({ amountTotalCents: 0 }), booking())).toBe('ignore')
  })
})

describe('a paid balance session', () => {
  it.each(['confirmed', 'completed', 'pending', 'cancelled'])('is recorded on a %s booking', (status) => {
    expect(sessionOutcome(session({ kind: 'balance', amountTotalCents: 55000 }), booking({ status, depositSessionId: null, sessionId: 'cs_balance' }))).toBe('record_balance')
  })
})

describe('a session that was not paid', () => {
  it('completed but unpaid (a delayed payment method) is ignored', () => {
    expect(sessionOutcome(session({ paymentStatus: 'unpaid' }), booking())).toBe('ignore')
    expect(sessionOutcome(session({ paymentStatus: 'unpaid', kind: 'balance' }), booking())).toBe('ignore')
  })

  it('needing no payment is ignored', () => {
    expect(sessionOutcome(session({ paymentStatus: 'no_payment_required' }), booking())).toBe('ignore')
  })

  it('still open is ignored', () => {
    expect(sessionOutcome(session({ status: 'open', paymentStatus: 'unpaid' }), booking())).toBe('ignore')
  })

  it('without our kind is ignored, even when paid', () => {
    expect(sessionOutcome(session({ kind: null }), booking())).toBe('ignore')
  })
})

describe('an expired session', () => {
  const expired = session({ status: 'expired', paymentStatus: 'unpaid' })

  it("ends the hold when it is the pending booking's current deposit session", () => {
    expect(sessionOutcome(expired, booking())).toBe('expire_hold')
  })

  it('changes nothing when a newer session replaced it', () => {
    expect(sessionOutcome(expired, booking({ sessionId: 'cs_older' }))).toBe('ignore')
  })

  it('changes nothing when the booking has no deposit session', () => {
    expect(sessionOutcome(expired, booking({ depositSessionId: null }))).toBe('ignore')
  })

  it.each(['confirmed', 'cancelled', 'expired', 'completed'])('changes nothing on a %s booking', (status) => {
    expect(sessionOutcome(expired, booking({ status }))).toBe('ignore')
  })
})
