/** The bookings list as CSV (src/endpoints/csvExport.ts): one row a booking, money in integer cents. */
import { csvExportEndpoint } from '../../../../endpoints/csvExport'
import type { Booking } from '../../../../payload-types'

const ids = (v: Booking['assignedChefs']) => (v ?? []).map((c) => (typeof c === 'object' ? c.id : c)).join(' ')

export const BOOKING_CSV_COLUMNS = [
  { header: 'id', value: (b: Booking) => b.id },
  { header: 'eventDate', value: (b: Booking) => b.eventDate },
  { header: 'startTime', value: (b: Booking) => b.startTime },
  { header: 'status', value: (b: Booking) => b.status },
  { header: 'paymentState', value: (b: Booking) => b.paymentState },
  { header: 'contactName', value: (b: Booking) => b.contact.name },
  { header: 'contactEmail', value: (b: Booking) => b.contact.email },
  { header: 'contactPhone', value: (b: Booking) => b.contact.phone },
  { header: 'adults', value: (b: Booking) => b.guests.adults },
  { header: 'children', value: (b: Booking) => b.guests.children ?? 0 },
  { header: 'street', value: (b: Booking) => b.address.street },
  { header: 'city', value: (b: Booking) => b.address.city },
  { header: 'state', value: (b: Booking) => b.address.state },
  { header: 'zip', value: (b: Booking) => b.address.zip },
  { header: 'totalCents', value: (b: Booking) => b.pricing?.totalCents },
  { header: 'depositCents', value: (b: Booking) => b.pricing?.depositCents },
  { header: 'depositPaidCents', value: (b: Booking) => b.payment?.depositPaidCents },
  { header: 'balancePaidCents', value: (b: Booking) => b.payment?.balancePaidCents },
  { header: 'refundedCents', value: (b: Booking) => b.payment?.refundedCents },
  { header: 'assignedChefIds', value: (b: Booking) => ids(b.assignedChefs) },
  { header: 'source', value: (b: Booking) => b.source },
  { header: 'dietaryNotes', value: (b: Booking) => b.dietaryNotes },
  { header: 'specialRequests', value: (b: Booking) => b.specialRequests },
  { header: 'cancellationReason', value: (b: Booking) => b.cancellation?.reason },
  { header: 'createdAt', value: (b: Booking) => b.createdAt },
]

export const bookingsCsvEndpoint = csvExportEndpoint<Booking>('bookings', 'bookings.csv', BOOKING_CSV_COLUMNS)
