'use client'
/**
 * The booking form's view of availability: the shown month's free days for the party as it is
 * now (a bigger party may fit fewer slots), and the slots of the chosen date. The fetching is
 * useMonthAvailability's (./hooks); this only ties it to the draft.
 */
import type { Draft } from './draft'
import { useMonthAvailability, type AvailabilityState, type Slot } from './hooks'

export interface DraftAvailability {
  availability: AvailabilityState
  /** The chosen date's slots once loaded; undefined with no date or while loading. */
  slotsOfDate: Slot[] | undefined
  /** The chosen date's slots that can still be booked. */
  freeSlots: Slot[]
}

export function useDraftAvailability(month: string, draft: Draft, config: { firstDate: string; lastDate: string }): DraftAvailability {
  const guests = draft.adults + draft.children
  const availability = useMonthAvailability(month, config.firstDate, config.lastDate, Math.max(1, guests))
  const slotsOfDate = draft.eventDate ? availability.days.get(draft.eventDate) : undefined
  const freeSlots = (slotsOfDate ?? []).filter((s) => s.available)
  return { availability, slotsOfDate, freeSlots }
}
