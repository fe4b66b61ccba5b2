import { describe, expect, it } from 'vitest'
import { ValidationError, allocateRefund, assertManualRefund, cancellationRefundCents, refundableCents, type Charge } from '../../src/domain'
import { issuePaths, validationIssues } from './support'

// Oldest first: the deposit, then the balance.
const DEPOSIT: Charge = { paymentIntentId: 'pi_deposit', amountCents: 10000, refundedCents: 0 }
const BALANCE: Charge = { paymentIntentId: 'pi_balance', amountCents: 55000, refundedCents: 0 }

describe('what can be refunded', () => {
  it('adds up what each charge has left', () => {
    expect(refundableCents([DEPOSIT, BALANCE])).toBe(65000)
    expect(refundableCents([{ ...DEPOSIT, refundedCents: 2500 }, { ...BALANCE, refundedCents: 55000 }])).toBe(7500)
    expect(refundableCents([])).toBe(0)
  })

  it('refuses a charge refunded more than it was, naming it', () => {
    expect(issuePaths(() => refundableCents([DEPOSIT, { ...BALANCE, refundedCents: 55001 }]))).toEqual(['charges.1.refundedCents'])
  })

  it('refuses a charge that is not whole cents, naming it', () => {
    expect(issuePaths(() => refundableCents([{ ...DEPOSIT, amountCents: 99.5 }]))).toEqual(['charges.0.amountCents'])
    expect(issuePaths(() => refundableCents([{ ...DEPOSIT, refundedCents: -1 }]))).toEqual(['charges.0.refundedCents'])
  })
})

describe('splitting a refund over the charges', () => {
  it('takes from the most recent charge first', () => {
    expect(allocateRefund([DEPOSIT, BALANCE], 20000)).toEqual([{ paymentIntentId: 'pi_balance', amountCents: 20000 }])
  })

  it('uses the most recent charge up exactly', () => {
    expect(allocateRefund([DEPOSIT, BALANCE], 55000)).toEqual([{ paymentIntentId: 'pi_balance', amountCents: 55000 }])
  })

  it('moves on to the older charge for the rest', () => {
    expect(allocateRefund([DEPOSIT, BALANCE], 55001)).toEqual([
      { paymentIntentId: 'pi_balance', amountCents: 55000 },
      { paymentIntentId: 'pi_deposit', amountCents: 1 },
    ])
  })

  it('refunds everything across both charges', () => {
    expect(allocateRefund([DEPOSIT, BALANCE], 65000)).toEqual([
      { paymentIntentId: 'pi_balance', amountCents: 55000 },
      { paymentIntentId: 'pi_deposit', amountCents: 10000 },
    ])
  })

  it('takes only what a partly refunded charge has left', () => {
    expect(allocateRefund([DEPOSIT, { ...BALANCE, refundedCents: 50000 }], 8000)).toEqual([
      { paymentIntentId: 'pi_balance', amountCents: 5000 },
      { paymentIntentId: 'pi_deposit', amountCents: 3000 },
    ])
  })

  it('skips a charge with nothing left', () => {
    expect(allocateRefund([DEPOSIT, { ...BALANCE, refundedCents: 55000 }], 4000)).toEqual([{ paymentIntentId: 'pi_deposit', amountCents: 4000 }])
  })

  it('refuses more than can be refunded, naming amountCents', () => {
    expect(() => allocateRefund([DEPOSIT, BALANCE], 65001)).toThrow(ValidationError)
    expect(issuePaths(() => allocateRefund([DEPOSIT, BALANCE], 65001))).toEqual(['amountCents'])
    expect(issuePaths(() => allocateRefund([], 1))).toEqual(['amountCents'])
  })

  it.each([0, -1, 10.5, Number.NaN])('refuses an amount of %s, naming amountCents', (amount) => {
    expect(issuePaths(() => allocateRefund([DEPOSIT, BALANCE], amount))).toEqual(['amountCents'])
  })
})

/** A small deterministic generator (mulberry32), so a failure can be replayed from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('splitting a refund, for random charges', () => {
  it('always adds up to the amount and never takes more than a charge has left', () => {
    let checked = 0
    for (let seed = 1; seed <= 500; seed++) {
      const next = rng(seed)
      const int = (max: number) => Math.floor(next() * (max + 1))
      const charges: Charge[] = Array.from({ length: 1 + int(4) }, (_, i) => {
        const amountCents = int(100000)
        return { paymentIntentId: `pi_${i}`, amountCents, refundedCents: int(amountCents) }
      })
      const refundable = refundableCents(charges)
      if (refundable === 0) {
        expect(() => allocateRefund(charges, 1)).toThrow(ValidationError)
        continue
      }
      const amount = 1 + int(refundable - 1)
      const parts = allocateRefund(charges, amount)

      expect(parts.reduce((sum, p) => sum + p.amountCents, 0), `seed ${seed}`).toBe(amount)
      const byId = new Map(charges.map((c) => [c.paymentIntentId, c]))
      const seen = new Set<string>()
      for (const p of parts) {
        const c = byId.get(p.paymentIntentId)
        expect(c, `seed ${seed}`).toBeDefined()
        expect(seen.has(p.paymentIntentId), `seed ${seed}: one part per charge`).toBe(false)
        seen.add(p.paymentIntentId)
        expect(p.amountCents, `seed ${seed}`).toBeGreaterThan(0)
        expect(Number.isSafeInteger(p.amountCents)).toBe(true)
        expect(p.amountCents, `seed ${seed}`).toBeLessThanOrEqual((c?.amountCents ?? 0) - (c?.refundedCents ?? 0))
      }
      // Most recent first: every charge newer than the oldest one used is used up completely.
      const used = parts.map((p) => charges.findIndex((c) => c.paymentIntentId === p.paymentIntentId))
      expect(used, `seed ${seed}`).toEqual([...used].sort((a, b) => b - a))
      const oldestUsed = Math.min(...used)
      charges.forEach((c, i) => {
        if (i > oldestUsed) expect(parts.find((p) => p.paymentIntentId === c.paymentIntentId)?.amountCents ?? 0, `seed ${seed}`).toBe(c.amountCents - c.refundedCents)
      })
      expect(() => allocateRefund(charges, refundable + 1)).toThrow(ValidationError)
      checked++
    }
    expect(checked).toBeGreaterThan(400)
  })
})

describe('a manual refund', () => {
  it('accepts a whole amount up to the refundable and trims the reason', () => {
    expect(assertManualRefund({ amountCents: 2500, reason: '  Chef arrived late  ', refundableCents: 65000 })).toEqual({ amountCents: 2500, reason: 'Chef arrived late' })
    expect(assertManualRefund({ amountCents: 65000, reason: 'Rain', refundableCents: 65000 })).toEqual({ amountCents: 65000, reason: 'Rain' })
    expect(assertManualRefund({ amountCents: 1, reason: 'abc', refundableCents: 1 }).amountCents).toBe(1)
  })

  it.each([0, -5, 12.5, Number.NaN, '2500', null, undefined])('refuses an amount of %s, naming amountCents', (amountCents) => {
    expect(issuePaths(() => assertManualRefund({ amountCents, reason: 'Goodwill', refundableCents: 65000 }))).toEqual(['amountCents'])
  })

  it('refuses more than can be refunded, saying the maximum in cents', () => {
    const issues = validationIssues(() => assertManualRefund({ amountCents: 65001, reason: 'Goodwill', refundableCents: 65000 }))
    expect(issues).toEqual([{ path: 'amountCents', message: 'Refund amount cannot exceed 65000 cents' }])
  })

  it('refuses any refund when nothing is left', () => {
    expect(validationIssues(() => assertManualRefund({ amountCents: 1, reason: 'Goodwill', refundableCents: 0 }))).toEqual([
      { path: 'amountCents', message: 'Refund amount cannot exceed 0 cents' },
    ])
  })

  it.each([undefined, null, 42, '', '    '])('requires a reason (got %s)', (reason) => {
    expect(validationIssues(() => assertManualRefund({ amountCents: 100, reason, refundableCents: 65000 }))).toEqual([{ path: 'reason', message: 'A reason is required' }])
  })

  it('wants a reason of 3 to 500 characters once trimmed', () => {
    expect(issuePaths(() => assertManualRefund({ amountCents: 100, reason: ' ab ', refundableCents: 65000 }))).toEqual(['reason'])
    expect(issuePaths(() => assertManualRefund({ amountCents: 100, reason: 'x'.repeat(501), refundableCents: 65000 }))).toEqual(['reason'])
    expect(assertManualRefund({ amountCents: 100, reason: ` ${'x'.repeat(500)} `, refundableCents: 65000 }).reason).toHaveLength(500)
  })

  it('checks the amount before the reason', () => {
    expect(issuePaths(() => assertManualRefund({ amountCents: 0, reason: '', refundableCents: 65000 }))).toEqual(['amountCents'])
  })
})

describe('what a cancellation still refunds', () => {
  it('sends the whole tier refund when nothing was refunded yet', () => {
    expect(cancellationRefundCents(10000, 0)).toBe(10000)
  })

  it('counts earlier manual refunds toward the tier refund', () => {
    expect(cancellationRefundCents(10000, 2500)).toBe(7500)
  })

  it('sends nothing when earlier refunds already reach or pass it', () => {
    expect(cancellationRefundCents(10000, 10000)).toBe(0)
    expect(cancellationRefundCents(5000, 8000)).toBe(0)
    expect(cancellationRefundCents(0, 0)).toBe(0)
  })

  it('names a bad amount', () => {
    expect(issuePaths(() => cancellationRefundCents(-1, 0))).toEqual(['refundCents'])
    expect(issuePaths(() => cancellationRefundCents(100, 0.5))).toEqual(['alreadyRefundedCents'])
  })
})
