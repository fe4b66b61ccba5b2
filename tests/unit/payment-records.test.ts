import { describe, expect, it } from 'vitest'

import { assertOfflinePayment, depositCovered, paymentStateOf, receivePayment, ValidationError, type PaymentStateInput } from '../../src/domain'

const money = { totalCents: 100_000, depositCents: 20_000, depositPaidCents: 0, balancePaidCents: 0, refundedCents: 0 }

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (err) {
    if (err instanceof ValidationError) return err.issues[0]?.path
    throw err
  }
  return undefined
}

describe('offline payments staff record', () => {
  it('takes cash, check or transfer for a deposit or a balance, up to what is due', () => {
    expect(assertOfflinePayment({ kind: 'deposit', method: 'cash', amountCents: 20_000 }, money)).toEqual({ kind: 'deposit', amountCents: 20_000 })
    expect(assertOfflinePayment({ kind: 'balance', method: 'transfer', amountCents: 100_000 }, money)).toEqual({ kind: 'balance', amountCents: 100_000 })
    expect(fieldOf(() => assertOfflinePayment({ kind: 'balance', method: 'check', amountCents: 100_001 }, money))).toBe('amountCents')
    const partPaid = { ...money, depositPaidCents: 20_000, balancePaidCents: 30_000 }
    expect(fieldOf(() => assertOfflinePayment({ kind: 'balance', method: 'check', amountCents: 50_001 }, partPaid))).toBe('amountCents')
    expect(assertOfflinePayment({ kind: 'balance', method: 'check', amountCents: 50_000 }, partPaid).amountCents).toBe(50_000)
  })

  it('refuses card payments, unknown kinds and amounts that are not positive whole cents, naming the field', () => {
    expect(fieldOf(() => assertOfflinePayment({ kind: 'deposit', method: 'card', amountCents: 100 }, money))).toBe('method')
    expect(fieldOf(() => assertOfflinePayment({ kind: 'tip', method: 'cash', amountCents: 100 }, money))).toBe('kind')
    for (const amountCents of [0, -1, 12.5, '100', null, Number.NaN, 2 ** 60]) {
      expect(fieldOf(() => assertOfflinePayment({ kind: 'deposit', method: 'cash', amountCents }, money)), String(amountCents)).toBe('amountCents')
    }
  })

  it('records money given back by hand only with a reason and up to what was paid and not yet refunded', () => {
    const paid = { ...money, depositPaidCents: 20_000, refundedCents: 5_000 }
    expect(assertOfflinePayment({ kind: 'refund', method: 'cash', amountCents: 15_000, note: 'Returned at the door' }, paid)).toEqual({ kind: 'refund', amountCents: 15_000 })
    expect(fieldOf(() => assertOfflinePayment({ kind: 'refund', method: 'cash', amountCents: 15_001, note: 'Returned at the door' }, paid))).toBe('amountCents')
    expect(fieldOf(() => assertOfflinePayment({ kind: 'refund', method: 'cash', amountCents: 100 }, paid))).toBe('note')
    expect(fieldOf(() => assertOfflinePayment({ kind: 'refund', method: 'cash', amountCents: 100, note: '  ' }, paid))).toBe('note')
  })
})

describe('money received', () => {
  it('fills the deposit first, then the balance, whatever the payment was called', () => {
    expect(receivePayment(money, 5_000)).toEqual({ depositPaidCents: 5_000, balancePaidCents: 0 })
    expect(receivePayment(money, 25_000)).toEqual({ depositPaidCents: 20_000, balancePaidCents: 5_000 })
    expect(receivePayment({ ...money, depositPaidCents: 20_000 }, 80_000)).toEqual({ depositPaidCents: 20_000, balancePaidCents: 80_000 })
    expect(receivePayment(money, 0)).toEqual({ depositPaidCents: 0, balancePaidCents: 0 })
    expect(fieldOf(() => receivePayment(money, -1))).toBe('amountCents')
  })

  it('says the deposit is covered from the exact deposit amount', () => {
    expect(depositCovered({ depositCents: 20_000, depositPaidCents: 19_999 })).toBe(false)
    expect(depositCovered({ depositCents: 20_000, depositPaidCents: 20_000 })).toBe(true)
    expect(depositCovered({ depositCents: 0, depositPaidCents: 0 })).toBe(true)
  })
})

describe('payment state (the admin list filter)', () => {
  const at = (over: Partial<PaymentStateInput>) => paymentStateOf({ status: 'pending', ...money, ...over })

  it('is deposit_unpaid while an active booking has less than its deposit', () => {
    expect(at({})).toBe('deposit_unpaid')
    expect(at({ depositPaidCents: 19_999 })).toBe('deposit_unpaid')
    expect(at({ status: 'confirmed', depositPaidCents: 0 })).toBe('deposit_unpaid')
  })

  it('is balance_due once the deposit is paid and until everything is', () => {
    expect(at({ status: 'confirmed', depositPaidCents: 20_000 })).toBe('balance_due')
    expect(at({ status: 'confirmed', depositPaidCents: 20_000, balancePaidCents: 79_999 })).toBe('balance_due')
    expect(at({ status: 'completed', depositPaidCents: 0 })).toBe('balance_due')
    expect(at({ status: 'confirmed', depositPaidCents: 20_000, balancePaidCents: 80_000 })).toBe('paid')
  })

  it('is refunded or none once the booking is over, and none for a free event', () => {
    expect(at({ status: 'cancelled', depositPaidCents: 20_000, refundedCents: 20_000 })).toBe('refunded')
    expect(at({ status: 'cancelled', depositPaidCents: 20_000 })).toBe('none')
    expect(at({ status: 'expired' })).toBe('none')
    expect(at({ status: 'no_show', depositPaidCents: 20_000 })).toBe('none')
    expect(at({ totalCents: 0, depositCents: 0 })).toBe('none')
  })
})
