// Booking email templates: staff may use only the placeholders that exist, a customer's own words
// can never become markup or a private link, dates are on the business's clock and money comes
// from integer cents; which emails a booking's change sends, and when the scheduled ones go.
import { describe, expect, it } from 'vitest'

import { DEFAULT_TEMPLATES } from '../../src/collections/EmailTemplates/defaults'
import { bookingEmailValues, renderTemplate, type BookingEmailContext } from '../../src/collections/EmailTemplates/render'
import { BOOKING_EMAIL_EVENTS } from '../../src/domain'
import { planBookingEmails, reminderAt, reminderDue, scheduledEmailWanted, thankYouAt } from '../../src/domain/messaging/bookingEmails'
import { fillText, placeholdersIn, samplePlaceholderValues, templateProblems, type PlaceholderValues } from '../../src/domain/messaging/templates'
import type { Booking } from '../../src/payload-types'
import { bold, bullets, link, numbered, paragraph, richText } from '../../src/seed/lexical'
import { settingsWith } from './support'

const ORIGIN = 'https://book.myhibachi.example'
const values = (overrides: Partial<PlaceholderValues> = {}): PlaceholderValues => ({ ...samplePlaceholderValues(), ...overrides })

function booking(overrides: Partial<Booking> = {}): Booking {
  return {
    id: 77,
    title: 'x',
    eventDate: '2026-11-07',
    startTime: '18:30',
    durationMinutes: 150,
    status: 'confirmed',
    contact: { name: 'Ana María <b>Ruiz</b>', email: 'ana@example.com', phone: '212-555-0100' },
    customer: 5,
    guests: { adults: 10, children: 2 },
    address: { street: '12 Park Ave & 3rd', city: 'New York', state: 'NY', zip: '10016' },
    pricing: { totalCents: 78_050, depositCents: 20_000, currency: 'usd' },
    payment: { depositPaidCents: 20_000, balancePaidCents: 0, refundedCents: 0 },
    // 18:30 in New York on 2026-11-07 is EST (UTC−5): 23:30Z; the event ends at 21:00 local.
    startsAt: '2026-11-07T23:30:00.000Z',
    endsAt: '2026-11-08T02:00:00.000Z',
    createdAt: '2026-10-01T12:00:00.000Z',
    updatedAt: '2026-10-01T12:00:00.000Z',
    ...overrides,
  } as Booking
}

const ctx = (overrides: Partial<BookingEmailContext> = {}): BookingEmailContext => ({ event: 'confirmed', origin: ORIGIN, ...overrides })

describe('checking a template when staff save it', () => {
  it('accepts every default wording for its own email', () => {
    for (const event of BOOKING_EMAIL_EVENTS) expect(templateProblems(DEFAULT_TEMPLATES[event], event), event).toEqual([])
  })

  it('refuses an unknown placeholder in the subject, naming the subject and the placeholder', () => {
    const issues = templateProblems({ subject: 'Hi {{custmerName}}', body: richText(paragraph('Hello')) }, 'confirmed')
    expect(issues.map((i) => i.path)).toEqual(['subject'])
    expect(issues[0]?.message).toContain('{{custmerName}}')
  })

  it('refuses an unknown placeholder in the body, naming the body', () => {
    const issues = templateProblems({ subject: 'Hi', body: richText(paragraph('Your ', bold('{{partySize}}'), ' guests')) }, 'confirmed')
    expect(issues.map((i) => i.path)).toEqual(['body'])
    expect(issues[0]?.message).toContain('{{partySize}}')
  })

  it('refuses a placeholder split across two styles, which would reach the customer as braces', () => {
    const issues = templateProblems({ body: richText(paragraph('Hello {{customer', bold('Name}}'))) })
    expect(issues.map((i) => i.path)).toEqual(['body'])
    expect(issues[0]?.message).toMatch(/whole/)
  })

  it('refuses a link in the subject', () => {
    expect(templateProblems({ subject: 'Manage: {{manageLink}}' }).map((i) => i.path)).toEqual(['subject'])
  })

  it("refuses a placeholder inside a link's address", () => {
    const issues = templateProblems({ body: richText(paragraph(link('Manage', 'https://x.example/{{manageLink}}'))) })
    expect(issues.map((i) => i.path)).toEqual(['body'])
  })

  it('refuses the balance link outside the balance email, and accepts it there', () => {
    const body = richText(paragraph('Pay: {{balanceLink}}'))
    expect(templateProblems({ body }, 'confirmed').map((i) => i.path)).toEqual(['body'])
    expect(templateProblems({ body }, 'balance_due')).toEqual([])
  })

  it('accepts spaces inside the braces', () => {
    expect(placeholdersIn('Hi {{ firstName }}!')).toEqual(['firstName'])
    expect(templateProblems({ subject: 'Hi {{ firstName }}!' })).toEqual([])
  })
})

describe('rendering a template', () => {
  it('fills the subject as one plain line', () => {
    const email = renderTemplate({ subject: 'Party on {{eventDate}}\nfor {{customerName}}', body: richText(paragraph('x')) }, values({ customerName: 'Jo <Jo>' }), ORIGIN)
    expect(email.subject).toBe('Party on Saturday, June 6, 2026 for Jo <Jo>')
  })

  it('HTML-escapes the values in the HTML part, and keeps them as written in the text part', () => {
    const tpl = { subject: 's', body: richText(paragraph('Hello ', bold('{{customerName}}'), ', see you at {{address}}')) }
    const email = renderTemplate(tpl, values({ customerName: '<script>alert(1)</script>', address: 'A & B "St"' }), ORIGIN)
    expect(email.html).toContain('Hello <strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>, see you at A &amp; B &quot;St&quot;')
    expect(email.html).not.toContain('<script>')
    expect(email.text).toBe('Hello <script>alert(1)</script>, see you at A & B "St"\n')
  })

  it('turns a link placeholder into a link in HTML and the address in text', () => {
    const email = renderTemplate({ subject: 's', body: richText(paragraph('Manage: {{manageLink}}')) }, values({ manageLink: '[[link:manage]]' }), ORIGIN)
    expect(email.html).toMatch(/Manage: <a href="\[\[link:manage\]\]"[^>]*>\[\[link:manage\]\]<\/a>/)
    expect(email.text).toBe('Manage: [[link:manage]]\n')
  })

  it("never lets a customer's words open a private link or add a placeholder", () => {
    const email = renderTemplate({ subject: '{{customerName}}', body: richText(paragraph('Hi {{customerName}}')) }, values({ customerName: '[[link:manage]] {{balanceLink}}' }), ORIGIN)
    expect(email.text).not.toContain('[[link:')
    expect(email.html).not.toContain('[[link:')
    expect(email.subject).not.toContain('[[link:')
    expect(fillText('{{customerName}}', values({ customerName: '{{accountLink}}' }))).toBe('{ {accountLink}}')
  })

  it('makes links staff insert absolute, drops unsafe ones, and shows addresses in the text part', () => {
    const body = richText(paragraph(link('our menu', '/menu'), ' and ', link('bad', 'javascript:alert(1)'), ' and ', link('https://x.example/a', 'https://x.example/a')))
    const email = renderTemplate({ subject: 's', body }, values(), ORIGIN)
    expect(email.html).toContain(`<a href="${ORIGIN}/menu"`)
    expect(email.html).not.toContain('javascript:')
    expect(email.text).toBe(`our menu (${ORIGIN}/menu) and bad and https://x.example/a\n`)
  })

  it('writes lists in the text part with dashes and numbers', () => {
    const body = richText(paragraph('Bring:'), bullets(['plates'], ['chairs']), numbered(['first'], ['second']))
    const email = renderTemplate({ subject: 's', body }, values(), ORIGIN)
    expect(email.text).toBe('Bring:\n\n- plates\n- chairs\n\n1. first\n2. second\n')
    expect(email.html).toContain('<ul')
  })

  it('wraps the HTML part in a whole document titled with the subject', () => {
    const email = renderTemplate({ subject: 'Hi & bye', body: richText(paragraph('x')) }, values(), ORIGIN)
    expect(email.html.startsWith('<!doctype html>')).toBe(true)
    expect(email.html).toContain('<title>Hi &amp; bye</title>')
  })
})

describe("one booking's values", () => {
  it('words dates and times on the business clock, across the end of daylight saving time', () => {
    const { values: v } = bookingEmailValues(booking(), settingsWith({ timezone: 'America/New_York' }), ctx())
    expect(v.eventDate).toBe('Saturday, November 7, 2026')
    expect(v.startTime).toBe('6:30 pm')
    expect(v.endTime).toBe('9 pm')
    expect(v.guests).toBe('12 guests (10 adults, 2 children)')
  })

  it('words money from integer cents in the booking currency', () => {
    const { values: v } = bookingEmailValues(booking(), settingsWith(), ctx())
    expect(v.totalDollars).toBe('$780.50')
    expect(v.depositDollars).toBe('$200')
    expect(v.paidDollars).toBe('$200')
    expect(v.balanceDollars).toBe('$580.50')
    expect(v.refundDollars).toBe('$0')
  })

  it('gives the refund the policy granted only to a cancelled booking, and nothing still due', () => {
    const cancelled = booking({ status: 'cancelled', cancellation: { refundCents: 20_000, refundPercent: 100 } })
    const { values: v } = bookingEmailValues(cancelled, settingsWith(), ctx({ event: 'cancelled' }))
    expect(v.refundDollars).toBe('$200')
    expect(v.balanceDollars).toBe('$0')
  })

  it('seals the manage link when the token is known, and points to the account page otherwise', () => {
    const known = bookingEmailValues(booking(), settingsWith(), ctx({ event: 'received', manageToken: 'Tok_123456789012345678901' }))
    expect(known.values.manageLink).toBe('[[link:manage]]')
    expect(known.links).toEqual({ manage: `${ORIGIN}/booking/Tok_123456789012345678901` })
    const unknown = bookingEmailValues(booking(), settingsWith(), ctx())
    expect(unknown.values.manageLink).toBe(`${ORIGIN}/account`)
    expect(unknown.links).toEqual({})
  })

  it('asks for the amount of the balance link, sealed, with why it came', () => {
    const { values: v, links } = bookingEmailValues(booking(), settingsWith(), ctx({ event: 'balance_due', balance: { url: `${ORIGIN}/pay/abc`, amountCents: 12_345, why: 'card_failed' } }))
    expect(v.balanceDollars).toBe('$123.45')
    expect(v.balanceLink).toBe('[[link:balance]]')
    expect(links.balance).toBe(`${ORIGIN}/pay/abc`)
    expect(v.balanceReason).toMatch(/declined/)
  })

  it('renders the default received email with the manage link only as a marker', () => {
    const { values: v } = bookingEmailValues(booking({ status: 'pending' }), settingsWith(), ctx({ event: 'received', manageToken: 'Tok_123456789012345678901' }))
    const email = renderTemplate(DEFAULT_TEMPLATES.received, v, ORIGIN)
    expect(email.subject).toBe('We received your hibachi booking for Saturday, November 7, 2026')
    expect(email.text).toContain('[[link:manage]]')
    expect(email.text).not.toContain('Tok_')
    expect(email.html).toContain('Hello Ana,')
    expect(email.html).toContain('12 Park Ave &amp; 3rd')
  })
})

describe('which emails a booking change sends', () => {
  const at = '2026-11-07T23:30:00.000Z'
  it('a new pending booking gets "received"; one booked confirmed gets "confirmed" and its reminders', () => {
    expect(planBookingEmails({ operation: 'create', after: { status: 'pending', startsAt: at } })).toEqual({ send: [{ event: 'received' }], unschedule: false, schedule: false })
    expect(planBookingEmails({ operation: 'create', after: { status: 'confirmed', startsAt: at } })).toEqual({ send: [{ event: 'confirmed' }], unschedule: false, schedule: true })
  })

  it('confirming sends "confirmed" and schedules; cancelling sends "cancelled" and unschedules', () => {
    expect(planBookingEmails({ operation: 'update', before: { status: 'pending', startsAt: at }, after: { status: 'confirmed', startsAt: at } }).send).toEqual([{ event: 'confirmed' }])
    expect(planBookingEmails({ operation: 'update', before: { status: 'confirmed', startsAt: at }, after: { status: 'cancelled', startsAt: at } })).toEqual({ send: [{ event: 'cancelled' }], unschedule: true, schedule: false })
  })

  it('moving a confirmed booking sends "rescheduled" once per new start and moves its reminders', () => {
    const plan = planBookingEmails({ operation: 'update', before: { status: 'confirmed', startsAt: at }, after: { status: 'confirmed', startsAt: '2026-11-08T23:30:00Z' } })
    expect(plan).toEqual({ send: [{ event: 'rescheduled', variant: '2026-11-08T23:30:00.000Z' }], unschedule: true, schedule: true })
  })

  it('sends nothing for a change that neither moves nor changes the status (a payment, a note)', () => {
    expect(planBookingEmails({ operation: 'update', before: { status: 'confirmed', startsAt: at }, after: { status: 'confirmed', startsAt: '2026-11-07T23:30:00Z' } })).toEqual({ send: [], unschedule: false, schedule: false })
  })

  it('an expired hold or a no-show drops the scheduled emails and sends nothing', () => {
    expect(planBookingEmails({ operation: 'update', before: { status: 'pending', startsAt: at }, after: { status: 'expired', startsAt: at } })).toEqual({ send: [], unschedule: true, schedule: false })
  })
})

describe('when the scheduled emails go', () => {
  it('reminds 48 hours before the start, unless that has passed', () => {
    const start = new Date('2026-11-07T23:30:00Z')
    expect(reminderAt(start).toISOString()).toBe('2026-11-05T23:30:00.000Z')
    expect(reminderDue(start, new Date('2026-11-05T23:00:00Z'))).toBe(true)
    expect(reminderDue(start, new Date('2026-11-06T00:00:00Z'))).toBe(false)
  })

  it('thanks three hours after the end, or at 10 the next morning when that falls in the night', () => {
    // Ends 15:00 local (EST) → 18:00 local.
    expect(thankYouAt(new Date('2026-11-07T20:00:00Z'), 'America/New_York').toISOString()).toBe('2026-11-07T23:00:00.000Z')
    // Ends 21:00 local → midnight → 10:00 the next morning (EST, UTC−5).
    expect(thankYouAt(new Date('2026-11-08T02:00:00Z'), 'America/New_York').toISOString()).toBe('2026-11-08T15:00:00.000Z')
    // Ends 19:00 local on the day before DST ends (EDT) → 22:00 → 10:00 EST on 2026-11-01.
    expect(thankYouAt(new Date('2026-10-31T23:00:00Z'), 'America/New_York').toISOString()).toBe('2026-11-01T15:00:00.000Z')
  })

  it('a reminder goes only for a booking still confirmed at the same start; a thank-you never for a cancelled one', () => {
    const start = '2026-11-07T23:30:00.000Z'
    const before = new Date('2026-11-05T23:30:00Z')
    expect(scheduledEmailWanted('reminder', { status: 'confirmed', startsAt: start }, start, before)).toBe(true)
    expect(scheduledEmailWanted('reminder', { status: 'confirmed', startsAt: '2026-11-08T23:30:00.000Z' }, start, before)).toBe(false)
    expect(scheduledEmailWanted('reminder', { status: 'cancelled', startsAt: start }, start, before)).toBe(false)
    expect(scheduledEmailWanted('thank_you', { status: 'completed', startsAt: start }, start, new Date('2026-11-08T15:00:00Z'))).toBe(true)
    expect(scheduledEmailWanted('thank_you', { status: 'cancelled', startsAt: start }, start, new Date('2026-11-08T15:00:00Z'))).toBe(false)
  })
})
