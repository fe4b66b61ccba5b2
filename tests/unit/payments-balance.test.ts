import { describe, expect, it } from 'vitest'
import { balanceAmountCents, balanceChargeFor, balanceDueAt, type BalanceChargeBooking } from '../../src/domain'

const DAY = 86_400_000
const STARTS_AT = new Date('2027-01-15T23:00:00.000Z')
const SETTINGS = { balanceDueDaysBefore: 2 }
const DUE_AT = new Date('2027-01-13T23:00:00.000Z')

const booking = (overrides: Partial<BalanceChargeBooking> = {}): BalanceChargeBooking => ({
  status: 'confirmed',
  startsAt: STARTS_AT,
  totalCents: 65000,
  depositPaidCents: 10000,
  balancePaidCents: 0,
  refundedCents: 0,
  hasSavedCard: true,
  lastBalanceAttemptAt: null,
  ...overrides,
})

describe('when the balance falls due', () => {
  it('is balanceDueDaysBefore days before the event', () => {
    expect(balanceDueAt(SETTINGS, STARTS_AT)).toEqual(DUE_AT)
    expect(balanceDueAt({ balanceDueDaysBefore: 7 }, STARTS_AT)).toEqual(new Date(STARTS_AT.getTime() - 7 * DAY))
  })
})

describe('the balance amount', () => {
  it('is the total less what was paid', () => {
    expect(balanceAmountCents({ totalCents: 65000, depositPaidCents: 10000, balancePaidCents: 0 })).toBe(55000)
    expect(balanceAmountCents({ totalCents: 65000, depositPaidCents: 10000, balancePaidCents: 5000 })).toBe(50000)
  })

  it('is never below 0', () => {
    expect(balanceAmountCents({ totalCents: 65000, depositPaidCents: 10000, balancePaidCents: 55000 })).toBe(0)
    expect(balanceAmountCents({ totalCents: 60000, depositPaidCents: 10000, balancePaidCents: 55000 })).toBe(0)
  })
})

describe('the automatic balance charge', () => {
  it('charges the balance once it is due', () => {
    expect(balanceChargeFor(booking(), SETTINGS, DUE_AT)).toEqual({ amountCents: 55000 })
  })

  it('charges what is left after part of the balance was paid', () => {
    expect(balanceChargeFor(booking({ balancePaidCents: 20000 }), SETTINGS, DUE_AT)).toEqual({ amountCents: 35000 })
  })

  it('waits until the due time', () => {
    expect(balanceChargeFor(booking(), SETTINGS, new Date(DUE_AT.getTime() - 1))).toBeNull()
  })

  it('charges up to the last millisecond before the event, not at its start', () => {
    expect(balanceChargeFor(booking(), SETTINGS, new Date(STARTS_AT.getTime() - 1))).toEqual({ amountCents: 55000 })
    expect(balanceChargeFor(booking(), SETTINGS, STARTS_AT)).toBeNull()
    expect(balanceChargeFor(booking(), SETTINGS, new Date(STARTS_AT.getTime() + DAY))).toBeNull()
  })

  it.each(['pending', 'completed', 'cancelled', 'expired', 'no_show'])('does not charge a %s booking', (status) => {
    expect(balanceChargeFor(booking({ status }), SETTINGS, DUE_AT)).toBeNull()
  })

  it('does not charge before the deposit is paid', () => {
    expect(balanceChargeFor(booking({ depositPaidCents: 0 }), SETTINGS, DUE_AT)).toBeNull()
  })

  it('does not charge without a saved card', () => {
    expect(balanceChargeFor(booking({ hasSavedCard: false }), SETTINGS, DUE_AT)).toBeNull()
  })

  it('does not charge when nothing is left to pay', () => {
    expect(balanceChargeFor(booking({ balancePaidCents: 55000 }), SETTINGS, DUE_AT)).toBeNull()
  })

  it('tries only once: after an attempt the customer gets a link instead', () => {
    expect(balanceChargeFor(booking({ lastBalanceAttemptAt: DUE_AT }), SETTINGS, new Date(DUE_AT.getTime() + DAY))).toBeNull()
  })

  it('does not charge a booking whose money staff have refunded', () => {
    expect(balanceChargeFor(booking({ refundedCents: 2000 }), SETTINGS, DUE_AT)).toBeNull()
  })

  it('follows the setting for how many days before', () => {
    const now = new Date(STARTS_AT.getTime() - 5 * DAY)
    expect(balanceChargeFor(booking(), { balanceDueDaysBefore: 5 }, now)).toEqual({ amountCents: 55000 })
    expect(balanceChargeFor(booking(), { balanceDueDaysBefore: 4 }, now)).toBeNull()
  })
})
