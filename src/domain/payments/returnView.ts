// What the payment return page is told about the booking it came back for: only what that page
// shows. One shape for the endpoint that answers it and the page that reads it.
import type { BookingStatus } from '../lifecycle'

/** The answer of GET/POST /api/bookings/return (`{ booking: ReturnView }`). */
export interface ReturnView {
  status: BookingStatus
  /** YYYY-MM-DD and HH:MM in the business time zone (`timezone`). */
  eventDate: string
  startTime: string
  timezone: string
  depositCents: number
  depositPaidCents: number
  balanceDueCents: number
  currency: string
  /** Until when an unpaid booking keeps its date (ISO); null when nothing is held. */
  holdExpiresAt: string | null
}
