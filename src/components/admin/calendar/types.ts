/**
 * What the calendar's server view hands its browser part, and what the browser part hands the
 * big calendar: plain data only (no customer contact details beyond a name and a city).
 */
import type { CalendarBookingFacts, CalendarChef, CalendarView } from '../../../domain/chefCalendar'

export type CalendarChefRow = CalendarChef & { active: boolean }

/** One booking in one lane, as the calendar component places it. */
export interface BoardEvent {
  key: string
  bookingId: string
  laneId: string
  /** Floating wall-clock times: the business's clock read as the browser's (never converted). */
  start: Date
  end: Date
  title: string
  booking: CalendarBookingFacts
  chefNames: string[]
  draggable: boolean
}

export interface BoardProps {
  view: CalendarView
  date: Date
  events: BoardEvent[]
  /** Lanes (chefs and "Unassigned") in the week and day views; none in the month view. */
  lanes: { id: string; title: string }[] | undefined
  blackouts: string[]
  timeZone: string
  onNavigate: (date: Date, view: CalendarView) => void
  onLaneDrop: (event: BoardEvent, toLane: string | undefined, moved: boolean) => void
  onChefDrop: (bookingId: string, chefId: string) => void
  onChoose: (event: BoardEvent) => void
}

/** The drag payload type of a chef chip. */
export const CHEF_DRAG_TYPE = 'application/x-myhibachi-chef'
