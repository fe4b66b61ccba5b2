import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { ambiguousClockTimesIn, clockTimesIn, moneyAmountsIn, percentagesIn, vetReply } from '../../../src/domain/chat/guard'
import type { AvailabilityResult, QuoteResult } from '../../../src/domain/chat/tools'
import { formatHHMM } from '../../../src/domain/time'
import { formatCents, formatClock } from '../../../src/site/format'

const QUOTE: QuoteResult = {
  guests: { adults: 12, children: 0 },
  zip: '10003',
  currency: 'usd',
  subtotalCents: 72000,
  travelFeeCents: 0,
  taxCents: 6390,
  totalCents: 78390,
  depositCents: 10000,
  formatted: { subtotal: '$720', travelFee: '$0', tax: '$63.90', total: '$783.90', deposit: '$100' },
  travelFeeKnown: true,
}

const AVAILABILITY: AvailabilityResult = {
  timezone: 'America/New_York',
  guests: 12,
  days: [
    {
      date: '2026-12-14',
      label: 'Monday, December 14',
      times: [
        { time: '17:00', label: '5:00 pm', remaining: 3 },
        { time: '19:30', label: '7:30 pm', remaining: 2 },
      ],
    },
  ],
}

describe('finding figures in a reply', () => {
  it('reads money as whole cents', () => {
    expect(moneyAmountsIn('$783.90, $1,200, $100 and $ 5.5')).toEqual([78390, 120000, 10000, 550])
  })

  it('reads money written out in words', () => {
    expect(moneyAmountsIn('about 650 dollars, or 700 USD')).toEqual([65000, 70000])
    // "$650 dollars" is one amount, not two.
    expect(moneyAmountsIn('$650 dollars')).toEqual([65000])
  })

  it('reads clock times as 24-hour HH:MM', () => {
    expect(clockTimesIn('5:00 pm, 7:30PM, 5 pm, 11 a.m., 12 am, 12 pm and 17:00')).toEqual(['17:00', '19:30', '17:00', '11:00', '00:00', '12:00', '17:00'])
  })

  it('does not read words or counts as clock times', () => {
    expect(clockTimesIn('10 amazing guests, 12 adults in 10003')).toEqual([])
  })

  it('reads a one-digit time with no am or pm as either reading', () => {
    expect(ambiguousClockTimesIn('we can come at 7:30')).toEqual([['07:30', '19:30']])
    expect(ambiguousClockTimesIn('at 7:30 pm')).toEqual([])
  })

  it('reads percentages, also with decimals and in words', () => {
    expect(percentagesIn('50%, 100 %, 8.875% and 25 percent')).toEqual([50, 100, 8.875, 25])
    // A longer figure is not read as its last digits.
    expect(percentagesIn('1000%')).toEqual([1000])
    expect(percentagesIn('12.5%')).toEqual([12.5])
  })
})

describe('vetting a reply against its tool results', () => {
  const evidence = [AVAILABILITY, QUOTE]

  it('passes a reply whose figures all come from the tool results', () => {
    const check = vetReply('Monday, December 14: free at 5:00 pm and 7:30 pm; the total would be $783.90 with a $100.00 deposit.', evidence)
    expect(check).toEqual({ ok: true, unsupported: [] })
  })

  it('passes a reply with no figures at all', () => {
    expect(vetReply('Happy to help! How many guests will there be?', []).ok).toBe(true)
  })

  it('fails a made-up price, time or percentage and names it', () => {
    expect(vetReply('It would be about $650.', evidence)).toEqual({ ok: false, unsupported: ['$650.00'] })
    expect(vetReply('We could come at 7 pm.', evidence)).toEqual({ ok: false, unsupported: ['19:00'] })
    expect(vetReply('You get 30% back.', evidence)).toEqual({ ok: false, unsupported: ['30%'] })
  })

  it('fails a made-up amount written in words', () => {
    expect(vetReply('Roughly 650 dollars all in.', evidence).ok).toBe(false)
    expect(vetReply('Exactly 783.90 dollars.', evidence).ok).toBe(true)
  })

  it('fails a made-up time written without am or pm, and passes one that either reading backs', () => {
    expect(vetReply('We are free at 8:30.', evidence)).toEqual({ ok: false, unsupported: ['08:30 or 20:30'] })
    expect(vetReply('We are free at 7:30.', evidence).ok).toBe(true)
  })

  it('does not let a smaller percentage back a larger one with the same last digit', () => {
    expect(vetReply('Tax is 12.5%.', [{ note: 'a 2.5% fee' }]).ok).toBe(false)
    expect(vetReply('Tax is 8.875%.', ['Sales tax is 8.875%.']).ok).toBe(true)
  })

  it('takes amounts from fields named …Cents and percentages from fields named …Percent', () => {
    expect(vetReply('The tax is $63.90.', [{ taxCents: 6390 }]).ok).toBe(true)
    expect(vetReply('You would get 50% back.', [{ booking: { refundPercent: 50 } }]).ok).toBe(true)
    // A number under another name is not money.
    expect(vetReply('That is $12.', [{ remaining: 1200 }]).ok).toBe(false)
  })

  it('takes times from HH:MM fields named time', () => {
    expect(vetReply('Yes, 19:30 works.', [{ times: [{ time: '19:30' }] }]).ok).toBe(true)
    expect(vetReply('Yes, 7:30 pm works.', [{ times: [{ time: '19:30' }] }]).ok).toBe(true)
  })

  it('accepts figures from the CMS text it was grounded on', () => {
    expect(vetReply('Filet Mignon is $15 per guest.', ['Filet Mignon — +$15 per guest'])).toEqual({ ok: true, unsupported: [] })
  })

  it("passes a refusal's own words when they name figures", () => {
    const refusal = { refused: true, field: 'time', message: 'Events start between 11 am and 10 pm.' }
    expect(vetReply('Events start between 11 am and 10 pm.', [refusal]).ok).toBe(true)
  })
})

describe('vetting generated replies', () => {
  const cents = fc.integer({ min: 0, max: 10_000_000 })
  const minutes = fc.integer({ min: 0, max: 24 * 60 - 1 })

  it('passes any amount and time the tools gave, written as the storefront writes them', () => {
    fc.assert(
      fc.property(cents, minutes, (c, m) => {
        const time = formatHHMM(m)
        const reply = `It is ${formatCents(c, 'usd')} at ${formatClock(time)} (or ${time}).`
        expect(vetReply(reply, [{ totalCents: c, times: [{ time }] }])).toEqual({ ok: true, unsupported: [] })
      }),
    )
  })

  it('fails any amount the tools did not give', () => {
    fc.assert(
      fc.property(cents, cents, (given, said) => {
        fc.pre(given !== said)
        const check = vetReply(`That comes to ${formatCents(said, 'usd')}.`, [{ totalCents: given }])
        expect(check.ok).toBe(false)
        expect(check.unsupported).toHaveLength(1)
      }),
    )
  })

  it('fails any time the tools did not give', () => {
    fc.assert(
      fc.property(minutes, minutes, (given, said) => {
        fc.pre(given !== said)
        expect(vetReply(`We can start at ${formatClock(formatHHMM(said))}.`, [{ time: formatHHMM(given) }]).ok).toBe(false)
      }),
    )
  })

  it('never throws on any text and any evidence', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.array(fc.jsonValue(), { maxLength: 5 }), (reply, evidence) => {
        const check = vetReply(reply, evidence)
        expect(check.ok).toBe(check.unsupported.length === 0)
      }),
    )
  })
})
