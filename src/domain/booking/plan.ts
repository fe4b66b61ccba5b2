/**
 * What a booking write means, decided from plain data: the status it moves to, whether its
 * schedule, party, menu or contact is (re)decided and with which duration, instants, blocked
 * range, chef units and price, who its customer is and where it came from, and the cancellation
 * record. The booking hook loads what the plan asks for (settings, menu items, overlapping
 * bookings, a same-day duplicate), calls these functions and writes their result; it decides
 * nothing itself.
 * Pure: never touches storage or the clock (callers pass `now`); relations arrive as ids or as
 * `{ id }` objects and are compared as ids.
 */
import { remainingUnitsAt, type ActiveBooking } from '../availability'
import { decideDuration, grandfatheredItems, needsRepricing, refundBasis } from '../bookingTerms'
import { bookingTitle } from '../bookingForm'
import { blockedRange, chefsNeeded, type TimeRange } from '../capacity'
import { fromZodError } from '../errors'
import { assertTransition, refundForCancellation, type BookingStatus } from '../lifecycle'
import { computeQuote, type MenuItemForPricing, type Quote } from '../pricing'
import { bookingCreateSchema, type BookingSource } from '../schemas'
import type { BusinessSettings } from '../settings'
import { localToInstant } from '../time'
import { validateEventRequest } from '../validation'
import { bookingConflict } from './conflicts'

type Data = Record<string, unknown>

/** The fields whose change re-decides a booking's schedule (with `contact`, which the duplicate rule reads). */
const SCHEDULE_KEYS = ['eventDate', 'startTime', 'durationMinutes', 'guests', 'address', 'menu', 'contact'] as const

/** A relation's id as text, whether it arrives as an id or as a populated `{ id }` object. */
export function idOf(v: unknown): string {
  return v && typeof v === 'object' && 'id' in v ? String((v as { id: unknown }).id) : String(v)
}

function group(v: unknown): Data {
  return v && typeof v === 'object' ? (v as Data) : {}
}

/** A field's value reduced to what the rules read (ids for relations, no row ids or nulls). */
function comparable(key: string, value: unknown): unknown {
  if (key === 'menu') {
    return (Array.isArray(value) ? (value as Data[]) : []).map((row) => ({ item: idOf(row.item), quantity: row.quantity }))
  }
  if (value && typeof value === 'object') {
    const g = value as Data
    return Object.fromEntries(
      Object.keys(g)
        .filter((k) => k !== 'id')
        .sort()
        .map((k) => [k, g[k] ?? null]),
    )
  }
  return value ?? null
}

/** The business fields of a booking as the rules see them (explicit fields only). */
function businessInput(merged: Data) {
  const guests = group(merged.guests)
  const address = group(merged.address)
  const contact = group(merged.contact)
  return {
    eventDate: merged.eventDate,
    startTime: merged.startTime,
    ...(typeof merged.durationMinutes === 'number' ? { durationMinutes: merged.durationMinutes } : {}),
    guests: { adults: guests.adults, children: guests.children ?? 0 },
    address: { street: address.street, city: address.city, state: address.state, zip: address.zip },
    menu: comparable('menu', merged.menu),
    contact: { name: contact.name, email: contact.email, phone: contact.phone },
    ...(merged.specialRequests ? { specialRequests: merged.specialRequests } : {}),
    ...(merged.dietaryNotes ? { dietaryNotes: merged.dietaryNotes } : {}),
  }
}

export interface BookingWrite {
  operation: 'create' | 'update'
  /** An admin or manager makes the write (they may set status, duration, source, customer, off-grid times). */
  byStaff: boolean
  /** The fields sent (after field access stripped what the caller may not set). */
  incoming: Data
  /** The stored booking, on update. */
  original?: Data
  settings: BusinessSettings
  now: Date
}

/** A (re)decided schedule: what to check against the calendar and what to write. */
export interface SchedulePlan {
  /** The booking's business fields, parsed and trimmed. */
  input: ReturnType<typeof parseInput>
  durationMinutes: number
  startsAt: Date
  endsAt: Date
  blocked: TimeRange
  chefUnits: number
  /** The menu items to price with, when the price is re-decided; those already on the booking stay priced although retired. */
  reprice: { menuItemIds: string[]; grandfathered: Set<string> } | null
  /** The earliest start the booking has had: refunds are counted from it. */
  refundBasisStartsAt: Date
  chefIds: string[]
}

export interface BookingPlan {
  status: BookingStatus
  schedule: SchedulePlan | null
  /** Only the chefs change on an active booking: check them over its stored blocked range. */
  chefCheck: { range: TimeRange; chefIds: string[] } | null
  /** On create: where the booking came from, and whether the customer is the one staff chose. */
  create: { source: BookingSource; customerFromStaff: boolean } | null
  /** The cancellation to record, when this write cancels the booking. */
  cancellation: { cancelledAt: Date; refundPercent: number; refundCents: number } | null
}

function parseInput(merged: Data) {
  const parsed = bookingCreateSchema.omit({ source: true }).safeParse(businessInput(merged))
  if (!parsed.success) throw fromZodError(parsed.error)
  return parsed.data
}

const isActive = (s: BookingStatus) => s === 'pending' || s === 'confirmed'

/**
 * The status a write moves to. A customer's new booking is pending; staff may create it
 * confirmed. An update follows the lifecycle (an illegal move is a 409).
 */
function nextStatus(w: BookingWrite): { from: BookingStatus; to: BookingStatus } {
  const from = ((w.original ?? {}).status ?? 'pending') as BookingStatus
  if (w.operation === 'create') {
    const asked = w.byStaff && typeof w.incoming.status === 'string' ? w.incoming.status : 'pending'
    return { from, to: asked === 'confirmed' ? 'confirmed' : 'pending' }
  }
  const to = (w.incoming.status ?? from) as BookingStatus
  assertTransition(from, to)
  return { from, to }
}

function planSchedule(w: BookingWrite, merged: Data, changed: (key: string) => boolean, repriceRequested: boolean): SchedulePlan {
  const { settings, operation } = w
  const original = w.original ?? {}
  const input = parseInput(merged)
  const whenChanged = operation === 'create' || changed('eventDate') || changed('startTime') || changed('durationMinutes')
  const durationMinutes = decideDuration(settings, {
    byStaff: w.byStaff,
    requested: 'durationMinutes' in w.incoming ? input.durationMinutes : undefined,
    stored: operation === 'update' ? (original.durationMinutes as number | null | undefined) : undefined,
    guests: input.guests,
  })
  validateEventRequest(settings, { ...input, durationMinutes }, w.now, { checkWhen: whenChanged, onSlotGrid: !w.byStaff })

  // The price is fixed when booked: only a new party or menu, or staff asking, re-prices it.
  const reprice = needsRepricing({ creating: operation === 'create', partyChanged: changed('guests'), menuChanged: changed('menu'), staffAskedToReprice: repriceRequested })
  const startsAt = localToInstant(input.eventDate, input.startTime, settings.timezone)
  const previousBasis = operation === 'update' ? (original.refundBasisStartsAt ?? original.startsAt) : undefined
  return {
    input,
    durationMinutes,
    startsAt,
    endsAt: new Date(startsAt.getTime() + durationMinutes * 60_000),
    blocked: blockedRange(settings, startsAt, durationMinutes),
    chefUnits: chefsNeeded(settings, { adults: input.guests.adults, children: input.guests.children }),
    reprice: reprice
      ? {
          menuItemIds: [...new Set(input.menu.map((m) => m.item))],
          grandfathered: grandfatheredItems(operation === 'update' ? (comparable('menu', original.menu) as { item: string }[]) : []),
        }
      : null,
    refundBasisStartsAt: refundBasis(previousBasis ? new Date(String(previousBasis)) : null, startsAt),
    chefIds: (Array.isArray(merged.assignedChefs) ? merged.assignedChefs : []).map(idOf),
  }
}

/** Decides a booking write (see the file comment). Throws ValidationError or ConflictError to refuse it. */
export function planBookingWrite(w: BookingWrite): BookingPlan {
  const original = w.original ?? {}
  const { from, to } = nextStatus(w)
  const merged: Data = w.operation === 'update' ? { ...original, ...w.incoming } : { ...w.incoming }
  // The admin panel sends every field on save: compare values, not keys.
  const changed = (key: string) => key in w.incoming && JSON.stringify(comparable(key, w.incoming[key])) !== JSON.stringify(comparable(key, original[key]))
  const repriceRequested = w.byStaff && w.incoming.repriceNow === true
  const redecide = w.operation === 'create' || SCHEDULE_KEYS.some(changed) || repriceRequested

  const schedule = redecide && isActive(to) ? planSchedule(w, merged, changed, repriceRequested) : null
  const chefCheck =
    !schedule && w.operation === 'update' && 'assignedChefs' in w.incoming && isActive(to)
      ? {
          range: { start: new Date(String(original.blockedFrom)), end: new Date(String(original.blockedUntil)) },
          chefIds: (Array.isArray(w.incoming.assignedChefs) ? w.incoming.assignedChefs : []).map(idOf),
        }
      : null
  const create = w.operation === 'create' ? { source: (w.byStaff ? (w.incoming.source ?? 'admin') : 'web') as BookingSource, customerFromStaff: w.byStaff && Boolean(w.incoming.customer) } : null

  let cancellation: BookingPlan['cancellation'] = null
  if (w.operation === 'update' && to === 'cancelled' && from !== 'cancelled') {
    const refund = refundForCancellation(w.settings, {
      // Counted from the earliest start the booking has had: moving it later buys no bigger refund.
      eventStartsAt: new Date(String(original.refundBasisStartsAt ?? original.startsAt)),
      // What was paid, deposit and balance: the tiers refund a share of it.
      paidCents: Number(group(original.payment).depositPaidCents ?? 0) + Number(group(original.payment).balancePaidCents ?? 0),
      now: w.now,
    })
    cancellation = { cancelledAt: w.now, refundPercent: refund.refundPercent, refundCents: refund.refundCents }
  }
  return { status: to, schedule, chefCheck, create, cancellation }
}

/** The price of a (re)decided schedule; menu items already on the booking count as still sold. */
export function priceSchedule(settings: BusinessSettings, schedule: SchedulePlan, items: readonly MenuItemForPricing[]): Quote {
  const kept = schedule.reprice?.grandfathered ?? new Set<string>()
  const priced = items.map((item) => (kept.has(item.id) ? { ...item, active: true } : item))
  const { guests, address, menu } = schedule.input
  return computeQuote(settings, { guests: { adults: guests.adults, children: guests.children }, zip: address.zip, menu }, priced)
}

/** No chef of `chefIds` may already work another of the overlapping bookings. */
export function assertChefsFree(others: readonly { chefIds: readonly string[] }[], chefIds: readonly string[]): void {
  if (others.some((b) => b.chefIds.some((c) => chefIds.includes(c)))) throw bookingConflict('chef_unavailable')
}

/**
 * The calendar's word on a schedule, in this order: enough chefs free at that time (the other
 * active bookings whose blocked range overlaps), the assigned chefs free, and no other booking
 * for the same email that day. The database re-checks all three in the same transaction.
 */
export function assertBookable(settings: BusinessSettings, schedule: SchedulePlan, facts: { others: readonly (ActiveBooking & { chefIds: string[] })[]; sameDayDuplicate: boolean }): void {
  if (remainingUnitsAt(settings, facts.others, schedule.startsAt, schedule.durationMinutes) < schedule.chefUnits) throw bookingConflict('slot_full')
  assertChefsFree(facts.others, schedule.chefIds)
  if (facts.sameDayDuplicate) throw bookingConflict('duplicate_booking')
}

/** The stored fields a (re)decided schedule sets; the price only when it was re-decided. */
export function scheduleFields(schedule: SchedulePlan, price: Quote | null): Data {
  const { input } = schedule
  return {
    contact: input.contact,
    guests: input.guests,
    address: input.address,
    durationMinutes: schedule.durationMinutes,
    guestsTotal: input.guests.adults + input.guests.children,
    title: bookingTitle(input.eventDate, input.startTime, input.contact.name),
    ...(price ? { pricing: price } : {}),
    refundBasisStartsAt: schedule.refundBasisStartsAt.toISOString(),
    startsAt: schedule.startsAt.toISOString(),
    endsAt: schedule.endsAt.toISOString(),
    blockedFrom: schedule.blocked.start.toISOString(),
    blockedUntil: schedule.blocked.end.toISOString(),
    chefUnits: schedule.chefUnits,
  }
}
