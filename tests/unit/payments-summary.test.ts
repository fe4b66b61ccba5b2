import { describe, expect, it } from 'vitest'
import { ValidationError, paymentSummary, type PaymentFigures } from '../../src/domain'
import { issuePaths } from './support'

const figures = (overrides: Partial<PaymentFigures> = {}): PaymentFigures => ({
  totalCents: 65000,
  depositCents: 10000,
  depositPaidCents: 0,
  balancePaidCents: 0,
  refundedCents: 0,
  ...overrides,
})

describe('payment summary', () => {
  it('owes the deposit and, after it, the rest while nothing is paid', () => {
    expect(paymentSummary(figures())).toEqual({
      paidCents: 0,
      refundedCents: 0,
      netPaidCents: 0,
      depositDueCents: 10000,
      balanceDueCents: 55000,
      dueCents: 65000,
      state: 'unpaid',
    })
  })

  it('owes only the balance once the deposit is paid', () => {
    expect(paymentSummary(figures({ depositPaidCents: 10000 }))).toEqual({
      paidCents: 10000,
      refundedCents: 0,
      netPaidCents: 10000,
      depositDueCents: 0,
      balanceDueCents: 55000,
      dueCents: 55000,
      state: 'deposit_paid',
    })
  })

  it('owes nothing once deposit and balance are paid', () => {
    expect(paymentSummary(figures({ depositPaidCents: 10000, balancePaidCents: 55000 }))).toMatchObject({
      paidCents: 65000,
      netPaidCents: 65000,
      depositDueCents: 0,
      balanceDueCents: 0,
      dueCents: 0,
      state: 'paid_in_full',
    })
  })

  it('owes no deposit when one payment covered the whole total', () => {
    expect(paymentSummary(figures({ balancePaidCents: 65000 }))).toMatchObject({ depositDueCents: 0, balanceDueCents: 0, dueCents: 0, state: 'paid_in_full' })
  })

  it('counts a payment booked as balance toward the deposit first', () => {
    const s = paymentSummary(figures({ balancePaidCents: 4000 }))
    expect(s).toMatchObject({ depositDueCents: 6000, balanceDueCents: 55000, dueCents: 61000, state: 'unpaid' })
  })

  it('stays unpaid while less than the deposit was paid', () => {
    expect(paymentSummary(figures({ depositPaidCents: 9999 }))).toMatchObject({ depositDueCents: 1, balanceDueCents: 55000, state: 'unpaid' })
  })

  it('treats a deposit larger than the total as the total', () => {
    const s = paymentSummary(figures({ totalCents: 8000, depositCents: 10000 }))
    expect(s).toMatchObject({ depositDueCents: 8000, balanceDueCents: 0, dueCents: 8000, state: 'unpaid' })
    expect(paymentSummary(figures({ totalCents: 8000, depositCents: 10000, depositPaidCents: 8000 })).state).toBe('paid_in_full')
  })

  it('never owes a negative amount after an overpayment', () => {
    const s = paymentSummary(figures({ depositPaidCents: 10000, balancePaidCents: 60000 }))
    expect(s).toMatchObject({ paidCents: 70000, depositDueCents: 0, balanceDueCents: 0, dueCents: 0, state: 'paid_in_full' })
  })

  it('calls a booking with no deposit and nothing paid unpaid, owing everything as balance', () => {
    expect(paymentSummary(figures({ depositCents: 0 }))).toMatchObject({ depositDueCents: 0, balanceDueCents: 65000, dueCents: 65000, state: 'unpaid' })
  })

  it('calls a free booking with nothing paid unpaid and owing nothing', () => {
    expect(paymentSummary(figures({ totalCents: 0, depositCents: 0 }))).toMatchObject({ dueCents: 0, depositDueCents: 0, balanceDueCents: 0, state: 'unpaid' })
  })

  it('reports a partial refund and what the business keeps', () => {
    const s = paymentSummary(figures({ depositPaidCents: 10000, refundedCents: 2500 }))
    expect(s).toMatchObject({ paidCents: 10000, refundedCents: 2500, netPaidCents: 7500, state: 'partly_refunded' })
  })

  it('reports a full refund', () => {
    const s = paymentSummary(figures({ depositPaidCents: 10000, balancePaidCents: 55000, refundedCents: 65000 }))
    expect(s).toMatchObject({ netPaidCents: 0, state: 'refunded' })
  })

  it('does not make anything due again after a refund', () => {
    const s = paymentSummary(figures({ depositPaidCents: 10000, refundedCents: 10000 }))
    expect(s).toMatchObject({ depositDueCents: 0, balanceDueCents: 55000, dueCents: 55000 })
  })

  it('always splits what is due into deposit due plus balance due', () => {
    for (const [depositPaidCents, balancePaidCents] of [
      [0, 0],
      [5000, 0],
      [10000, 0],
      [0, 12000],
      [10000, 30000],
      [10000, 55000],
    ] as const) {
      const s = paymentSummary(figures({ depositPaidCents, balancePaidCents }))
      expect(s.depositDueCents + s.balanceDueCents).toBe(s.dueCents)
    }
  })

  it.each(['totalCents', 'depositCents', 'depositPaidCents', 'balancePaidCents', 'refundedCents'] as const)('names %s when it is negative, fractional or unsafe', (field) => {
    expect(issuePaths(() => paymentSummary(figures({ [field]: -1 })))).toEqual([field])
    expect(issuePaths(() => paymentSummary(figures({ [field]: 10.5 })))).toEqual([field])
    expect(issuePaths(() => paymentSummary(figures({ [field]: Number.MAX_SAFE_INTEGER + 1 })))).toEqual([field])
    expect(issuePaths(() => paymentSummary(figures({ [field]: Number.NaN })))).toEqual([field])
  })

  it('refuses a refund larger than what was paid', () => {
    expect(() => paymentSummary(figures({ depositPaidCents: 100, refundedCents: 101 }))).toThrow(ValidationError)
    expect(issuePaths(() => paymentSummary(figures({ depositPaidCents: 100, refundedCents: 101 })))).toEqual(['refundedCents'])
    expect(paymentSummary(figures({ depositPaidCents: 100, refundedCents: 100 })).state).toBe('refunded')
  })
})
