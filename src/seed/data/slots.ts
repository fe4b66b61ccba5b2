/**
 * When the seed's bookings happen: start times by weekday, spread over today + 2 weeks to
 * today + 8 weeks, never on a blackout date. Pure date planning (callers pass "today"); must
 * never read the clock or do I/O.
 */
import { addDaysToDate, daysBetweenDates } from '../../domain'

/** Start times by weekday (0 = Sunday). Two Saturday events never overlap, buffers included. */
const WEEKLY_STARTS: Record<number, string[]> = {
  0: ['13:00'],
  2: ['18:00'],
  4: ['18:30'],
  5: ['19:00'],
  6: ['12:30', '18:00'],
}

/** Other start times tried, in order, when the planned one is full (other data in the database). */
export const FALLBACK_STARTS = ['11:00', '14:30', '16:00', '20:00', '21:30'] as const

export const FIRST_DAY_OFFSET = 14
export const LAST_DAY_OFFSET = 55

function weekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay()
}

export interface PlannedSlot {
  eventDate: string
  startTime: string
}

/**
 * `count` event slots between today + 2 weeks and today + 8 weeks (business calendar), on
 * Tuesday to Sunday evenings and Saturday/Sunday lunchtimes, never on a blackout date, spread
 * evenly over the whole window, in date order.
 */
export function planSlots(today: string, blackouts: readonly string[], count: number): PlannedSlot[] {
  const candidates: PlannedSlot[] = []
  for (let offset = FIRST_DAY_OFFSET; offset <= LAST_DAY_OFFSET; offset++) {
    const eventDate = addDaysToDate(today, offset)
    if (blackouts.includes(eventDate)) continue
    for (const startTime of WEEKLY_STARTS[weekday(eventDate)] ?? []) candidates.push({ eventDate, startTime })
  }
  if (candidates.length < count) throw new Error(`only ${candidates.length} event slots in the seed window; ${count} needed`)
  const picked: PlannedSlot[] = []
  for (let i = 0; i < count; i++) {
    const slot = candidates[Math.floor((i * candidates.length) / count)]
    if (slot) picked.push(slot)
  }
  return picked
}

/** Whole days from `today` to `date` (for logs and tests). */
export const daysFromToday = (today: string, date: string) => daysBetweenDates(today, date)
