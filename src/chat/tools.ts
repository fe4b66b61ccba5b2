/**
 * The chat tools (contract in src/domain/chat/tools.ts) for one conversation: each one parses its
 * arguments with the contract's schema and calls the same code as the public endpoints — the
 * availability endpoint's availabilityFor, the quote endpoint's computeQuote over the active menu,
 * the manage page's refund rule — so a price or a free time in the chat is the site's own.
 * The business rules saying no (a ZIP outside the service area, too many guests) come back as a
 * refusal with the field and the words, never as an exception. Reads only: nothing is booked here.
 */
import type { PayloadRequest } from 'payload'

import {
  addDaysToDate,
  availabilityQueryIssues,
  computeQuote,
  daysBetweenDates,
  durationForParty,
  isRealDate,
  isActiveStatus,
  isBookingStatus,
  refundForCancellation,
  todayInZone,
  ValidationError,
  type BusinessSettings,
} from '../domain'
import { lastBookableDate } from '../domain/booking/horizon'
import {
  bookingFormHref,
  CHAT_TOOL_ARGS,
  quoteResultOf,
  type AvailabilityResult,
  type ChatToolName,
  type ChatTools,
  type PolicyResult,
  type ToolRefusal,
} from '../domain/chat/tools'
import { availabilityFor } from '../collections/Bookings/availabilityQuery'
import { activeMenu } from '../collections/MenuItems/activeMenu'
import { loadSettingsCached } from '../globals/BusinessSettings/load'
import { describeBookingWindow, describeCancellationTiers, describeDeposit, formatCents, formatClock } from '../site/format'

/** The longest range one availability question covers. */
export const CHAT_AVAILABILITY_MAX_DAYS = 14

const dayLabel = new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' })
/** "Monday, December 14" for a calendar date (no time zone involved: it is a date, not an instant). */
export const labelOfDate = (date: string): string => dayLabel.format(new Date(`${date}T00:00:00Z`))

function refusalOf(err: unknown): ToolRefusal {
  if (err instanceof ValidationError) {
    const issue = err.issues[0]
    return { refused: true, field: issue?.path ?? '', message: issue?.message ?? err.message }
  }
  throw err
}

function parseArgs<N extends ChatToolName>(name: N, args: unknown): { ok: true; value: ReturnType<(typeof CHAT_TOOL_ARGS)[N]['parse']> } | { ok: false; refusal: ToolRefusal } {
  const parsed = CHAT_TOOL_ARGS[name].safeParse(args ?? {})
  if (parsed.success) return { ok: true, value: parsed.data as ReturnType<(typeof CHAT_TOOL_ARGS)[N]['parse']> }
  const issue = parsed.error.issues[0]
  return { ok: false, refusal: { refused: true, field: issue ? issue.path.join('.') : '', message: issue?.message ?? 'Invalid arguments' } }
}

export interface ToolScope {
  /** The conversation's booking (manage link) or null. */
  bookingId: number | null
  /** The conversation's customer, when known. */
  customerId: number | null
  now?: () => Date
}

async function policyFor(req: PayloadRequest, settings: BusinessSettings, scope: ToolScope, now: Date): Promise<PolicyResult> {
  const window = describeBookingWindow(settings)
  const result: PolicyResult = {
    tiers: describeCancellationTiers(settings.cancellationTiers).map((r) => `${r.when}: ${r.refund.toLowerCase()}`),
    deposit: describeDeposit(settings.deposit, settings.currency),
    reschedule: `You can move your party to another free date and time from your booking link, up to the start of the event. ${window.startWindow}`,
  }
  if (scope.bookingId === null) return result
  const booking = await req.payload.findByID({
    collection: 'bookings',
    id: scope.bookingId,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    req,
    select: { eventDate: true, status: true, startsAt: true, payment: true },
  })
  if (!booking || !isBookingStatus(booking.status) || !isActiveStatus(booking.status) || !booking.startsAt) return result
  const p = booking.payment
  const paidCents = Math.max(0, (p?.depositPaidCents ?? 0) + (p?.balancePaidCents ?? 0) - (p?.refundedCents ?? 0))
  const refund = refundForCancellation(settings, { eventStartsAt: new Date(booking.startsAt), paidCents, now })
  result.booking = {
    reference: `#${booking.id}`,
    eventDate: labelOfDate(booking.eventDate),
    refundPercent: refund.refundPercent,
    refundNow: formatCents(refund.refundCents, settings.currency),
    paid: formatCents(paidCents, settings.currency),
  }
  return result
}

/** The tools for one conversation; `req` is a local request of the chat server's Payload. */
export function createChatTools(req: PayloadRequest, scope: ToolScope): ChatTools {
  const now = scope.now ?? (() => new Date())
  return {
    async check_availability(raw) {
      const args = parseArgs('check_availability', raw)
      if (!args.ok) return args.refusal
      const { from, adults } = args.value
      const to = args.value.to ?? from
      const children = args.value.children ?? 0
      if (!isRealDate(from)) return { refused: true, field: 'from', message: 'That is not a real date' }
      if (!isRealDate(to)) return { refused: true, field: 'to', message: 'That is not a real date' }
      const span = daysBetweenDates(from, to)
      if (span < 0) return { refused: true, field: 'to', message: 'The last date is before the first' }
      if (span + 1 > CHAT_AVAILABILITY_MAX_DAYS) return { refused: true, field: 'to', message: `Ask about at most ${CHAT_AVAILABILITY_MAX_DAYS} days at a time` }
      const settings = await loadSettingsCached(req)
      const guests = adults + children
      const durationMinutes = durationForParty(settings, { adults, children })
      const issues = availabilityQueryIssues(settings, { guests, durationMinutes })
      if (issues.length > 0) return refusalOf(new ValidationError(issues.map((i) => ({ ...i, path: i.path === 'guests' ? 'adults' : i.path }))))
      const at = now()
      const today = todayInZone(at, settings.timezone)
      const last = lastBookableDate(settings, at)
      // Dates outside the bookable window are answered without a query.
      const first = from < today ? today : from
      const end = to > last ? last : to
      const days = first <= end ? await availabilityFor(req, settings, { from: first, to: end, guests, durationMinutes }, at) : []
      const byDate = new Map(days.map((d) => [d.date, d]))
      const result: AvailabilityResult = { timezone: settings.timezone, guests, days: [] }
      for (let date = from; date <= to; date = addDaysToDate(date, 1)) {
        const day = byDate.get(date)
        const times = (day?.slots ?? []).filter((s) => s.available).map((s) => ({ time: s.time, label: formatClock(s.time), remaining: s.remaining }))
        let closed: AvailabilityResult['days'][number]['closed']
        if (date < today) closed = 'past'
        else if (date > last) closed = 'out_of_range'
        else if (settings.blackoutDates.includes(date)) closed = 'blackout'
        else if (times.length === 0) closed = 'full'
        result.days.push({ date, label: labelOfDate(date), ...(closed ? { closed } : {}), times })
      }
      return result
    },

    async quote(raw) {
      const args = parseArgs('quote', raw)
      if (!args.ok) return args.refusal
      const { adults, zip } = args.value
      const children = args.value.children ?? 0
      const settings = await loadSettingsCached(req)
      const guests = adults + children
      if (guests < settings.guests.minTotal || guests > settings.guests.maxTotal) {
        return { refused: true, field: 'adults', message: `We cook for parties of ${settings.guests.minTotal} to ${settings.guests.maxTotal} guests` }
      }
      try {
        const quote = computeQuote(settings, { guests: { adults, children }, zip: zip ?? null, menu: [] }, await activeMenu(req.payload))
        return quoteResultOf(quote, { adults, children }, zip ?? null, (cents) => formatCents(cents, settings.currency))
      } catch (err) {
        return refusalOf(err)
      }
    },

    async cancellation_policy(raw) {
      const args = parseArgs('cancellation_policy', raw)
      if (!args.ok) return args.refusal
      const settings = await loadSettingsCached(req)
      return policyFor(req, settings, scope, now())
    },

    async start_booking(raw) {
      const args = parseArgs('start_booking', raw)
      if (!args.ok) return args.refusal
      const a = args.value
      const party = a.adults === undefined ? '' : ` for ${a.adults + (a.children ?? 0)}`
      const when = a.date ? ` on ${labelOfDate(a.date)}${a.time ? ` at ${formatClock(a.time)}` : ''}` : ''
      return { link: { label: `Book${when}${party}`.slice(0, 100), href: bookingFormHref(a) } }
    },
  }
}
