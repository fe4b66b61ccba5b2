/**
 * Booking emails (in progress: filled in by the booking-email work).
 */
import type { PayloadRequest } from 'payload'

import type { BookingEmailEvent } from '../../domain'

export async function runScheduledBookingEmail(_req: PayloadRequest, _input: { bookingId: number; event: BookingEmailEvent; startsAt: string }): Promise<string> {
  throw new Error('not implemented yet')
}
