'use client'
/**
 * The manage page's choice of a new date and time: the calendar (opening on the booking's own
 * month, its date usually being the nearest wish), the free slots for the party's size — loaded
 * only while the reschedule panel is open — and the chosen day and time. The booking's current
 * slot is never offered as a move. The choice outlives closing the panel, as the page state does.
 */
import { useState } from 'react'

import type { ManageView } from '../../collections/Bookings/manageView'
import { useMonthAvailability, type AvailabilityState, type Slot } from './hooks'
import { useCalendarPaging, type CalendarPaging } from './useCalendarPaging'

export interface Reschedule {
  paging: CalendarPaging
  availability: AvailabilityState
  newDate: string | null
  newTime: string | null
  /** The free slots of `newDate` other than the booking's current one. */
  freeSlots: Slot[]
  /** Whether `date` has a slot the booking could move to, once loaded. */
  hasMovableSlot: (date: string, slots: Slot[]) => boolean
  chooseDate: (date: string) => void
  chooseTime: (time: string | null) => void
  /** The chosen slot was just taken: reload the month and drop the time. */
  slotTaken: () => void
}

interface Options {
  view: ManageView
  /** The booking's date when the page loaded (the calendar opens on it when still bookable). */
  initialDate: string
  firstDate: string
  lastDate: string
  /** Whether the panel is open (availability is fetched only then). */
  active: boolean
}

export function useReschedule({ view, initialDate, firstDate, lastDate, active }: Options): Reschedule {
  const startDate = initialDate >= firstDate && initialDate <= lastDate ? initialDate : firstDate
  const paging = useCalendarPaging(startDate)
  const [newDate, setNewDate] = useState<string | null>(null)
  const [newTime, setNewTime] = useState<string | null>(null)
  const guests = view.guests.adults + view.guests.children
  const availability = useMonthAvailability(active ? paging.month : '', firstDate, lastDate, Math.max(1, guests))

  const isCurrent = (date: string, s: Slot) => date === view.eventDate && s.time === view.startTime
  const freeSlots = newDate ? (availability.days.get(newDate) ?? []).filter((s) => s.available && !isCurrent(newDate, s)) : []

  return {
    paging,
    availability,
    newDate,
    newTime,
    freeSlots,
    hasMovableSlot: (date, slots) => slots.some((s) => s.available && !isCurrent(date, s)),
    chooseDate: (date) => {
      setNewDate(date)
      setNewTime(null)
    },
    chooseTime: setNewTime,
    slotTaken: () => {
      availability.reload()
      setNewTime(null)
    },
  }
}
