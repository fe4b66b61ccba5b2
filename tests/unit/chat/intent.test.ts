import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { MAX_DATES_PER_QUESTION, readQuestion, weekdayOf } from '../../../src/domain/chat/intent'
import { isRealDate } from '../../../src/domain/time'

// Wednesday, December 9, 2026 in the business's zone.
const TODAY = '2026-12-09'
const read = (text: string, today = TODAY) => readQuestion(text, { today })

describe('reading dates', () => {
  it.each(['Dec 14', 'dec. 14', 'December 14th', '12/14', '14 Dec', '14th of December', '2026-12-14', 'December 14, 2026', '12/14/2026', '12/14/26'])(
    'reads "%s" as Monday, December 14, 2026',
    (said) => {
      expect(read(`Are you free on ${said}?`).dates).toEqual(['2026-12-14'])
    },
  )

  it('takes a month and day without a year as the next one on or after today', () => {
    expect(read('how about Jan 5').dates).toEqual(['2027-01-05'])
    expect(read('how about Dec 9').dates).toEqual(['2026-12-09'])
    expect(read('how about Dec 8').dates).toEqual(['2027-12-08'])
    expect(read('how about 3/1').dates).toEqual(['2027-03-01'])
  })

  it('waits for a leap year for February 29 and ignores days that do not exist', () => {
    expect(read('Feb 29 please').dates).toEqual(['2028-02-29'])
    expect(read('Feb 30 please').dates).toEqual([])
    expect(read('2026-02-30').dates).toEqual([])
  })

  it('reads "the 14th" alone as the next 14th of a month', () => {
    expect(read('is 7pm on the 14th ok').dates).toEqual(['2026-12-14'])
    expect(read('what about the 5th?').dates).toEqual(['2027-01-05'])
    expect(read('what about the 31st?', '2027-02-10').dates).toEqual(['2027-03-31'])
  })

  it('reads 14/12 as day/month because there is no 14th month', () => {
    expect(read('free on 14/12?').dates).toEqual(['2026-12-14'])
  })

  it('understands today, tonight, tomorrow and the day after tomorrow', () => {
    expect(read('anything today?').dates).toEqual(['2026-12-09'])
    expect(read('free tonight?').dates).toEqual(['2026-12-09'])
    expect(read('free tomorrow?').dates).toEqual(['2026-12-10'])
    expect(read('the day after tomorrow?').dates).toEqual(['2026-12-11'])
  })

  it('reads "Saturday" and "this Saturday" as the coming Saturday, and "next Friday" as Friday of next week', () => {
    expect(read('this Saturday for 10?').dates).toEqual(['2026-12-12'])
    expect(read('Saturday for 10?').dates).toEqual(['2026-12-12'])
    expect(read('next Friday for 10?').dates).toEqual(['2026-12-18'])
    expect(read('next Monday?').dates).toEqual(['2026-12-14'])
    expect(read('how about Wednesday', TODAY).dates).toEqual(['2026-12-09'])
    // On a Sunday the coming Friday is in next week already.
    expect(read('next Friday', '2026-12-13').dates).toEqual(['2026-12-18'])
  })

  it('reads "this weekend" as the coming Saturday and Sunday', () => {
    expect(read('free this weekend?').dates).toEqual(['2026-12-12', '2026-12-13'])
    expect(read('free this weekend?', '2026-12-13').dates).toEqual(['2026-12-13'])
  })

  it('keeps several dates in the order said, each once, at most three', () => {
    expect(read('Dec 14 or Dec 12 or 12/14').dates).toEqual(['2026-12-14', '2026-12-12'])
    expect(read('Dec 14, Dec 15, Dec 16 or Dec 17').dates).toHaveLength(MAX_DATES_PER_QUESTION)
  })

  it('counts weekdays from a Thursday, 1970-01-01', () => {
    expect(weekdayOf('1970-01-01')).toBe(4)
    expect(weekdayOf('2026-12-14')).toBe(1)
    expect(weekdayOf('1969-12-28')).toBe(0)
  })
})

describe('reading the party', () => {
  it.each([
    ['12 guests', { adults: 12, children: 0 }],
    ['for 12', { adults: 12, children: 0 }],
    ['12 people', { adults: 12, children: 0 }],
    ['party of 8', { adults: 8, children: 0 }],
    ['10 adults and 2 kids', { adults: 10, children: 2 }],
    ['12 guests including 2 children', { adults: 10, children: 2 }],
    ['twelve people', { adults: 12, children: 0 }],
    ['a dozen guests', { adults: 12, children: 0 }],
    ['there are 6 of us', { adults: 6, children: 0 }],
  ])('reads "%s"', (said, party) => {
    expect(read(said).party).toEqual(party)
  })

  it('reads a party size followed by punctuation, but not a longer number', () => {
    expect(read('free Dec 14 for 12, and can I cancel?').party).toEqual({ adults: 12, children: 0 })
    expect(read('for 12.').party).toEqual({ adults: 12, children: 0 })
    expect(read('for 1,500').party).toBeNull()
  })

  it('leaves adults at 0 when only children are named', () => {
    expect(read('3 kids').party).toEqual({ adults: 0, children: 3 })
  })

  it('does not take a date, a time, a ZIP or money for a party size', () => {
    expect(read('for Dec 14').party).toBeNull()
    expect(read('for 12/14').party).toBeNull()
    expect(read('for 6pm').party).toBeNull()
    expect(read('for 3 hours').party).toBeNull()
    expect(read('for 10003').party).toBeNull()
    expect(read('is $60 per person right').party).toBeNull()
  })

  it('ignores counts over 1000', () => {
    expect(read('5000 guests').party).toBeNull()
  })

  it('reads a message that is only a number as a bare number, not a party', () => {
    expect(read('12').bareNumber).toBe(12)
    expect(read('12 please').bareNumber).toBe(12)
    expect(read('12').party).toBeNull()
    expect(read('12 guests').bareNumber).toBeNull()
  })
})

describe('reading the ZIP code and the time', () => {
  it('finds a 5-digit ZIP code', () => {
    expect(read('in 10003').zip).toBe('10003')
    expect(read('zip:10003-1234').zip).toBe('10003')
  })

  it('does not take a ZIP code from a date, money or a longer number', () => {
    expect(read('on 2026-12-14').zip).toBeNull()
    expect(read('12/14/2026').zip).toBeNull()
    expect(read('budget is $10000').zip).toBeNull()
    expect(read('10000 dollars').zip).toBeNull()
    expect(read('call 2125550147').zip).toBeNull()
  })

  it('does not take a ZIP code from inside a word (a reference code)', () => {
    expect(read('typed while you were away mxw28519').zip).toBeNull()
    expect(read('ref 10003ab').zip).toBeNull()
    expect(read('zip 10003, 12 guests').zip).toBe('10003')
  })

  it.each([
    ['at 6pm', '18:00'],
    ['6:30 pm', '18:30'],
    ['6:30 p.m.', '18:30'],
    ['18:00', '18:00'],
    ['at noon', '12:00'],
    ['at 6', '18:00'],
    ['7:30', '19:30'],
    ['11:30 am', '11:30'],
    ['12 am', '00:00'],
    ["at 5 o'clock", '17:00'],
  ])('reads "%s" as %s', (said, time) => {
    expect(read(`Dec 14 ${said} for 10`).time).toBe(time)
  })

  it('does not take a party or a date for a time', () => {
    expect(read('Dec 14 for 10 guests').time).toBeNull()
    expect(read('at 10 guests').time).toBeNull()
  })
})

describe('reading what is asked', () => {
  it('reads the example question: dates, party, ZIP, availability and price', () => {
    expect(read('are you free on Dec 14 for 12 people in 10003, and what would it cost?')).toMatchObject({
      intents: ['availability', 'price'],
      dates: ['2026-12-14'],
      party: { adults: 12, children: 0 },
      zip: '10003',
      time: null,
      inferred: false,
    })
  })

  it.each([
    ['Are you available next week?', 'availability'],
    ['When can you come?', 'availability'],
    ['I want to book a party', 'availability'],
    ['Any openings on Saturday?', 'availability'],
    ['How much is it?', 'price'],
    ['What does it cost for 10', 'price'],
    ['Can I get a quote', 'price'],
    ['what is the deposit', 'price'],
    ["What's on the menu?", 'menu'],
    ['Which proteins can we choose?', 'menu'],
    ['Do you have vegetarian options?', 'menu'],
    ['What do you serve?', 'menu'],
    ['Can I cancel?', 'policy'],
    ['What is your refund policy?', 'policy'],
    ['Can I reschedule?', 'policy'],
    ['Is the deposit refundable?', 'policy'],
    ['Do you come to Brooklyn?', 'area'],
    ['Hi there', 'greeting'],
    ['thanks!', 'thanks'],
    ['Can I talk to a person?', 'human'],
    ['I want a human', 'human'],
    ['agent please', 'human'],
  ])('"%s" asks about %s', (said, intent) => {
    expect(read(said).intents).toContain(intent)
  })

  it('does not read "gluten-free" as a question about free dates', () => {
    expect(read('is the food gluten-free?').intents).toEqual(['menu'])
  })

  it('reads "when" about money or a refund as no question about dates', () => {
    expect(read('when do I get my refund?').intents).toEqual(['policy'])
    expect(read('when do I pay the deposit?').intents).not.toContain('availability')
  })

  it('does not read "what do you serve" as a service-area question', () => {
    expect(read('what do you serve?').intents).toEqual(['menu'])
  })

  it('reads a deposit refund question as policy, not price', () => {
    expect(read('do I get my deposit back if I cancel?').intents).toEqual(['policy'])
    expect(read('do I get my deposit back if I cancel?').deposit).toBe(true)
  })

  it('infers the question from the details when no question word is used', () => {
    expect(read('Dec 14, 12 people').intents).toEqual(['availability'])
    expect(read('Dec 14, 12 people, 10003').intents).toEqual(['availability', 'price'])
    expect(read('12 people').intents).toEqual(['price'])
    expect(read('10003?').intents).toEqual(['area'])
    expect(read('12 people').inferred).toBe(true)
  })

  it('notes the menu topics asked about', () => {
    expect(read('do you have vegetarian or tofu dishes?').menuTopics).toEqual(['vegetarian', 'tofu'])
  })

  it('reads nothing from small talk', () => {
    expect(read('the weather is nice')).toMatchObject({ intents: [], dates: [], party: null, zip: null, time: null })
  })
})

describe('reading any text', () => {
  it('never throws, and what it reads is always usable by the tools', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (text, now) => {
        const today = now.toISOString().slice(0, 10)
        const q = readQuestion(text, { today })
        for (const d of q.dates) expect(isRealDate(d)).toBe(true)
        expect(q.dates.length).toBeLessThanOrEqual(MAX_DATES_PER_QUESTION)
        if (q.zip !== null) expect(q.zip).toMatch(/^\d{5}$/)
        if (q.time !== null) expect(q.time).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/)
        if (q.party !== null) {
          expect(Number.isInteger(q.party.adults) && q.party.adults >= 0 && q.party.adults <= 1000).toBe(true)
          expect(Number.isInteger(q.party.children) && q.party.children >= 0 && q.party.children <= 1000).toBe(true)
        }
      }),
      { numRuns: 500 },
    )
  })

  it('reads a month and day without a year as a date on or after today', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.date({ min: new Date('2000-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }), (m, d, now) => {
        const today = now.toISOString().slice(0, 10)
        const [date] = readQuestion(`free on ${m}/${d}?`, { today }).dates
        expect(date).toBeDefined()
        expect((date ?? '') >= today).toBe(true)
        expect(date?.slice(5)).toBe(`${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`)
      }),
    )
  })

  it('reads any party size said as "N guests" in a longer question', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.constantFrom('guests', 'people', 'adults'), (n, word) => {
        expect(read(`Are you free on Dec 14 for ${n} ${word} in 10003 at 6pm?`)).toMatchObject({
          dates: ['2026-12-14'],
          party: { adults: n, children: 0 },
          zip: '10003',
          time: '18:00',
        })
      }),
    )
  })
})
