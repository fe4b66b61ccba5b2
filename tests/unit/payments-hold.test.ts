import { describe, expect, it } from 'vitest'
import { extendHoldTo, holdExpiresAt, isHoldOver, needsOnlineDeposit, type HeldBooking } from '../../src/domain'
import { issuePaths } from './support'

const NOW = new Date('2027-01-10T15:00:00.000Z')
const MIN = 60_000
const at = (ms: number) => new Date(NOW.getTime() + ms)

describe('who pays a deposit online', () => {
  it('asks a web booking with a deposit while payments are on', () => {
    expect(needsOnlineDeposit({ source: 'web', depositCents: 10000, paymentsEnabled: true })).toBe(true)
    expect(needsOnlineDeposit({ source: 'web', depositCents: 1, paymentsEnabled: true })).toBe(true)
  })

  it.each(['phone', 'admin', 'chat', 'WEB', ''])('exempts a %s booking until staff confirm it', (source) => {
    expect(needsOnlineDeposit({ source, depositCents: 10000, paymentsEnabled: true })).toBe(false)
  })

  it('asks nothing when there is no deposit', () => {
    expect(needsOnlineDeposit({ source: 'web', depositCents: 0, paymentsEnabled: true })).toBe(false)
  })

  it('asks nothing while payments are off', () => {
    expect(needsOnlineDeposit({ source: 'web', depositCents: 10000, paymentsEnabled: false })).toBe(false)
  })
})

describe('the hold', () => {
  it('ends depositHoldMinutes after it starts', () => {
    expect(holdExpiresAt({ depositHoldMinutes: 60 }, NOW)).toEqual(at(60 * MIN))
    expect(holdExpiresAt({ depositHoldMinutes: 45 }, new Date('2027-01-10T23:30:00.250Z'))).toEqual(new Date('2027-01-11T00:15:00.250Z'))
  })

  it('does not change the start date it was given', () => {
    const from = new Date(NOW)
    holdExpiresAt({ depositHoldMinutes: 60 }, from)
    expect(from).toEqual(NOW)
  })

  it.each([0, -5, 1.5, Number.NaN])('refuses %s hold minutes, naming the setting', (depositHoldMinutes) => {
    expect(issuePaths(() => holdExpiresAt({ depositHoldMinutes }, NOW))).toEqual(['depositHoldMinutes'])
  })
})

describe('a hold that ran out', () => {
  const held = (overrides: Partial<HeldBooking> = {}): HeldBooking => ({ status: 'pending', holdExpiresAt: at(-MIN), depositPaidCents: 0, ...overrides })

  it('is over once the hold has passed on an unpaid pending booking', () => {
    expect(isHoldOver(held(), NOW)).toBe(true)
  })

  it('is over exactly at the end of the hold', () => {
    expect(isHoldOver(held({ holdExpiresAt: at(0) }), NOW)).toBe(true)
  })

  it('is not over one millisecond before the end', () => {
    expect(isHoldOver(held({ holdExpiresAt: at(1) }), NOW)).toBe(false)
  })

  it('never runs out without a hold', () => {
    expect(isHoldOver(held({ holdExpiresAt: null }), NOW)).toBe(false)
  })

  it('is not over once a deposit was paid', () => {
    expect(isHoldOver(held({ depositPaidCents: 10000 }), NOW)).toBe(false)
    expect(isHoldOver(held({ depositPaidCents: 1 }), NOW)).toBe(false)
  })

  it.each(['confirmed', 'cancelled', 'expired', 'completed', 'no_show'])('does not apply to a %s booking', (status) => {
    expect(isHoldOver(held({ status }), NOW)).toBe(false)
  })
})

describe('extending the hold for a checkout session', () => {
  it('keeps the slot until a session that ends after the hold', () => {
    expect(extendHoldTo(at(10 * MIN), at(31 * MIN))).toEqual(at(31 * MIN))
  })

  it('keeps a hold that already ends after the session', () => {
    expect(extendHoldTo(at(60 * MIN), at(31 * MIN))).toEqual(at(60 * MIN))
  })

  it('keeps the same instant when both end together', () => {
    expect(extendHoldTo(at(31 * MIN), at(31 * MIN))).toEqual(at(31 * MIN))
  })

  it('uses the session end when there was no hold', () => {
    expect(extendHoldTo(null, at(31 * MIN))).toEqual(at(31 * MIN))
  })

  it('returns a new Date, not one of its inputs', () => {
    const current = at(60 * MIN)
    const session = at(31 * MIN)
    const result = extendHoldTo(current, session)
    expect(result).not.toBe(current)
    expect(extendHoldTo(null, session)).not.toBe(session)
  })
})
