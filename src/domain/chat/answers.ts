/**
 * Puts the chat tools' results into words: the plain responder's replies, and the AI assistant's
 * fallback when the model's own words name a figure no tool gave (see ./guard).
 *
 * Rules, as the business says them:
 * - Every price, time and percentage in a reply is a tool result's own string, copied as it is:
 *   dates and times by their `label`, money by the quote's `formatted` amounts, the policy by its
 *   sentences. Nothing here computes or reformats an amount, so a reply can never disagree with
 *   the booking form.
 * - A free day reads "Monday, December 14, 12 guests in 10003: free at 5:00 pm and 7:30 pm"; a
 *   day with nothing free says why (fully booked, closed, already past, outside the booking window).
 * - A quote reads "the total would be $783.90 with a $100 deposit"; without a ZIP code it says the
 *   travel fee is still to come.
 * - A tool's refusal is passed on in its own words, once.
 * - Short, friendly sentences; lists one item a line; no tables, no markdown.
 * Pure: never throws on a result of an unexpected shape (the AI path hands over whatever the
 * tools returned) — it leaves out what it cannot read.
 */
import { isRealDate } from '../time'
import { weekdayOf } from './intent'
import { chatLinkSchema, type ChatLink } from './protocol'
import {
  isRefusal,
  type AvailabilityResult,
  type ChatGrounding,
  type ChatToolName,
  type PolicyResult,
  type QuoteResult,
  type StartBookingResult,
} from './tools'

/** One tool call of a turn, as the answerers record it (src/chat/assistant/types.ts ToolCallRecord). */
export interface ChatToolCall {
  name: ChatToolName
  args: unknown
  /** The result or the ToolRefusal, exactly as returned. */
  result: unknown
}

export interface RenderedAnswer {
  text: string
  links: ChatLink[]
}

export interface RenderOptions {
  /** The time the customer asked for ('HH:MM'): the availability sentence says whether it is free. */
  askedTime?: string | null
  /** The conversation belongs to a booking: the policy answer speaks about it. */
  hasBooking?: boolean
}

/** Most start times listed for one day; the rest are counted ("and 12 more times"). */
export const MAX_TIMES_LISTED = 6
/** Most links one reply carries (the wire protocol's limit). */
export const MAX_LINKS = 5

const CLOSED_REASONS: Record<NonNullable<AvailabilityResult['days'][number]['closed']>, string> = {
  full: "we're fully booked that day",
  blackout: "we're not taking events that day",
  past: 'that date has already passed',
  out_of_range: "it's outside the dates we take bookings for",
}

// ── small words ──────────────────────────────────────────────────────────────────────────────

/** "5:00 pm", "5:00 pm and 7:30 pm", "5:00 pm, 6:00 pm and 7:30 pm". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? ''
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

/** "12 guests", "1 guest", "10 adults and 2 children". */
export function guestPhrase(adults: number, children = 0): string {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`
  if (children > 0) return `${plural(adults, 'adult', 'adults')} and ${plural(children, 'child', 'children')}`
  return plural(adults, 'guest', 'guests')
}

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/**
 * '2026-12-14' → 'Monday, December 14' (the tools' label style), for questions the responder asks
 * before any tool ran. Adds the year when it is not the year of `today`. Returns the input for a
 * string that is not a real date.
 */
export function dateLabel(date: string, today?: string): string {
  if (!isRealDate(date)) return date
  const weekday = WEEKDAY_NAMES[weekdayOf(date)]
  const month = MONTH_NAMES[Number(date.slice(5, 7)) - 1]
  const day = Number(date.slice(8, 10))
  const year = date.slice(0, 4)
  const sameYear = today === undefined || today.slice(0, 4) === year
  return `${weekday}, ${month} ${day}${sameYear ? '' : `, ${year}`}`
}

/** Ends a piece of text with a full stop unless it already ends with . ! or ?. */
function sentence(s: string): string {
  const t = s.trim()
  if (t === '') return ''
  return /[.!?]$/.test(t) ? t : `${t}.`
}

function withoutFullStop(s: string): string {
  return s.trim().replace(/[.;,]+$/, '')
}

/** Adds links, skipping repeats of a path and anything the wire protocol would refuse, up to MAX_LINKS. */
export function mergeLinks(into: ChatLink[], more: readonly ChatLink[]): ChatLink[] {
  for (const link of more) {
    if (into.length >= MAX_LINKS) break
    if (!chatLinkSchema.safeParse(link).success) continue
    if (into.some((l) => l.href === link.href)) continue
    into.push(link)
  }
  return into
}

// ── reading results of an unknown shape ──────────────────────────────────────────────────────

type Day = AvailabilityResult['days'][number]

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null
const isString = (v: unknown): v is string => typeof v === 'string'

function readDay(v: unknown): Day | null {
  if (!isObject(v) || !isString(v.date) || !isString(v.label) || !Array.isArray(v.times)) return null
  const times = v.times.filter((t): t is Day['times'][number] => isObject(t) && isString(t.time) && isString(t.label))
  const closed = isString(v.closed) && v.closed in CLOSED_REASONS ? (v.closed as Day['closed']) : undefined
  return { date: v.date, label: v.label, times, ...(closed ? { closed } : {}) }
}

export function readAvailability(v: unknown): AvailabilityResult | null {
  if (!isObject(v) || !Array.isArray(v.days) || typeof v.guests !== 'number') return null
  const days = v.days.map(readDay).filter((d): d is Day => d !== null)
  return { timezone: isString(v.timezone) ? v.timezone : '', guests: v.guests, days }
}

export function readQuote(v: unknown): QuoteResult | null {
  if (!isObject(v) || !isObject(v.formatted) || !isObject(v.guests)) return null
  const f = v.formatted
  if (!isString(f.total) || !isString(f.deposit) || !isString(f.travelFee) || !isString(f.subtotal) || !isString(f.tax)) return null
  const adults = typeof v.guests.adults === 'number' ? v.guests.adults : 0
  const children = typeof v.guests.children === 'number' ? v.guests.children : 0
  const cents = (x: unknown) => (typeof x === 'number' ? x : 0)
  return {
    guests: { adults, children },
    zip: isString(v.zip) ? v.zip : null,
    currency: isString(v.currency) ? v.currency : '',
    subtotalCents: cents(v.subtotalCents),
    travelFeeCents: cents(v.travelFeeCents),
    taxCents: cents(v.taxCents),
    totalCents: cents(v.totalCents),
    depositCents: cents(v.depositCents),
    formatted: { subtotal: f.subtotal, travelFee: f.travelFee, tax: f.tax, total: f.total, deposit: f.deposit },
    travelFeeKnown: v.travelFeeKnown === true,
  }
}

export function readPolicy(v: unknown): PolicyResult | null {
  if (!isObject(v) || !Array.isArray(v.tiers) || !isString(v.deposit) || !isString(v.reschedule)) return null
  const b = v.booking
  const booking =
    isObject(b) && isString(b.reference) && isString(b.eventDate) && typeof b.refundPercent === 'number' && isString(b.refundNow) && isString(b.paid)
      ? { reference: b.reference, eventDate: b.eventDate, refundPercent: b.refundPercent, refundNow: b.refundNow, paid: b.paid }
      : undefined
  return { tiers: v.tiers.filter(isString), deposit: v.deposit, reschedule: v.reschedule, ...(booking ? { booking } : {}) }
}

export function readStartBooking(v: unknown): StartBookingResult | null {
  if (!isObject(v)) return null
  const parsed = chatLinkSchema.safeParse(v.link)
  return parsed.success ? { link: parsed.data } : null
}

// ── sentences ────────────────────────────────────────────────────────────────────────────────

/** The start times of a day as one phrase: "5:00 pm and 7:30 pm", "11:00 am, … and 17 more times". */
export function describeTimes(times: readonly { label: string }[]): string {
  const labels = times.map((t) => t.label)
  if (labels.length <= MAX_TIMES_LISTED) return listWords(labels)
  const rest = labels.length - (MAX_TIMES_LISTED - 1)
  return `${labels.slice(0, MAX_TIMES_LISTED - 1).join(', ')} and ${rest} more times`
}

/**
 * One day of an availability result: "Monday, December 14, 12 guests in 10003: free at 5:00 pm and
 * 7:30 pm". Without a full stop, so a quote can follow after a semicolon.
 */
export function describeDay(day: Day, who: string, askedTime: string | null = null): string {
  const head = `${day.label}, ${who}`
  if (day.times.length === 0) {
    const why = day.closed ? CLOSED_REASONS[day.closed] : 'no start time has room for a party that size'
    return `${head}: nothing is free, ${why}`
  }
  if (askedTime) {
    const asked = day.times.find((t) => t.time === askedTime)
    if (asked) {
      const others = day.times.filter((t) => t !== asked)
      return others.length > 0 ? `${head}: ${asked.label} is free (also ${describeTimes(others)})` : `${head}: ${asked.label} is free`
    }
    return `${head}: the time you asked for isn't free, but ${describeTimes(day.times)} ${day.times.length === 1 ? 'is' : 'are'}`
  }
  return `${head}: free at ${describeTimes(day.times)}`
}

/** "the total would be $783.90 with a $100 deposit" (+ the travel fee, or that it is still to come). */
export function describeQuoteClause(q: QuoteResult): string {
  const deposit = q.depositCents === 0 ? 'with no deposit' : `with a ${q.formatted.deposit} deposit`
  if (!q.travelFeeKnown) return `the total would be ${q.formatted.total} ${deposit}, plus a travel fee that depends on the ZIP code`
  const travel = q.travelFeeCents > 0 ? ` (including a ${q.formatted.travelFee} travel fee)` : ''
  return `the total would be ${q.formatted.total}${travel} ${deposit}`
}

/** "For 12 guests in 10003, the total would be $783.90 with a $100 deposit." */
export function describeQuote(q: QuoteResult): string {
  const where = q.zip ? ` in ${q.zip}` : ''
  return sentence(`For ${guestPhrase(q.guests.adults, q.guests.children)}${where}, ${describeQuoteClause(q)}`)
}

/** The cancellation tiers, the deposit rule and rescheduling, and what they mean for the customer's own booking. */
export function describePolicy(p: PolicyResult, hasBooking = false): string {
  const parts: string[] = []
  const tiers = p.tiers.map(withoutFullStop).filter((t) => t !== '')
  if (tiers.length > 0) parts.push(`Our cancellation policy: ${tiers.join('; ')}.`)
  if (p.deposit.trim() !== '') parts.push(sentence(p.deposit))
  if (p.reschedule.trim() !== '') parts.push(sentence(p.reschedule))
  if (p.booking) {
    const b = p.booking
    parts.push(
      b.refundPercent === 0
        ? `For your booking ${b.reference} on ${b.eventDate}, cancelling now would not be refunded (${b.paid} paid).`
        : `For your booking ${b.reference} on ${b.eventDate}, cancelling now would refund ${b.refundNow} of the ${b.paid} paid (${b.refundPercent}%).`,
    )
  } else if (hasBooking) {
    parts.push('Your booking can no longer be cancelled online; please contact us about it.')
  }
  return parts.join(' ')
}

/** Menu lines from the CMS, those about `topics` when any match ("vegetarian" also finds tofu and vegetables). */
export function describeMenu(menu: readonly string[], topics: readonly string[] = []): string {
  const lines = menu.map((l) => l.trim()).filter((l) => l !== '')
  if (lines.length === 0) return 'The full menu, with prices, is on our menu page.'
  const MAX_LINES = 12
  const show = (ls: string[]) => ls.slice(0, MAX_LINES).join('\n') + (ls.length > MAX_LINES ? '\n…and more on the menu page.' : '')
  if (topics.length > 0) {
    const patterns = topics.map(topicPattern)
    const matching = lines.filter((l) => patterns.some((re) => re.test(l)))
    if (matching.length > 0) return `From our menu:\n${show(matching)}`
    return `I couldn't find ${listWords([...topics])} on the menu list, so here it is in full:\n${show(lines)}`
  }
  return `Here's our menu:\n${show(lines)}`
}

function topicPattern(topic: string): RegExp {
  switch (topic) {
    case 'vegetarian':
    case 'vegan':
      return /vegetarian|vegan|tofu|vegetable|veggie/i
    case 'allergy':
    case 'allergies':
      return /allerg|gluten|nut|shellfish|dairy/i
    case 'scallop':
    case 'scallops':
      return /scallop/i
    case 'noodles':
      return /noodle|yakisoba|lo mein/i
    case 'vegetables':
      return /vegetable|veggie/i
    default:
      return new RegExp(topic.replace(/[^a-z]/g, ''), 'i')
  }
}

/** A refusal's own words, as a sentence. */
export function describeRefusal(message: string): string {
  return sentence(message)
}

// ── the whole turn ───────────────────────────────────────────────────────────────────────────

/**
 * All the turn's tool results in words: availability (with the quote in the same sentence when
 * there is one day and one quote), quotes, refusals (each once), the policy; and the links the
 * tools made (start_booking).
 */
export function renderAnswer(calls: readonly ChatToolCall[], _grounding: ChatGrounding, options: RenderOptions = {}): RenderedAnswer {
  const days: Day[] = []
  let availabilityGuests: number | null = null
  const quotes: QuoteResult[] = []
  const policies: PolicyResult[] = []
  const refusals: string[] = []
  const links: ChatLink[] = []

  for (const call of calls) {
    if (isRefusal(call.result)) {
      const message = isString(call.result.message) ? describeRefusal(call.result.message) : ''
      if (message !== '' && !refusals.includes(message)) refusals.push(message)
      continue
    }
    switch (call.name) {
      case 'check_availability': {
        const a = readAvailability(call.result)
        if (a) {
          days.push(...a.days)
          availabilityGuests = a.guests
        }
        break
      }
      case 'quote': {
        const q = readQuote(call.result)
        if (q) quotes.push(q)
        break
      }
      case 'cancellation_policy': {
        const p = readPolicy(call.result)
        if (p) policies.push(p)
        break
      }
      case 'start_booking': {
        const s = readStartBooking(call.result)
        if (s) mergeLinks(links, [s.link])
        break
      }
    }
  }

  const parts: string[] = []
  const quote = quotes.length === 1 ? quotes[0] : undefined
  const quoteMatchesParty = quote !== undefined && quote.guests.adults + quote.guests.children === availabilityGuests
  const who =
    quote && quoteMatchesParty
      ? `${guestPhrase(quote.guests.adults, quote.guests.children)}${quote.zip ? ` in ${quote.zip}` : ''}`
      : guestPhrase(availabilityGuests ?? 0)
  const askedTime = options.askedTime ?? null
  if (days.length === 1 && quote && quoteMatchesParty) {
    const [day] = days
    if (day) parts.push(sentence(`${describeDay(day, who, askedTime)}; ${describeQuoteClause(quote)}`))
  } else {
    for (const day of days) parts.push(sentence(describeDay(day, who, askedTime)))
    for (const q of quotes) parts.push(describeQuote(q))
  }
  parts.push(...refusals)
  for (const p of policies) parts.push(describePolicy(p, options.hasBooking === true))

  return { text: parts.filter((p) => p !== '').join(' '), links }
}

/** The AI assistant's fallback: the tool results alone, in words (see renderAnswer). */
export function describeToolResults(calls: readonly ChatToolCall[], grounding: ChatGrounding): RenderedAnswer {
  return renderAnswer(calls, grounding)
}

