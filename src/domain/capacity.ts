// Chef capacity rules: how many chefs an event needs and which stretch of time it
// blocks (event plus travel/setup buffers). Pure functions of settings and inputs;
// must never query bookings or storage itself.
import type { BusinessSettings } from './settings'
import { addMinutes } from './time'

export interface TimeRange {
  start: Date
  end: Date
}

/** ceil(total guests / guestsPerChef), never less than 1. Accepts a guest count or {adults, children}. */
export function chefsNeeded(
  settings: Pick<BusinessSettings, 'guestsPerChef'>,
  guests: number | { adults: number; children?: number },
): number {
  const total = typeof guests === 'number' ? guests : guests.adults + (guests.children ?? 0)
  return Math.max(1, Math.ceil(total / settings.guestsPerChef))
}

/** Event start − bufferBefore … event end (start + duration) + bufferAfter. */
export function blockedRange(
  settings: Pick<BusinessSettings, 'bufferBeforeMinutes' | 'bufferAfterMinutes'>,
  startInstant: Date,
  durationMinutes: number,
): TimeRange {
  return blockedRangeOfEvent(settings, startInstant, addMinutes(startInstant, durationMinutes))
}

/** Buffered range of an already-booked event given its event start/end instants. */
export function blockedRangeOfEvent(
  settings: Pick<BusinessSettings, 'bufferBeforeMinutes' | 'bufferAfterMinutes'>,
  startsAt: Date,
  endsAt: Date,
): TimeRange {
  return {
    start: addMinutes(startsAt, -settings.bufferBeforeMinutes),
    end: addMinutes(endsAt, settings.bufferAfterMinutes),
  }
}

/** Ranges are half-open [start, end): ranges that merely touch (one ends as the other starts) do NOT overlap. */
export function rangesOverlap(a: TimeRange, b: TimeRange): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime()
}
