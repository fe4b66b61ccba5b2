/**
 * The `bookingEmail` task: a booking email that waits for its time (the reminder 48 h before, the
 * thank-you after the event), queued with `waitUntil` when the booking is confirmed and deleted or
 * moved when it changes (src/collections/Messages/bookingEmails.ts). When it runs it checks the
 * booking still wants it (same start, still active), then writes and sends the message once: its
 * key makes a second run a no-op.
 */
import type { TaskConfig } from 'payload'

import { BOOKING_EMAIL_EVENTS, type BookingEmailEvent } from '../domain'
import { runScheduledBookingEmail } from '../collections/Messages/bookingEmails'
import { logFailures } from './logged'

export const bookingEmailTask: TaskConfig<{ input: { bookingId: number; event: BookingEmailEvent; startsAt: string }; output: { outcome: string } }> = {
  slug: 'bookingEmail',
  label: 'Send a scheduled booking email',
  inputSchema: [
    { name: 'bookingId', type: 'number', required: true },
    { name: 'event', type: 'select', required: true, options: [...BOOKING_EMAIL_EVENTS] },
    // The booking's start when the email was scheduled: a moved booking gets a new job.
    { name: 'startsAt', type: 'text', required: true },
  ],
  outputSchema: [{ name: 'outcome', type: 'text', required: true }],
  retries: { attempts: 5, backoff: { type: 'exponential', delay: 30_000 } },
  handler: async ({ input, job, req }) => ({ output: { outcome: await logFailures('bookingEmail', job.id, () => runScheduledBookingEmail(req, input)) } }),
}
