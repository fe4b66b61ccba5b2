/**
 * The plain responder: the storefront chat's answerer when no AI is configured. It reads the
 * customer's message with fixed patterns (./intent), calls the same tools the AI would, and words
 * the results with ./answers. It never pretends to be a person or an AI.
 *
 * Rules, as the business says them:
 * - Free times need a date and a party size; a price needs a party size and, for the travel fee,
 *   a ZIP code. When something is missing the reply asks for exactly that ("How many guests, and
 *   which ZIP code is the party in?"); a price without a ZIP is still given, saying the travel fee
 *   is to come.
 * - Every amount, time and percentage in a reply comes from a tool result or the CMS text: the
 *   guard (./guard vetReply) passes on every reply this file writes.
 * - A tool's refusal (a ZIP outside the service area, too many guests) is passed on in its words.
 * - Replies about dates or prices carry a link that opens the booking form filled in with what is
 *   known: the first asked date with a free time, at the asked time when it is free (no time when
 *   it is not), or at the first free time when none was asked.
 * - Menu answers come from the CMS menu lines, policy answers from the cancellation_policy tool.
 * - Anything else: it says it is an automatic helper for dates, prices, the menu and policies,
 *   and offers the booking form, the FAQ, the contact page and the phone number.
 * Pure apart from the tools it is given; a tool that throws (the database is down) makes this
 * throw too, and the chat server answers with its own error.
 */
import {
  describeMenu,
  dateLabel,
  mergeLinks,
  readAvailability,
  readPolicy,
  readQuote,
  readStartBooking,
  renderAnswer,
  type ChatToolCall,
} from './answers'
import { readQuestion, type Party, type Question, type QuestionIntent } from './intent'
import type { ChatLink } from './protocol'
import {
  bookingFormHref,
  isRefusal,
  type ChatGrounding,
  type ChatTools,
  type CheckAvailabilityArgs,
  type QuoteArgs,
  type StartBookingArgs,
} from './tools'

export interface PlainInput {
  /** The customer's newest message. */
  text: string
  tools: ChatTools
  grounding: ChatGrounding
  /** The conversation belongs to a booking (a manage link): policy answers speak about it. */
  hasBooking: boolean
  /**
   * The customer's earlier messages, oldest first (optional). A date, party, ZIP or time missing
   * from `text` is taken from the newest of them that has it, and a message that only gives such
   * details ("12 people", "12") continues the earlier question.
   */
  earlier?: readonly string[]
}

export interface PlainReply {
  text: string
  links: ChatLink[]
  toolCalls: ChatToolCall[]
}

const LINKS = {
  book: { label: 'Open the booking form', href: '/book' },
  menu: { label: 'See the menu', href: '/menu' },
  policies: { label: 'Read our policies', href: '/policies' },
  faq: { label: 'Read the FAQ', href: '/faq' },
  contact: { label: 'Contact us', href: '/contact' },
} as const satisfies Record<string, ChatLink>

const MAIN_INTENTS: readonly QuestionIntent[] = ['availability', 'price', 'menu', 'policy', 'area']

type Need = 'date' | 'guests' | 'adults' | 'zip'

export async function respondPlainly(input: PlainInput): Promise<PlainReply> {
  const { tools, grounding } = input
  const q = withEarlier(readQuestion(input.text, { today: grounding.today }), input.earlier ?? [], grounding.today)
  const has = (i: QuestionIntent) => q.intents.includes(i)
  const calls: ChatToolCall[] = []
  const links: ChatLink[] = []
  const needs = new Set<Need>()
  const party = q.party !== null && q.party.adults >= 1 ? q.party : null

  const record = <R>(name: ChatToolCall['name'], args: unknown, result: R): R => {
    calls.push({ name, args, result })
    return result
  }

  // ── the only-small-talk turns ──
  const main = q.intents.filter((i) => MAIN_INTENTS.includes(i))
  if (main.length === 0 && !has('human')) {
    if (has('greeting')) return { text: introduction(grounding), links: [LINKS.book, LINKS.menu], toolCalls: [] }
    if (has('thanks')) return { text: "You're welcome! Ask any time about dates, prices, the menu or our policies.", links: [], toolCalls: [] }
    return unknownQuestion(grounding)
  }

  // ── availability ──
  const availabilityCalls: { date: string; result: unknown }[] = []
  if (has('availability')) {
    if (q.dates.length === 0) needs.add('date')
    if (q.party === null) needs.add('guests')
    else if (party === null) needs.add('adults')
    if (party !== null) {
      for (const date of q.dates) {
        const args: CheckAvailabilityArgs = { from: date, adults: party.adults, ...(party.children > 0 ? { children: party.children } : {}) }
        availabilityCalls.push({ date, result: record('check_availability', args, await tools.check_availability(args)) })
      }
    }
  }

  // ── price ──
  let quoteRefusedZip = false
  const depositOnly = has('price') && q.deposit && party === null && !has('policy')
  if (has('price') && !depositOnly) {
    if (q.party === null) needs.add('guests')
    else if (party === null) needs.add('adults')
    if (q.zip === null) needs.add('zip')
    if (party !== null) {
      const date = q.dates.length === 1 ? q.dates[0] : undefined
      const args: QuoteArgs = {
        ...partyArgs(party),
        ...(q.zip !== null ? { zip: q.zip } : {}),
        ...(date !== undefined ? { date } : {}),
        ...(date !== undefined && q.time !== null ? { time: q.time } : {}),
      }
      const result = record('quote', args, await tools.quote(args))
      quoteRefusedZip = isRefusal(result) && /zip/i.test(result.field)
    }
  }

  // ── policy ──
  if (has('policy')) {
    const args = {}
    record('cancellation_policy', args, await tools.cancellation_policy(args))
  }

  // Everything so far, in words; the extra sections below speak for their own calls.
  const rendered = renderAnswer(calls, grounding, { askedTime: q.time, hasBooking: input.hasBooking })
  const sections: string[] = rendered.text === '' ? [] : [rendered.text]

  if (depositOnly) {
    const args = {}
    const result = record('cancellation_policy', args, await tools.cancellation_policy(args))
    const policy = readPolicy(result)
    if (isRefusal(result)) sections.push(result.message)
    else if (policy && policy.deposit.trim() !== '') sections.push(policy.deposit.trim())
    needs.add(q.party === null ? 'guests' : 'adults')
    if (q.zip === null) needs.add('zip')
  }

  // ── service area ──
  if (has('area') && !(has('price') && party !== null && q.zip !== null)) {
    if (q.zip === null) {
      const areas = grounding.serviceArea.map((l) => l.trim()).filter((l) => l !== '')
      if (areas.length > 0) sections.push(`We cook in these areas:\n${areas.join('\n')}`)
      needs.add('zip')
    } else {
      // A one-guest quote is the service-area check itself: it refuses a ZIP we do not serve and
      // names the travel fee of one we do (the fee does not depend on the party).
      const args: QuoteArgs = { adults: 1, zip: q.zip }
      const result = record('quote', args, await tools.quote(args))
      const quote = readQuote(result)
      if (isRefusal(result)) sections.push(result.message)
      else if (quote) {
        sections.push(
          quote.travelFeeCents > 0
            ? `Yes, we come to ${q.zip}, with a ${quote.formatted.travelFee} travel fee.`
            : `Yes, we come to ${q.zip}, with no travel fee.`,
        )
      }
    }
  }

  // ── the booking link ──
  if (has('availability') || has('price')) {
    const args = bookingArgs(q, party, availabilityCalls, quoteRefusedZip)
    const result = record('start_booking', args, await tools.start_booking(args))
    const started = readStartBooking(result)
    mergeLinks(links, [started ? started.link : { label: LINKS.book.label, href: bookingFormHref(isRefusal(result) ? {} : args) }])
  }
  mergeLinks(links, rendered.links)
  if (has('policy')) mergeLinks(links, [LINKS.policies])

  // ── menu ──
  if (has('menu')) {
    sections.push(describeMenu(grounding.menu, q.menuTopics))
    mergeLinks(links, [LINKS.menu])
  }

  // ── a person ──
  if (has('human')) {
    sections.push(
      grounding.phone
        ? `I'm an automatic helper, not a person. To talk to our team, call ${grounding.phone} or write to us through the contact page.`
        : "I'm an automatic helper, not a person. To talk to our team, write to us through the contact page.",
    )
    mergeLinks(links, [LINKS.contact])
  }

  // ── what is still missing ──
  const ask = askFor(needs, q, grounding.today)
  if (ask !== '') {
    if (sections.length === 0) sections.push(has('availability') ? 'I can check our free times.' : 'I can work out the exact price.')
    sections.push(ask)
  }

  const opening = has('greeting') ? 'Hi! ' : ''
  return { text: opening + sections.join(sections.some((s) => s.includes('\n')) ? '\n' : ' '), links, toolCalls: calls }
}

function partyArgs(party: Party): { adults: number; children?: number } {
  return { adults: party.adults, ...(party.children > 0 ? { children: party.children } : {}) }
}

/**
 * The booking form's prefill: the first asked date that has a free time, at the asked time when
 * it is free (or the first free time when none was asked); the party; the ZIP unless it was refused.
 */
function bookingArgs(q: Question, party: Party | null, checked: { date: string; result: unknown }[], zipRefused: boolean): StartBookingArgs {
  let date: string | undefined
  let time: string | undefined
  if (checked.length > 0) {
    for (const c of checked) {
      const day = readAvailability(c.result)?.days.find((d) => d.date === c.date && d.times.length > 0)
      if (!day) continue
      date = day.date
      const asked = q.time === null ? undefined : day.times.find((t) => t.time === q.time)
      time = q.time === null ? day.times[0]?.time : asked?.time
      break
    }
  } else if (q.dates.length === 1) {
    date = q.dates[0]
    time = q.time ?? undefined
  }
  return {
    ...(date !== undefined ? { date } : {}),
    ...(date !== undefined && time !== undefined ? { time } : {}),
    ...(party !== null ? partyArgs(party) : {}),
    ...(q.zip !== null && !zipRefused ? { zip: q.zip } : {}),
  }
}

/** "How many guests, and which ZIP code is the party in?" — exactly what is missing, in one question. */
function askFor(needs: ReadonlySet<Need>, q: Question, today: string): string {
  const onDate = q.dates.length === 1 && q.dates[0] !== undefined ? ` on ${dateLabel(q.dates[0], today)}` : ''
  const only = needs.size === 1
  const phrases: string[] = []
  if (needs.has('date')) phrases.push('which date would you like')
  if (needs.has('guests')) phrases.push(only ? `how many guests will there be${onDate}` : 'how many guests')
  else if (needs.has('adults')) phrases.push(only ? `how many adults will there be${onDate}` : 'how many adults')
  if (needs.has('zip')) phrases.push('which ZIP code is the party in')
  if (phrases.length === 0) return ''
  const joined = phrases.length === 1 ? (phrases[0] ?? '') : `${phrases.slice(0, -1).join(', ')}, and ${phrases[phrases.length - 1]}`
  return `${joined.charAt(0).toUpperCase()}${joined.slice(1)}?`
}

/** Fills what the newest message leaves out from the customer's earlier ones. */
function withEarlier(q: Question, earlier: readonly string[], today: string): Question {
  if (earlier.length === 0) return q
  const before = [...earlier].reverse().map((text) => readQuestion(text, { today }))
  const stated = q.intents.filter((i) => MAIN_INTENTS.includes(i))
  const givesDetails = q.dates.length > 0 || q.party !== null || q.zip !== null || q.time !== null || q.bareNumber !== null
  const inferredOnly = stated.length === 0 || (q.inferred && givesDetails)
  const previous = before.find((b) => b.intents.some((i) => MAIN_INTENTS.includes(i)))
  let intents = q.intents
  const carried = previous ? previous.intents.filter((i) => MAIN_INTENTS.includes(i)) : []
  // Only a question about a party (dates, price, area) is continued by details.
  if (inferredOnly && givesDetails && carried.some((i) => i === 'availability' || i === 'price' || i === 'area')) {
    intents = [...new Set([...carried, ...q.intents.filter((i) => !MAIN_INTENTS.includes(i))])]
  }
  const pick = <T>(own: T | null, read: (b: Question) => T | null): T | null => own ?? before.map(read).find((v) => v !== null) ?? null
  const wantsParty = intents.includes('availability') || intents.includes('price')
  const bareParty = q.party === null && wantsParty && q.bareNumber !== null && q.bareNumber >= 1 ? { adults: q.bareNumber, children: 0 } : null
  return {
    ...q,
    intents,
    dates: q.dates.length > 0 ? q.dates : (before.find((b) => b.dates.length > 0)?.dates ?? []),
    party: bareParty ?? pick(q.party, (b) => b.party),
    zip: pick(q.zip, (b) => b.zip),
    time: pick(q.time, (b) => b.time),
  }
}

function introduction(grounding: ChatGrounding): string {
  return (
    `Hi! I'm ${grounding.businessName}'s automatic helper. I can check free dates and times, work out the price of a party, ` +
    'and answer questions about the menu and our policies. For example: "Are you free on Saturday for 10 guests in 10003?"'
  )
}

function unknownQuestion(grounding: ChatGrounding): PlainReply {
  const reach = grounding.phone ? `call us at ${grounding.phone} or write` : 'write'
  return {
    text:
      "Sorry, I didn't understand that. I'm an automatic helper: I can check free dates and times, price a party, " +
      `and answer questions about the menu and our policies. For anything else, the FAQ may help, or you can ${reach} to us through the contact page.`,
    links: [LINKS.book, LINKS.faq, LINKS.contact],
    toolCalls: [],
  }
}

