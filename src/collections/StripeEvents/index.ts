/**
 * Stripe webhook events already applied: one row per event id (a unique index), written in the
 * same transaction as the event's effect, so a repeated or concurrent delivery changes state
 * once. Internal: nobody reads or writes it through the API; the webhook endpoint uses the Local
 * API with overrideAccess. Not shown in the admin.
 */
import { nobody } from '../../access/nobody'
import type { AppCollection } from '../../access/types'

export const StripeEvents: AppCollection = {
  slug: 'stripe-events',
  admin: { hidden: true, useAsTitle: 'eventId' },
  access: { create: nobody, read: nobody, update: nobody, delete: nobody, readVersions: nobody },
  fields: [
    { name: 'eventId', type: 'text', required: true, unique: true, maxLength: 255 },
    { name: 'type', type: 'text', required: true, maxLength: 100 },
    { name: 'objectId', type: 'text', index: true, maxLength: 255 },
    { name: 'outcome', type: 'text', maxLength: 100 },
  ],
  timestamps: true,
}
