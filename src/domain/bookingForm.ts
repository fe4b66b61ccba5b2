/**
 * The staff booking form's rules (the Payload admin edit view of a booking), framework-free:
 * which state a calendar day is in for the chosen party, the start-time options with the chef
 * capacity left, the body to price the form with, and a customer's readable title. It only reads
 * the public API's answers (GET /api/availability, POST /api/quote); it never decides
 * availability or a price itself — the server does, and checks again when the booking is saved.
 */

/** One slot as GET /api/availability answers it. */
export interface FormSlot {
  time: string
  available: boolean
  remaining: number
}

/**
 * A day for a party:
 * - `free`: at least one start time is open for this party;
 * - `full`: no chef is left at any start time — every slot is booked, or the day is a blackout
 *   (the public answer gives every slot of a blackout day `remaining: 0`, so the two read alike);
 * - `unavailable`: chefs are left but none of the times can be booked by this party (too large a
 *   party for the chefs left, or outside the notice window / booking horizon);
 * - `loading`: no answer for the day yet.
 */
export type FormDayState = 'free' | 'full' | 'unavailable' | 'loading'

export function formDayState(slots: readonly FormSlot[] | undefined): FormDayState {
  if (!slots) return 'loading'
  if (slots.some((s) => s.available)) return 'free'
  if (slots.every((s) => s.remaining <= 0)) return 'full'
  return 'unavailable'
}

/** Words for a day state, for the calendar's labels and legend. */
export const FORM_DAY_STATE_LABELS: Record<FormDayState, string> = {
  free: 'free',
  full: 'full or blackout',
  unavailable: 'not bookable for this party',
  loading: 'checking availability',
}

export interface StartTimeOption {
  value: string
  label: string
  disabled: boolean
}

const chefs = (n: number) => `${n} chef${n === 1 ? '' : 's'} left`

/**
 * The start-time choices for a day: every slot of the grid, labelled with the capacity left
 * ("17:00 — 2 chefs left"), closed ones disabled. A time already on the booking that the grid no
 * longer offers (the settings changed, or the booking itself fills the slot) stays choosable so
 * editing a booking never silently changes its time.
 */
export function startTimeOptions(slots: readonly FormSlot[], current: string | null | undefined): StartTimeOption[] {
  const options: StartTimeOption[] = slots.map((s) => ({
    value: s.time,
    label: s.available ? `${s.time} — ${chefs(Math.max(0, s.remaining))}` : `${s.time} — ${s.remaining > 0 ? `${chefs(s.remaining)}, not bookable for this party` : 'full'}`,
    disabled: !s.available && s.time !== current,
  }))
  if (current && !slots.some((s) => s.time === current)) {
    options.push({ value: current, label: `${current} — booked time, not in the current grid`, disabled: false })
    options.sort((a, b) => a.value.localeCompare(b.value))
  }
  return options
}

/** The party size the availability answer is asked for: adults + children, at least 1. */
export function partySize(adults: unknown, children: unknown): number {
  const n = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : 0)
  return Math.max(1, n(adults) + n(children))
}

/** The form's values the quote needs, as plain data (whatever the admin form holds). */
export interface FormQuoteInput {
  eventDate: unknown
  startTime: unknown
  durationMinutes?: unknown
  adults: unknown
  children: unknown
  zip?: unknown
  menu: { item: unknown; quantity: unknown }[]
}

export interface FormQuoteBody {
  eventDate: string
  startTime: string
  durationMinutes?: number
  guests: { adults: number; children: number }
  address?: { zip: string }
  menu: { item: number | string; quantity: number }[]
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
const TIME = /^\d{2}:\d{2}$/
const count = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null)

/**
 * The POST /api/quote body for the form, or null while it cannot be priced yet (no date, no
 * time, no adults). Menu rows without an item or a quantity are left out; the ZIP only once it
 * has 5 digits (the server then adds the travel fee).
 */
export function formQuoteBody(input: FormQuoteInput): FormQuoteBody | null {
  const adults = count(input.adults)
  const children = count(input.children) ?? 0
  if (typeof input.eventDate !== 'string' || !DATE.test(input.eventDate)) return null
  if (typeof input.startTime !== 'string' || !TIME.test(input.startTime)) return null
  if (adults === null || adults + children < 1) return null
  const menu = input.menu.flatMap((row) => {
    const quantity = count(row.quantity)
    const item = typeof row.item === 'object' && row.item !== null && 'id' in row.item ? (row.item as { id: unknown }).id : row.item
    if (!quantity || (typeof item !== 'number' && typeof item !== 'string') || item === '') return []
    return [{ item, quantity }]
  })
  const zip = typeof input.zip === 'string' ? input.zip.trim() : ''
  const duration = count(input.durationMinutes)
  return {
    eventDate: input.eventDate,
    startTime: input.startTime,
    ...(duration ? { durationMinutes: duration } : {}),
    guests: { adults, children },
    ...(/^\d{5}$/.test(zip) ? { address: { zip } } : {}),
    menu,
  }
}

/** A customer as staff pick them: "Ana Sato — ana@example.com" (either part alone if the other is missing). */
export function customerDisplayName(name: unknown, email: unknown): string {
  const n = typeof name === 'string' ? name.trim() : ''
  const e = typeof email === 'string' ? email.trim() : ''
  return n && e ? `${n} — ${e}` : n || e
}

/** A booking's title, as the list and the relationship pickers show it: "2026-12-20 17:00 · Ana Sato". */
export function bookingTitle(eventDate: string, startTime: string, contactName: string): string {
  return `${eventDate} ${startTime} · ${contactName}`
}

/**
 * The heading of a booking the form has not saved yet, from what is filled in so far: "New booking"
 * and then the date, time and name as they are typed (the stored title is set when it is saved).
 */
export function draftBookingTitle(eventDate: unknown, startTime: unknown, contactName: unknown): string {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '')
  const when = [text(eventDate), text(startTime)].filter(Boolean).join(' ')
  const parts = [when, text(contactName)].filter(Boolean)
  return parts.length > 0 ? `New booking: ${parts.join(' · ')}` : 'New booking'
}
