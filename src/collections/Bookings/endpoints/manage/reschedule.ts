/**
 * POST /api/bookings/manage/:token/reschedule { eventDate, startTime } → 200 { booking }.
 * Writes only the date and time; the booking hook re-checks every rule (lead time, start window,
 * blackouts, capacity, duplicates) in the same transaction.
 */
import { assertBeforeEvent, assertCanReschedule, rescheduleSchema, ValidationError } from '../../../../domain'
import { changeBooking, idempotentWrite, manageEndpoint, NOT_FOUND, parsed, refusal } from './shared'

export const rescheduleEndpoint = manageEndpoint(
  'post',
  '/reschedule',
  idempotentWrite('reschedule', async (req, { booking }, body) => {
    try {
      const input = parsed(rescheduleSchema, body)
      const view = await changeBooking(
        req,
        booking,
        (current) => {
          assertCanReschedule(current.status)
          assertBeforeEvent(current.startsAt, new Date(), 'reschedule')
          if (current.eventDate === input.eventDate && current.startTime === input.startTime) {
            throw ValidationError.single('startTime', 'Choose a different date or time')
          }
        },
        { eventDate: input.eventDate, startTime: input.startTime },
      )
      return view ? { status: 200, body: JSON.stringify({ booking: view }) } : NOT_FOUND
    } catch (err) {
      return refusal(err)
    }
  }),
)
