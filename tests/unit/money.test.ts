import { describe, expect, it } from 'vitest'
import { applyRateMicros, centsOrZero, divRoundHalfUp, percentOfCents } from '../../src/domain/money'

describe('cent rounding', () => {
  it('rounds exact halves up, not to even', () => {
    expect(divRoundHalfUp(5, 10)).toBe(1)
    expect(divRoundHalfUp(15, 10)).toBe(2)
    expect(divRoundHalfUp(25, 10)).toBe(3)
  })

  it('rounds below a half down', () => {
    expect(divRoundHalfUp(4, 10)).toBe(0)
    expect(divRoundHalfUp(149, 100)).toBe(1)
  })

  it('applies a parts-per-million tax rate to whole cents', () => {
    expect(applyRateMicros(60000, 88750)).toBe(5325)
    expect(applyRateMicros(100, 88750)).toBe(9)
    expect(applyRateMicros(1010, 50000)).toBe(51)
  })

  it('takes a percentage of cents, rounding half up', () => {
    expect(percentOfCents(10001, 50)).toBe(5001)
    expect(percentOfCents(65325, 25)).toBe(16331)
  })

  it('refuses fractional inputs instead of producing fractional cents', () => {
    expect(() => divRoundHalfUp(1.5, 10)).toThrow(RangeError)
    expect(() => divRoundHalfUp(10, 0)).toThrow(RangeError)
  })
})

describe('centsOrZero', () => {
  it('keeps a stored amount and reads a missing one as 0', () => {
    expect(centsOrZero(1234)).toBe(1234)
    expect(centsOrZero(0)).toBe(0)
    for (const missing of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY, '100']) expect(centsOrZero(missing), String(missing)).toBe(0)
  })
})
