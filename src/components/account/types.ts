/**
 * What the account page hands its components: the signed-in customer's own data, already picked
 * field by field on the server (never a raw account or booking document: those carry staff-only
 * fields when read by the system). Plain JSON, safe to pass to client components.
 */
import type { BookingStatus } from '../../domain/lifecycle'

export interface AccountDetails {
  id: number
  email: string
  name: string
  phone: string
  marketingConsent: boolean
  /** ISO instant, when they asked for the account to be deleted; null when they did not. */
  deletionRequestedAt: string | null
}

export interface BookingSummary {
  id: number
  status: BookingStatus
  /** 'Friday, December 4, 2026 at 6 pm'. */
  when: string
  guests: number
  city: string | null
  /** '$1,234.50', or null before it is priced. */
  total: string | null
  /** Pending or confirmed: it can still be managed (a new manage link). */
  active: boolean
}

export interface ThreadMessage {
  id: number
  /** ISO instant. */
  at: string
  /** Sent by the customer (account page, email or text to us) rather than to them. */
  fromCustomer: boolean
  channel: string
  subject: string | null
  /** Private links masked. */
  body: string
  bookingId: number | null
}
