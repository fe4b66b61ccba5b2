// The chat widget's reconnect waits (src/client/chat/backoff.ts): full-jitter exponential backoff,
// base 500 ms, cap 30 s, and the count starts over after a connection stayed open a stable minute.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { Backoff, BACKOFF_DEFAULTS, backoffCeiling, fullJitterDelay } from '../../../src/client/chat/backoff'

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000) {
  let t = start
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })

describe('the wait before the n-th retry', () => {
  it('is a whole number of ms within [0, min(30 s, 500 ms · 2^n)) for every n and every random draw', () => {
    fc.assert(
      fc.property(fc.nat(200), unit, (attempt, r) => {
        const delay = fullJitterDelay(attempt, () => r)
        const ceiling = Math.min(BACKOFF_DEFAULTS.capMs, BACKOFF_DEFAULTS.baseMs * 2 ** Math.min(attempt, 30))
        expect(Number.isInteger(delay)).toBe(true)
        expect(delay).toBeGreaterThanOrEqual(0)
        expect(delay).toBeLessThan(ceiling)
      }),
    )
  })

  it('never waits longer than the cap, whatever the base, the cap and the random source give', () => {
    fc.assert(
      fc.property(fc.nat(1_000), fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 120_000 }), fc.double({ noNaN: false }), (attempt, base, cap, r) => {
        const delay = fullJitterDelay(attempt, () => r, base, cap)
        expect(delay).toBeGreaterThanOrEqual(0)
        expect(delay).toBeLessThan(Math.max(1, Math.min(cap, base * 2 ** Math.min(attempt, 30))))
        expect(delay).toBeLessThanOrEqual(cap)
      }),
    )
  })

  it('doubles its upper bound each time until the 30 s cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffCeiling(n))).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000])
  })

  it('spreads over the whole range (full jitter), not around the bound', () => {
    expect(fullJitterDelay(4, () => 0)).toBe(0)
    expect(fullJitterDelay(4, () => 0.5)).toBe(4_000)
    expect(fullJitterDelay(4, () => 0.999_999)).toBe(7_999)
  })

  it('spreads a crowd of browsers evenly across the range', () => {
    let seed = 42
    // A small deterministic generator (LCG) so the check is not flaky.
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31)
    const delays = Array.from({ length: 4_000 }, () => fullJitterDelay(3, random))
    const ceiling = backoffCeiling(3)
    const quarters = [0, 0, 0, 0]
    for (const d of delays) {
      const q = Math.floor((d / ceiling) * 4)
      quarters[q] = (quarters[q] ?? 0) + 1
    }
    for (const q of quarters) expect(q).toBeGreaterThan(800)
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length
    expect(mean).toBeGreaterThan(ceiling * 0.45)
    expect(mean).toBeLessThan(ceiling * 0.55)
  })
})

describe('the retry count of one connection', () => {
  it('grows with every retry in a row', () => {
    const clock = manualClock()
    const backoff = new Backoff({ random: () => 0.999_999, now: clock.now })
    const waits = [backoff.next(), backoff.next(), backoff.next(), backoff.next()]
    expect(waits).toEqual([499, 999, 1_999, 3_999])
    expect(backoff.attempt).toBe(4)
  })

  it('keeps growing when a connection opens and drops again before a minute', () => {
    const clock = manualClock()
    const backoff = new Backoff({ random: () => 0.999_999, now: clock.now })
    backoff.next()
    backoff.next()
    backoff.opened()
    clock.advance(59_999)
    expect(backoff.next()).toBe(1_999)
  })

  it('starts over once a connection stayed open for a stable minute', () => {
    const clock = manualClock()
    const backoff = new Backoff({ random: () => 0.999_999, now: clock.now })
    for (let i = 0; i < 10; i += 1) backoff.next()
    backoff.opened()
    clock.advance(60_000)
    expect(backoff.next()).toBe(499)
    expect(backoff.attempt).toBe(1)
  })

  it('after any history, a stable minute always brings the next wait under the base (property)', () => {
    fc.assert(
      fc.property(fc.nat(60), fc.integer({ min: 60_000, max: 10 ** 9 }), unit, (failures, openFor, r) => {
        const clock = manualClock()
        const backoff = new Backoff({ random: () => r, now: clock.now })
        for (let i = 0; i < failures; i += 1) backoff.next()
        backoff.opened()
        clock.advance(openFor)
        expect(backoff.next()).toBeLessThan(BACKOFF_DEFAULTS.baseMs)
      }),
    )
  })

  it('counts only the last opening: an old stable connection does not reset a later short one', () => {
    const clock = manualClock()
    const backoff = new Backoff({ random: () => 0.999_999, now: clock.now })
    backoff.opened()
    clock.advance(120_000)
    backoff.next() // the stable connection dropped: count starts over, then 1
    backoff.opened()
    clock.advance(1_000)
    expect(backoff.next()).toBe(999)
  })

  it('waits longer at once when the server asked to slow down, and starts over on reset()', () => {
    const backoff = new Backoff({ random: () => 0.999_999, now: () => 0 })
    expect(backoff.next(3)).toBe(3_999)
    backoff.reset()
    expect(backoff.next()).toBe(499)
  })

  it('uses its own base, cap and stable time when given', () => {
    const clock = manualClock()
    const backoff = new Backoff({ baseMs: 10, capMs: 35, stableMs: 5, random: () => 0.999_999, now: clock.now })
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next()]).toEqual([9, 19, 34, 34])
    backoff.opened()
    clock.advance(5)
    expect(backoff.next()).toBe(9)
  })
})
