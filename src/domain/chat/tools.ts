/**
 * The chat assistant's tools, as a contract: their names, what they take (zod schemas, also sent
 * to the model as JSON Schema) and what they give back. Both answerers use them: the AI assistant
 * lets the model call them; the plain responder calls them itself. The implementation
 * (src/chat/tools.ts) reads the database and calls the same domain functions as the public
 * endpoints, so the chat's prices and free times are the quote and availability endpoints' own.
 * Pure: no I/O here.
 */
import { z } from 'zod'

import type { ChatLink } from './protocol'

export const CHAT_TOOL_NAMES = ['check_availability', 'quote', 'cancellation_policy', 'start_booking'] as const
export type ChatToolName = (typeof CHAT_TOOL_NAMES)[number]

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'A date is YYYY-MM-DD' })
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'A time is HH:MM, 24-hour' })
const zip = z.string().regex(/^\d{5}$/, { message: 'A ZIP code has 5 digits' })
const count = z.number().int().min(0).max(1000)

export const checkAvailabilityArgs = z
  .object({
    /** First date asked about. */
    from: date,
    /** Last date asked about (defaults to `from`); at most 14 days after it. */
    to: date.optional(),
    adults: count.min(1),
    children: count.optional(),
  })
  .strict()

export const quoteArgs = z
  .object({
    adults: count.min(1),
    children: count.optional(),
    zip: zip.optional(),
    /** When known: the quote is checked against the booking rules for that date and time. */
    date: date.optional(),
    time: time.optional(),
  })
  .strict()

/** The policy in general, and for the conversation's own booking when it has one. */
export const cancellationPolicyArgs = z.object({}).strict()

export const startBookingArgs = z
  .object({
    date: date.optional(),
    time: time.optional(),
    adults: count.min(1).optional(),
    children: count.optional(),
    zip: zip.optional(),
  })
  .strict()

export const CHAT_TOOL_ARGS = {
  check_availability: checkAvailabilityArgs,
  quote: quoteArgs,
  cancellation_policy: cancellationPolicyArgs,
  start_booking: startBookingArgs,
} as const satisfies Record<ChatToolName, z.ZodType>

export const CHAT_TOOL_DESCRIPTIONS: Record<ChatToolName, string> = {
  check_availability: 'Free start times for a party, per date, from the live booking calendar. Use for any question about dates or times.',
  quote: "The exact price of a party (total, deposit, travel fee, tax) from the business's pricing. Use for any question about cost.",
  cancellation_policy: "The cancellation and refund policy, and what it would mean for this customer's own booking if they have one.",
  start_booking: 'A link to the booking form with the details filled in, for the customer to complete.',
}

export type CheckAvailabilityArgs = z.infer<typeof checkAvailabilityArgs>
export type QuoteArgs = z.infer<typeof quoteArgs>
export type CancellationPolicyArgs = z.infer<typeof cancellationPolicyArgs>
export type StartBookingArgs = z.infer<typeof startBookingArgs>

export interface AvailabilityResult {
  timezone: string
  guests: number
  days: {
    date: string
    /** "Monday, December 14" */
    label: string
    /** Why nothing is free, when nothing is: 'blackout' | 'past' | 'full' | 'out_of_range'. */
    closed?: 'blackout' | 'past' | 'full' | 'out_of_range'
    times: { time: string; label: string; remaining: number }[]
  }[]
}

export interface QuoteResult {
  guests: { adults: number; children: number }
  zip: string | null
  currency: string
  subtotalCents: number
  travelFeeCents: number
  taxCents: number
  totalCents: number
  depositCents: number
  /** The same amounts as the customer reads them ("$783.90"). */
  formatted: { subtotal: string; travelFee: string; tax: string; total: string; deposit: string }
  /** False when no ZIP was given: there is no travel fee in the total yet. */
  travelFeeKnown: boolean
}

export interface PolicyResult {
  /** "Cancel 14 or more days before: full refund" … */
  tiers: string[]
  /** The deposit rule as the customer reads it. */
  deposit: string
  reschedule: string
  /** When the conversation belongs to a booking that can still be cancelled. */
  booking?: { reference: string; eventDate: string; refundPercent: number; refundNow: string; paid: string }
}

export interface StartBookingResult {
  link: ChatLink
}

/** A tool failed on its input (the business rules said no): the words to pass on, with the field. */
export interface ToolRefusal {
  refused: true
  field: string
  message: string
}

export type ChatToolResult<N extends ChatToolName> = N extends 'check_availability'
  ? AvailabilityResult
  : N extends 'quote'
    ? QuoteResult
    : N extends 'cancellation_policy'
      ? PolicyResult
      : StartBookingResult

/** What the answerers call; src/chat/tools.ts implements it for one conversation. */
export interface ChatTools {
  check_availability(args: CheckAvailabilityArgs): Promise<AvailabilityResult | ToolRefusal>
  quote(args: QuoteArgs): Promise<QuoteResult | ToolRefusal>
  cancellation_policy(args: CancellationPolicyArgs): Promise<PolicyResult | ToolRefusal>
  start_booking(args: StartBookingArgs): Promise<StartBookingResult | ToolRefusal>
}

/** The CMS facts the answerers are grounded on (plain text, already trimmed to a budget). */
export interface ChatGrounding {
  businessName: string
  timezone: string
  /** Today in the business's zone, YYYY-MM-DD. */
  today: string
  /** "Hibachi Chicken — $12.00 per guest: …" one line each. */
  menu: string[]
  /** The FAQ page's text. */
  faq: string
  /** Cancellation tiers, deposit rule, booking window, as sentences. */
  policies: string[]
  /** "Zone A: 10001, 10002, … (travel fee $25.00)" */
  serviceArea: string[]
  phone: string | null
}

/**
 * The quote tool's answer for a computed quote: the amounts in cents and as the customer reads
 * them (`money` formats cents, e.g. "$783.90"). `zip` null: no ZIP was given, so no travel fee yet.
 */
export function quoteResultOf(
  quote: { currency: string; subtotalCents: number; travelFeeCents: number; taxCents: number; totalCents: number; depositCents: number },
  guests: { adults: number; children: number },
  zip: string | null,
  money: (cents: number) => string,
): QuoteResult {
  return {
    guests,
    zip,
    currency: quote.currency,
    subtotalCents: quote.subtotalCents,
    travelFeeCents: quote.travelFeeCents,
    taxCents: quote.taxCents,
    totalCents: quote.totalCents,
    depositCents: quote.depositCents,
    formatted: { subtotal: money(quote.subtotalCents), travelFee: money(quote.travelFeeCents), tax: money(quote.taxCents), total: money(quote.totalCents), deposit: money(quote.depositCents) },
    travelFeeKnown: zip !== null,
  }
}

export function isRefusal(value: unknown): value is ToolRefusal {
  return typeof value === 'object' && value !== null && (value as { refused?: unknown }).refused === true
}

/** The /book link with what is known filled in (the booking form reads these parameters). */
export function bookingFormHref(args: StartBookingArgs): string {
  const params = new URLSearchParams()
  if (args.date) params.set('date', args.date)
  if (args.time) params.set('time', args.time)
  if (args.adults !== undefined) params.set('adults', String(args.adults))
  if (args.children) params.set('children', String(args.children))
  if (args.zip) params.set('zip', args.zip)
  const query = params.toString()
  return query ? `/book?${query}` : '/book'
}
