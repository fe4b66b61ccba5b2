import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { describeToolResults, type ChatToolCall } from '../../../src/domain/chat/answers'
import { vetReply } from '../../../src/domain/chat/guard'
import { respondPlainly, type PlainReply } from '../../../src/domain/chat/plain'
import { chatLinkSchema } from '../../../src/domain/chat/protocol'
import {
  bookingFormHref,
  CHAT_TOOL_ARGS,
  quoteResultOf,
  type AvailabilityResult,
  type ChatGrounding,
  type ChatToolName,
  type ChatTools,
  type PolicyResult,
  type QuoteResult,
  type ToolRefusal,
} from '../../../src/domain/chat/tools'
import { computeQuote } from '../../../src/domain/pricing'
import { DEFAULT_SETTINGS } from '../../../src/domain/settings'
import { formatHHMM, parseHHMM } from '../../../src/domain/time'
import { outsideServiceAreaMessage } from '../../../src/domain/validation'
import { formatCents, formatClock } from '../../../src/site/format'

// Wednesday, December 9, 2026.
const TODAY = '2026-12-09'

const GROUNDING: ChatGrounding = {
  businessName: 'MyHibachi',
  timezone: 'America/New_York',
  today: TODAY,
  menu: [
    'Hibachi Chicken — included: grilled chicken with teriyaki',
    'Hibachi Steak — included: NY strip',
    'Filet Mignon — +$15 per guest: upgrade',
    'Lobster Tail — +$20 per guest: upgrade',
    'Hibachi Tofu — included: vegetarian, firm tofu with vegetables',
    'Gyoza (12 pc) — $12 flat: pan-fried dumplings',
  ],
  faq: 'How long does a party last? About two hours.',
  policies: ['Cancel 7 or more days before: 100% refund.', 'A $100 deposit holds your date.'],
  serviceArea: ['Manhattan: 10001 … 10099 (no travel fee)', 'Upper Manhattan: 10100 … 10299 (travel fee $25)'],
  phone: '(212) 555-0147',
}

const LONG_DAY = '2026-12-16'
const FULL_DAY = '2026-12-19'
const BLACKOUT_DAY = '2026-12-25'
const MAX_GUESTS = 50

/** The calendar the test tools answer from: two free times on Dec 14, every slot on Dec 16, nothing on the 19th and 25th. */
function freeTimesOn(date: string): string[] {
  if (date === '2026-12-14') return ['17:00', '19:30']
  if (date === LONG_DAY) {
    const slots: string[] = []
    for (let m = parseHHMM('11:00'); m <= parseHHMM('22:00'); m += 30) slots.push(formatHHMM(m))
    return slots
  }
  if (date === FULL_DAY || date === BLACKOUT_DAY) return []
  return ['12:00', '18:00']
}

function label(date: string): string {
  const d = new Date(`${date}T12:00:00Z`)
  return d.toLocaleDateString('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' })
}

function shortLabel(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' })
}

const tooMany: ToolRefusal = { refused: true, field: 'guests', message: `We can host at most ${MAX_GUESTS} guests at one event.` }

/**
 * A test double of the tool boundary (src/chat/tools.ts implements it against the database). It
 * checks every call's arguments with the tools' own zod schemas and answers from fixed data,
 * pricing with the real pricing rules so the amounts are the business's own.
 */
class TestTools implements ChatTools {
  readonly calls: { name: ChatToolName; args: unknown }[] = []
  constructor(private readonly booking: PolicyResult['booking'] | undefined = undefined) {}

  private check<N extends ChatToolName>(name: N, args: unknown): void {
    this.calls.push({ name, args })
    const parsed = CHAT_TOOL_ARGS[name].safeParse(args)
    if (!parsed.success) throw new Error(`${name} called with invalid arguments ${JSON.stringify(args)}: ${parsed.error.message}`)
  }

  async check_availability(args: Parameters<ChatTools['check_availability']>[0]): Promise<AvailabilityResult | ToolRefusal> {
    this.check('check_availability', args)
    const guests = args.adults + (args.children ?? 0)
    if (guests > MAX_GUESTS) return tooMany
    const date = args.from
    const times = date < TODAY ? [] : freeTimesOn(date)
    const closed = date < TODAY ? 'past' : date === BLACKOUT_DAY ? 'blackout' : date === FULL_DAY ? 'full' : undefined
    return {
      timezone: 'America/New_York',
      guests,
      days: [{ date, label: label(date), ...(closed ? { closed } : {}), times: times.map((t) => ({ time: t, label: formatClockExact(t), remaining: 15 })) }],
    }
  }

  async quote(args: Parameters<ChatTools['quote']>[0]): Promise<QuoteResult | ToolRefusal> {
    this.check('quote', args)
    const children = args.children ?? 0
    if (args.adults + children > MAX_GUESTS) return tooMany
    const zip = args.zip ?? null
    if (zip !== null && !DEFAULT_SETTINGS.serviceAreas.some((a) => a.zips.includes(zip))) {
      return { refused: true, field: 'address.zip', message: outsideServiceAreaMessage(zip) }
    }
    const q = computeQuote(DEFAULT_SETTINGS, { guests: { adults: args.adults, children }, zip, menu: [] }, [])
    return quoteResultOf({ ...q, currency: 'usd' }, { adults: args.adults, children }, zip, (c) => formatCents(c, 'usd'))
  }

  async cancellation_policy(args: Parameters<ChatTools['cancellation_policy']>[0]): Promise<PolicyResult | ToolRefusal> {
    this.check('cancellation_policy', args)
    return {
      tiers: ['Cancel 7 or more days before: 100% refund', 'Cancel 3–6 days before: 50% refund', 'Cancel less than 3 days before: no refund'],
      deposit: 'A $100 deposit holds your date (or the whole total, if that is less).',
      reschedule: 'You can move your event to another free date up to 7 days before it, at no charge.',
      ...(this.booking ? { booking: this.booking } : {}),
    }
  }

  async start_booking(args: Parameters<ChatTools['start_booking']>[0]) {
    this.check('start_booking', args)
    const pieces = ['Book']
    if (args.date) pieces.push(shortLabel(args.date))
    if (args.time) pieces.push(`at ${formatClockExact(args.time)}`)
    if (args.adults) pieces.push(`for ${args.adults + (args.children ?? 0)}`)
    return { link: { label: pieces.length > 1 ? pieces.join(' ') : 'Open the booking form', href: bookingFormHref(args) } }
  }

  names(): ChatToolName[] {
    return this.calls.map((c) => c.name)
  }
}

/** '17:00' → '5:00 pm' (the availability endpoint's label style: minutes always shown). */
function formatClockExact(hhmm: string): string {
  const short = formatClock(hhmm)
  return short.includes(':') ? short : short.replace(' ', ':00 ')
}

async function ask(text: string, opts: { tools?: TestTools; hasBooking?: boolean; earlier?: string[]; grounding?: ChatGrounding } = {}) {
  const tools = opts.tools ?? new TestTools()
  const reply = await respondPlainly({ text, tools, grounding: opts.grounding ?? GROUNDING, hasBooking: opts.hasBooking ?? false, earlier: opts.earlier })
  return { ...reply, tools }
}

function vet(reply: PlainReply, grounding = GROUNDING) {
  return vetReply(reply.text, [...reply.toolCalls.map((c) => c.result), grounding])
}

describe('dates and prices', () => {
  it('answers the example question with free times, the total and the deposit, and a filled-in booking link', async () => {
    const reply = await ask('are you free on Dec 14 for 12 people in 10003, and what would it cost?')
    expect(reply.text).toBe('Monday, December 14, 12 guests in 10003: free at 5:00 pm and 7:30 pm; the total would be $783.90 with a $100 deposit.')
    expect(reply.links).toEqual([{ label: 'Book Dec 14 at 5:00 pm for 12', href: '/book?date=2026-12-14&time=17%3A00&adults=12&zip=10003' }])
    expect(reply.toolCalls.map((c) => c.name)).toEqual(['check_availability', 'quote', 'start_booking'])
    expect(reply.toolCalls[0]?.args).toEqual({ from: '2026-12-14', adults: 12 })
    expect(reply.toolCalls[1]?.args).toEqual({ adults: 12, zip: '10003', date: '2026-12-14' })
    expect(vet(reply).ok).toBe(true)
  })

  it('names adults and children apart and adds the travel fee of an outer zone', async () => {
    const reply = await ask('how much for 10 adults and 2 kids in 10150?')
    expect(reply.text).toBe('For 10 adults and 2 children in 10150, the total would be $745.79 (including a $25 travel fee) with a $100 deposit.')
    expect(reply.links[0]?.href).toBe('/book?adults=10&children=2&zip=10150')
  })

  it('asks how many guests and which ZIP code when a price is asked with neither', async () => {
    const reply = await ask('how much would it cost?')
    expect(reply.text).toBe('I can work out the exact price. How many guests, and which ZIP code is the party in?')
    expect(reply.tools.names()).toEqual(['start_booking'])
  })

  it('prices a party without a ZIP code, says the travel fee is to come, and asks for the ZIP', async () => {
    const reply = await ask('What would 12 people cost?')
    expect(reply.text).toBe(
      'For 12 guests, the total would be $783.90 with a $100 deposit, plus a travel fee that depends on the ZIP code. Which ZIP code is the party in?',
    )
    expect(vet(reply).ok).toBe(true)
  })

  it('asks for the party size on a known date before checking free times', async () => {
    const reply = await ask('Are you free on Dec 14?')
    expect(reply.text).toBe('I can check our free times. How many guests will there be on Monday, December 14?')
    expect(reply.tools.names()).not.toContain('check_availability')
    expect(reply.links).toEqual([{ label: 'Book Dec 14', href: '/book?date=2026-12-14' }])
  })

  it('asks for the date when only the party is known', async () => {
    const reply = await ask('When are you available for 8 people?')
    expect(reply.text).toBe('I can check our free times. Which date would you like?')
  })

  it('asks how many adults when only children are named', async () => {
    const reply = await ask('free Dec 14 for 3 kids?')
    expect(reply.text).toContain('How many adults will there be on Monday, December 14?')
    expect(reply.tools.names()).not.toContain('check_availability')
  })

  it('says whether the asked time is free', async () => {
    const free = await ask('Dec 14 at 7:30pm for 12?')
    expect(free.text).toBe('Monday, December 14, 12 guests: 7:30 pm is free (also 5:00 pm).')
    expect(free.links[0]?.href).toBe('/book?date=2026-12-14&time=19%3A30&adults=12')
    const taken = await ask('Dec 14 at 6pm for 12?')
    expect(taken.text).toBe("Monday, December 14, 12 guests: the time you asked for isn't free, but 5:00 pm and 7:30 pm are.")
    // The form opens on the day with no time chosen for them, and the reply does not name 6 pm.
    expect(taken.links[0]?.href).toBe('/book?date=2026-12-14&adults=12')
    expect(vet(taken).ok).toBe(true)
  })

  it('explains a day with nothing free', async () => {
    expect((await ask('free on Dec 19 for 12?')).text).toBe("Saturday, December 19, 12 guests: nothing is free, we're fully booked that day.")
    expect((await ask('free on Dec 25 for 12?')).text).toBe("Friday, December 25, 12 guests: nothing is free, we're not taking events that day.")
    expect((await ask('free on 2026-12-01 for 12?')).text).toBe('Tuesday, December 1, 12 guests: nothing is free, that date has already passed.')
  })

  it('opens the form on the first asked date that has a free time', async () => {
    const reply = await ask('Dec 19 or Dec 20 for 10?')
    expect(reply.tools.names()).toEqual(['check_availability', 'check_availability', 'start_booking'])
    expect(reply.links[0]?.href).toBe('/book?date=2026-12-20&time=12%3A00&adults=10')
  })

  it('lists a few times of a day with many and counts the rest', async () => {
    const reply = await ask(`free on ${LONG_DAY} for 4?`)
    expect(reply.text).toBe('Wednesday, December 16, 4 guests: free at 11:00 am, 11:30 am, 12:00 pm, 12:30 pm, 1:00 pm and 18 more times.')
  })

  it('passes on a ZIP code outside the service area in its own words and leaves it out of the link', async () => {
    const reply = await ask('Are you free Dec 14 for 12 in 90210, and how much?')
    expect(reply.text).toContain(outsideServiceAreaMessage('90210'))
    expect(reply.text).toContain('Monday, December 14, 12 guests: free at 5:00 pm and 7:30 pm.')
    expect(reply.links[0]?.href).toBe('/book?date=2026-12-14&time=17%3A00&adults=12')
    expect(vet(reply).ok).toBe(true)
  })

  it('passes on a refusal once when two tools give the same one', async () => {
    const reply = await ask('free Dec 14 for 80 people in 10003, what does it cost?')
    expect(reply.text).toBe(tooMany.message)
  })

  it('continues an earlier question when the customer only answers it', async () => {
    const reply = await ask('12', { earlier: ['Are you free on Dec 14?'] })
    expect(reply.toolCalls[0]).toMatchObject({ name: 'check_availability', args: { from: '2026-12-14', adults: 12 } })
    expect(reply.text).toBe('Monday, December 14, 12 guests: free at 5:00 pm and 7:30 pm.')
    const withZip = await ask('10 people in 10003', { earlier: ['how much is a party?'] })
    expect(withZip.text).toBe('For 10 guests in 10003, the total would be $653.25 with a $100 deposit.')
  })

  it('answers the deposit from the policy when no party is known', async () => {
    const reply = await ask('how much is the deposit?')
    expect(reply.text).toBe(
      'A $100 deposit holds your date (or the whole total, if that is less). How many guests, and which ZIP code is the party in?',
    )
    expect(reply.tools.names()).toContain('cancellation_policy')
    expect(vet(reply).ok).toBe(true)
  })
})

describe('the service area', () => {
  it('checks a ZIP code with the quote tool and names its travel fee', async () => {
    expect((await ask('do you come to 10150?')).text).toBe('Yes, we come to 10150, with a $25 travel fee.')
    expect((await ask('do you come to 10003?')).text).toBe('Yes, we come to 10003, with no travel fee.')
    expect((await ask('do you come to 07030?')).text).toBe(outsideServiceAreaMessage('07030'))
  })

  it('lists the areas and asks for the ZIP code when none is given', async () => {
    const reply = await ask("what's your service area?")
    expect(reply.text).toBe(`We cook in these areas:\n${GROUNDING.serviceArea.join('\n')}\nWhich ZIP code is the party in?`)
    expect(vet(reply).ok).toBe(true)
  })
})

describe('menu and policies', () => {
  it('answers the menu from the CMS menu lines', async () => {
    const reply = await ask("What's on the menu?")
    expect(reply.text).toBe(`Here's our menu:\n${GROUNDING.menu.join('\n')}`)
    expect(reply.links).toEqual([{ label: 'See the menu', href: '/menu' }])
    expect(reply.toolCalls).toEqual([])
    expect(vet(reply).ok).toBe(true)
  })

  it('answers a vegetarian question with the lines about it', async () => {
    const reply = await ask('Do you have vegetarian options?')
    expect(reply.text).toBe('From our menu:\nHibachi Tofu — included: vegetarian, firm tofu with vegetables')
  })

  it('says so when the menu lists nothing about what was asked', async () => {
    const reply = await ask('is there salmon?')
    expect(reply.text.startsWith("I couldn't find salmon on the menu list, so here it is in full:\n")).toBe(true)
  })

  it('answers the cancellation policy from the policy tool', async () => {
    const reply = await ask('What is your cancellation policy?')
    expect(reply.text).toBe(
      'Our cancellation policy: Cancel 7 or more days before: 100% refund; Cancel 3–6 days before: 50% refund; Cancel less than 3 days before: no refund. ' +
        'A $100 deposit holds your date (or the whole total, if that is less). You can move your event to another free date up to 7 days before it, at no charge.',
    )
    expect(reply.links).toEqual([{ label: 'Read our policies', href: '/policies' }])
    expect(vet(reply).ok).toBe(true)
  })

  it('puts the booking link first when a question is about dates and the policy', async () => {
    const reply = await ask('are you free Dec 14 for 12, and can I cancel later?')
    expect(reply.links.map((l) => l.href)).toEqual(['/book?date=2026-12-14&time=17%3A00&adults=12', '/policies'])
    expect(reply.text).toMatch(/^Monday, December 14, 12 guests: free at 5:00 pm and 7:30 pm\. Our cancellation policy: /)
  })

  it("speaks about the customer's own booking when the conversation has one", async () => {
    const tools = new TestTools({ reference: 'MH-1042', eventDate: 'Monday, December 21', refundPercent: 100, refundNow: '$100', paid: '$100' })
    const reply = await ask('can I cancel?', { tools, hasBooking: true })
    expect(reply.text).toContain('For your booking MH-1042 on Monday, December 21, cancelling now would refund $100 of the $100 paid (100%).')
    expect(vet(reply).ok).toBe(true)
    const late = await ask('can I cancel?', { hasBooking: true })
    expect(late.text).toContain('Your booking can no longer be cancelled online; please contact us about it.')
  })
})

describe('small talk and everything else', () => {
  it('introduces itself as an automatic helper on a greeting', async () => {
    const reply = await ask('hello')
    expect(reply.text).toMatch(/^Hi! I'm MyHibachi's automatic helper\./)
    expect(reply.toolCalls).toEqual([])
  })

  it('greets and answers in one reply', async () => {
    expect((await ask('hi, what is on the menu')).text.startsWith("Hi! Here's our menu:")).toBe(true)
  })

  it('says it is not a person and gives the phone number and contact page when asked for one', async () => {
    const reply = await ask('can I talk to a real person?')
    expect(reply.text).toBe("I'm an automatic helper, not a person. To talk to our team, call (212) 555-0147 or write to us through the contact page.")
    expect(reply.links).toEqual([{ label: 'Contact us', href: '/contact' }])
  })

  it('says what it can do and offers the booking form, the FAQ and the contact page for anything else', async () => {
    const reply = await ask('Do you bring your own grill?')
    expect(reply.text).toContain("I'm an automatic helper")
    expect(reply.text).toContain('(212) 555-0147')
    expect(reply.links.map((l) => l.href)).toEqual(['/book', '/faq', '/contact'])
    const noPhone = await ask('Do you bring your own grill?', { grounding: { ...GROUNDING, phone: null } })
    expect(noPhone.text).not.toContain('call us')
    expect(noPhone.text).toContain('write to us through the contact page')
  })

  it('thanks back', async () => {
    expect((await ask('thank you!')).text).toMatch(/^You're welcome!/)
  })
})

describe('the AI fallback renderer', () => {
  it('words the same results the same way as the plain responder', async () => {
    const reply = await ask('are you free on Dec 14 for 12 people in 10003, and what would it cost?')
    const calls: ChatToolCall[] = reply.toolCalls
    expect(describeToolResults(calls, GROUNDING)).toEqual({ text: reply.text, links: reply.links })
  })

  it('leaves out results of a shape it cannot read instead of throwing', () => {
    const calls: ChatToolCall[] = [
      { name: 'check_availability', args: {}, result: { days: 'none' } },
      { name: 'quote', args: {}, result: null },
      { name: 'start_booking', args: {}, result: { link: { label: 'x', href: 'https://evil.example' } } },
      { name: 'cancellation_policy', args: {}, result: { refused: true, field: '', message: 'Not now' } },
    ]
    expect(describeToolResults(calls, GROUNDING)).toEqual({ text: 'Not now.', links: [] })
  })
})

// ── properties ───────────────────────────────────────────────────────────────────────────────

const questionParts = fc.record({
  date: fc.constantFrom('', 'Dec 14', 'December 19th', '12/25', '16 Dec', LONG_DAY, 'tomorrow', 'this Saturday', 'next Friday', '2026-12-01', 'the 20th'),
  party: fc.constantFrom('', '12 people', 'for 8', '10 adults and 2 kids', 'party of 60', '3 kids', 'a dozen guests'),
  zip: fc.constantFrom('', 'in 10003', 'in 10150', 'in 90210', 'zip 07030'),
  time: fc.constantFrom('', 'at 6pm', 'at 7:30 pm', '18:00', 'at noon', 'at 5'),
  ask: fc.constantFrom('', 'are you free', 'how much', 'what does it cost', 'menu?', 'can I cancel?', 'deposit?', 'hi', 'talk to a human', 'do you come to', 'vegetarian?'),
})

describe('any message', () => {
  it('gets a reply whose every figure comes from its tool results or the CMS text, with valid tool arguments', async () => {
    await fc.assert(
      fc.asyncProperty(questionParts, fc.boolean(), async (p, hasBooking) => {
        const text = [p.ask, p.date, p.party, p.zip, p.time].filter((s) => s !== '').join(' ')
        const tools = new TestTools(hasBooking ? { reference: 'MH-7', eventDate: 'Monday, December 21', refundPercent: 50, refundNow: '$50', paid: '$100' } : undefined)
        const reply = await respondPlainly({ text, tools, grounding: GROUNDING, hasBooking })
        expect(reply.text.trim()).not.toBe('')
        const check = vet(reply)
        expect(check.unsupported).toEqual([])
        expect(check.ok).toBe(true)
        expect(reply.links.length).toBeLessThanOrEqual(5)
        for (const l of reply.links) expect(chatLinkSchema.safeParse(l).success).toBe(true)
        expect(reply.toolCalls.map((c) => c.name)).toEqual(tools.names())
      }),
      { numRuns: 400 },
    )
  })

  it('never throws on arbitrary text, and what it says passes the guard', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 200 })), fc.boolean(), async (text, hasBooking) => {
        const reply = await respondPlainly({ text, tools: new TestTools(), grounding: GROUNDING, hasBooking })
        expect(reply.text.trim()).not.toBe('')
        expect(vet(reply).ok).toBe(true)
      }),
      { numRuns: 500 },
    )
  })

  it('never names a figure of its own even when the CMS text has none', async () => {
    const bare: ChatGrounding = { ...GROUNDING, menu: [], serviceArea: [], policies: [], faq: '', phone: null }
    await fc.assert(
      fc.asyncProperty(questionParts, async (p) => {
        const text = [p.ask, p.date, p.party, p.zip, p.time].filter((s) => s !== '').join(' ')
        const reply = await respondPlainly({ text, tools: new TestTools(), grounding: bare, hasBooking: false })
        // Evidence is the tool results alone: the CMS text adds nothing here.
        expect(vetReply(reply.text, reply.toolCalls.map((c) => c.result)).ok).toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})
