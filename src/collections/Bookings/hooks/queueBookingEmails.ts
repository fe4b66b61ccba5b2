/**
 * The booking's emails, queued in the booking's own transaction when it is created or changes
 * (src/collections/Messages/bookingEmails.ts): "received" on create (with the manage link, whose
 * token only this request knows), "confirmed", "rescheduled", "cancelled" (after refundOnCancel,
 * so the refund is known), and the reminder and thank-you scheduled, moved or dropped. Nothing is
 * sent here: the jobs runner sends after the commit, so a booking that rolls back sends nothing and
 * a dead mail server never fails a booking. Staff-made bookings get the same emails.
 */
import type { CollectionAfterChangeHook } from 'payload'

import { toPayloadError } from '../../../http/errors'
import type { Booking } from '../../../payload-types'
import { queueBookingEmailsFor } from '../../Messages/bookingEmails'

export const queueBookingEmails: CollectionAfterChangeHook<Booking> = async ({ doc, previousDoc, operation, req }) => {
  try {
    await queueBookingEmailsFor(req, { operation, doc, previousDoc })
  } catch (err) {
    throw toPayloadError(err)
  }
  return doc
}
