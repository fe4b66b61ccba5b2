import { describe, expect, it } from 'vitest'

import { brandVars, contrastRatio } from '../../src/components/site/theme'
import { isSampled, parseSampleRate } from '../../src/components/site/sampleRate'
import {
  describeBookingWindow,
  describeCancellationTiers,
  describeDeposit,
  dietaryLabel,
  formatCents,
  formatClock,
  formatMenuPrice,
  formatTravelFee,
  telHref,
} from '../../src/site/format'

describe('formatCents', () => {
  it('writes whole dollar amounts without decimals, the way a menu does', () => {
    expect(formatCents(6000, 'usd')).toBe('$60')
    expect(formatCents(0, 'usd')).toBe('$0')
    expect(formatCents(123456700, 'usd')).toBe('$1,234,567')
  })

  it('keeps the cents when there are some', () => {
    expect(formatCents(1250, 'usd')).toBe('$12.50')
    expect(formatCents(5, 'usd')).toBe('$0.05')
    expect(formatCents(-2550, 'usd')).toBe('-$25.50')
  })

  it('accepts the currency code in any case and uses its minor unit', () => {
    expect(formatCents(1000, 'USD')).toBe('$10')
    expect(formatCents(1999, 'eur')).toBe('€19.99')
    // Yen has no minor unit: the stored integer is already whole yen.
    expect(formatCents(1500, 'jpy')).toBe('¥1,500')
  })

  it('refuses fractional cents and unknown currencies instead of printing nonsense', () => {
    expect(() => formatCents(10.5, 'usd')).toThrow(RangeError)
    expect(() => formatCents(Number.NaN, 'usd')).toThrow(RangeError)
    expect(() => formatCents(100, 'dollars')).toThrow(RangeError)
  })
})

describe('menu and fee wording', () => {
  it('says "included" for items in the base price', () => {
    expect(formatMenuPrice({ priceCents: 0, pricing: 'per_guest' }, 'usd')).toBe('included')
  })

  it('prices upgrades per guest and add-ons flat', () => {
    expect(formatMenuPrice({ priceCents: 1000, pricing: 'per_guest' }, 'usd')).toBe('+$10 per guest')
    expect(formatMenuPrice({ priceCents: 1500, pricing: 'flat' }, 'usd')).toBe('$15 flat')
  })

  it('words travel fees', () => {
    expect(formatTravelFee(0, 'usd')).toBe('No travel fee')
    expect(formatTravelFee(2500, 'usd')).toBe('$25 travel fee')
  })

  it('makes dietary tags readable', () => {
    expect(dietaryLabel('contains-shellfish')).toBe('Contains shellfish')
    expect(dietaryLabel('gluten-free')).toBe('Gluten-free')
    expect(dietaryLabel('low_sodium')).toBe('Low sodium')
  })
})

describe('formatClock', () => {
  it('writes 24-hour times the American way', () => {
    expect(formatClock('22:00')).toBe('10 pm')
    expect(formatClock('11:00')).toBe('11 am')
    expect(formatClock('12:30')).toBe('12:30 pm')
    expect(formatClock('00:00')).toBe('12 am')
  })

  it('rejects anything that is not HH:MM', () => {
    expect(() => formatClock('7pm')).toThrow(RangeError)
  })
})

describe('describeCancellationTiers', () => {
  it('turns the default tiers into the sentences customers read', () => {
    const rows = describeCancellationTiers([
      { minDaysBefore: 3, refundPercent: 50 },
      { minDaysBefore: 7, refundPercent: 100 },
      { minDaysBefore: 0, refundPercent: 0 },
    ])
    expect(rows.map((r) => `${r.when}: ${r.refund}`)).toEqual(['7 or more days before: 100% refund', '3–6 days before: 50% refund', 'Less than 3 days before: No refund'])
  })

  it('names a one-day band by its day and adds the missing "no refund" band below the lowest tier', () => {
    const rows = describeCancellationTiers([
      { minDaysBefore: 2, refundPercent: 50 },
      { minDaysBefore: 3, refundPercent: 100 },
    ])
    expect(rows.map((r) => `${r.when}: ${r.refund}`)).toEqual(['3 or more days before: 100% refund', '2 days before: 50% refund', 'Less than 2 days before: No refund'])
  })

  it('handles a single tier that always applies, and singular days', () => {
    expect(describeCancellationTiers([{ minDaysBefore: 0, refundPercent: 100 }])).toEqual([{ when: 'Any time before the event', refund: '100% refund', refundPercent: 100 }])
    expect(describeCancellationTiers([{ minDaysBefore: 1, refundPercent: 100 }]).map((r) => r.when)).toEqual(['1 or more days before', 'Less than 1 day before'])
    expect(describeCancellationTiers([])).toEqual([])
  })
})

describe('deposit and booking-window sentences', () => {
  it('words a fixed and a percentage deposit', () => {
    expect(describeDeposit({ kind: 'fixed', amountCents: 10000 }, 'usd')).toBe('A $100 deposit holds your date (or the whole total, if that is less).')
    expect(describeDeposit({ kind: 'percent', percent: 20 }, 'usd')).toBe('A deposit of 20% of the total holds your date.')
    expect(describeDeposit({ kind: 'fixed', amountCents: 0 }, 'usd')).toBe('No deposit is needed to hold your date.')
  })

  it('words the start window and lead time', () => {
    expect(describeBookingWindow({ startWindow: { earliest: '11:00', latest: '22:00' }, leadTimeHours: 48, maxAdvanceDays: 365 })).toEqual({
      startWindow: 'Events can start between 11 am and 10 pm.',
      leadTime: 'Book at least 48 hours ahead and up to 365 days in advance.',
    })
    expect(describeBookingWindow({ startWindow: { earliest: '11:00', latest: '22:00' }, leadTimeHours: 0, maxAdvanceDays: 1 }).leadTime).toBe('Book up to 1 day in advance.')
  })
})

describe('telHref', () => {
  it('dials North American numbers in E.164', () => {
    expect(telHref('(212) 555-0147')).toBe('tel:+12125550147')
    expect(telHref('1 212 555 0147')).toBe('tel:+12125550147')
  })

  it('keeps an explicit country code and leaves other lengths alone', () => {
    expect(telHref('+44 20 7946 0958')).toBe('tel:+442079460958')
    expect(telHref('555-0147')).toBe('tel:5550147')
  })
})

// Two small pure helpers of the storefront shell, tested here to keep the unit suite's files few.
describe('brand colour contrast (components/site/theme)', () => {
  it('keeps white text on the default brand red and uses it for brand text', () => {
    expect(brandVars('#b3261e')).toEqual({ '--brand': '#b3261e', '--on-brand': '#ffffff', '--brand-ink': '#b3261e' })
  })

  it('switches to dark text on a light brand colour, and never uses it as text colour', () => {
    const vars = brandVars('#ffcc00')
    expect(vars['--on-brand']).toBe('#1f1a17')
    expect(vars['--brand-ink']).toBe('#1f1a17')
    expect(contrastRatio(vars['--brand'], vars['--on-brand'])).toBeGreaterThanOrEqual(4.5)
  })

  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#777777', '#777777')).toBeCloseTo(1, 5)
  })
})

describe('web-vitals sample rate (components/site/sampleRate)', () => {
  it('defaults to 10% when unset or unreadable', () => {
    expect(parseSampleRate(undefined)).toBe(0.1)
    expect(parseSampleRate('')).toBe(0.1)
    expect(parseSampleRate('  ')).toBe(0.1)
    expect(parseSampleRate('often')).toBe(0.1)
  })

  it('reads fractions and percentages and clamps to 0–1', () => {
    expect(parseSampleRate('0.25')).toBe(0.25)
    expect(parseSampleRate('25%')).toBe(0.25)
    expect(parseSampleRate('1')).toBe(1)
    expect(parseSampleRate('0')).toBe(0)
    expect(parseSampleRate('7')).toBe(1)
    expect(parseSampleRate('-1')).toBe(0)
  })

  it('never samples at 0, always at 1, and compares the draw with the rate otherwise', () => {
    expect(isSampled(0, () => 0)).toBe(false)
    expect(isSampled(1, () => 0.999999)).toBe(true)
    expect(isSampled(0.1, () => 0.05)).toBe(true)
    expect(isSampled(0.1, () => 0.1)).toBe(false)
  })
})
