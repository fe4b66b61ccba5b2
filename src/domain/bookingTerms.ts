// The terms a booking is held to once it is made — what a customer may choose and what stays
// fixed — so that no sequence of storefront and manage-link steps buys more than was paid for:
// - Duration: customers get the duration the settings give for their party; only staff choose
//   another (a longer event is sold by staff, who price it).
// - Start time: customers choose from the slot grid the storefront offers; staff may book any
//   time inside the start window (e.g. 17:15 for a phone booking).
// - Price: fixed when booked. It changes only when the party or the menu changes, or when staff
//   explicitly ask to re-price. A menu item retired since booking stays priced on that booking.
// - Refund: counted from the earliest start the booking has ever had, so moving an event later
//   and then cancelling refunds exactly what cancelling the original date would have.
// - The manage link changes nothing once the event has started.
// Pure functions over plain data; never touches storage, the clock (callers pass `now`) or HTTP.
import { ConflictError } from './errors'
import type { BusinessSettings } from './settings'
import { formatHHMM, isValidHHMM, parseHHMM } from './time'

/** The duration the settings give a party. One duration for every party size today. */
export function durationForParty(settings: Pick<BusinessSettings, 'defaultDurationMinutes'>, guests: { adults: number; children?: number }): number {
  void guests // The settings have no per-size durations yet; the party is the input when they do.
  return settings.defaultDurationMinutes
}

/**
 * The duration a booking gets: staff may choose one (else the booking keeps what it had, or the
 * party's); a customer always gets the party's on a new booking and keeps the stored one after.
 */
export function decideDuration(
  settings: Pick<BusinessSettings, 'defaultDurationMinutes'>,
  input: { byStaff: boolean; requested?: number | undefined; stored?: number | null | undefined; guests: { adults: number; children?: number } },
): number {
  if (input.byStaff && typeof input.requested === 'number') return input.requested
  if (typeof input.stored === 'number') return input.stored
  return durationForParty(settings, input.guests)
}

/** True when `startTime` (HH:MM) is one of the slots offered: earliest + k × interval, up to latest. */
export function isOnSlotGrid(settings: Pick<BusinessSettings, 'startWindow' | 'slotIntervalMinutes'>, startTime: string): boolean {
  if (!isValidHHMM(startTime)) return false
  const minutes = parseHHMM(startTime)
  const earliest = parseHHMM(settings.startWindow.earliest)
  const latest = parseHHMM(settings.startWindow.latest)
  return minutes >= earliest && minutes <= latest && (minutes - earliest) % settings.slotIntervalMinutes === 0
}

export function slotGridMessage(settings: Pick<BusinessSettings, 'startWindow' | 'slotIntervalMinutes'>): string {
  const first = parseHHMM(settings.startWindow.earliest)
  return `Choose one of the offered start times: every ${String(settings.slotIntervalMinutes)} minutes from ${formatHHMM(first)} to ${settings.startWindow.latest}`
}

/**
 * Whether a change re-prices the booking: always on create; on an update only when the party or
 * the menu changed, or when staff asked for it. Contact, address and date changes keep the price.
 */
export function needsRepricing(change: { creating: boolean; partyChanged: boolean; menuChanged: boolean; staffAskedToReprice: boolean }): boolean {
  return change.creating || change.partyChanged || change.menuChanged || change.staffAskedToReprice
}

/** The menu item ids a re-price may still use although they are no longer sold: those already on the booking. */
export function grandfatheredItems(previousMenu: readonly { item: string }[]): Set<string> {
  return new Set(previousMenu.map((row) => row.item))
}

/** The start a refund is counted from after a (re)schedule: the earliest start the booking has had. */
export function refundBasis(previous: Date | null | undefined, newStart: Date): Date {
  if (!previous || Number.isNaN(previous.getTime())) return newStart
  return previous.getTime() <= newStart.getTime() ? previous : newStart
}

/** The manage link may change a booking only before its event starts. */
export function assertBeforeEvent(eventStartsAt: Date, now: Date, action: 'reschedule' | 'cancel'): void {
  if (eventStartsAt.getTime() <= now.getTime()) {
    throw new ConflictError(`This event has already started, so it can no longer be ${action === 'reschedule' ? 'rescheduled' : 'cancelled'} online. Please call us.`, 'event_passed')
  }
}
