/**
 * POST /api/bookings/manage/:token/reschedule { eventDate, startTime } → 200 { booking }.
 * Writes only the date and time; the booking hook re-checks every rule (lead time, start window,
 * blackouts, capacity, duplicates) in the same transaction.
 */
import { assertBeforeEvent, assertCanReschedule, rescheduleSchema, ValidationError } from '../../../../domain'
import { changeBooking, manageWrite, NOT_FOUND } from './shared'

export const rescheduleEndpoint = manageWrite('reschedule', rescheduleSchema, async (req, { booking }, input) => {
  const when = { eventDate: input.eventDate, startTime: input.startTime }
  const view = await changeBooking(req, booking, (current) => {
    assertCanReschedule(current.status)
    assertBeforeEvent(current.startsAt, new Date(), 'reschedule')
    if (current.eventDate === when.eventDate && current.startTime === when.startTime) throw ValidationError.single('startTime', 'Choose a different date or time')
  }, when)
  return view ? { status: 200, body: JSON.stringify({ booking: view }) } : NOT_FOUND
})
