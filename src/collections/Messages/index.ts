/**
 * Messages with customers: every message in or out, one row each, in the customer's thread
 * (src/collections/Threads), linked to the booking when there is one. Nobody writes them through
 * the API: the system queues outbound ones (outbox.ts) and a job sends them (delivery.ts), inbound
 * ones come from the SMS and email webhooks, staff replies from the inbox endpoints, and customer
 * replies from the account page. A verified customer reads their own, never staff notes nor the
 * delivery internals. Private links are sealed, never stored readable (src/server/sealed.ts).
 */
import { atLeastManagerField } from '../../access/atLeastManager'
import { serverOnly } from '../../access/serverOnly'
import type { AppCollection } from '../../access/types'
import { BOOKING_EMAIL_EVENT_LABELS, BOOKING_EMAIL_EVENTS, MESSAGE_BODY_MAX, MESSAGE_CHANNELS, MESSAGE_DIRECTIONS, MESSAGE_STATUSES } from '../../domain'
import { guardWriteBody } from '../../hooks/guardWriteBody'
import { retryMessageEndpoint } from '../Threads/endpoints/retryMessage'
import { messagesAccess } from './access'
import { touchThread } from './hooks/touchThread'

const system = { create: serverOnly, update: serverOnly }
/** Delivery internals: staff see them, the customer does not. */
const staffOnly = { read: atLeastManagerField, create: serverOnly, update: serverOnly }

export const Messages: AppCollection = {
  slug: 'messages',
  admin: { useAsTitle: 'subject', defaultColumns: ['thread', 'channel', 'direction', 'status', 'body', 'createdAt'], group: 'Inbox' },
  access: messagesAccess,
  hooks: { beforeOperation: [guardWriteBody], afterChange: [touchThread] },
  // The inbox's "Retry" on a failed email or text (managers and admins).
  endpoints: [retryMessageEndpoint],
  fields: [
    { name: 'thread', type: 'relationship', relationTo: 'threads', required: true, index: true, access: staffOnly },
    { name: 'customer', type: 'relationship', relationTo: 'customers', index: true, access: system },
    { name: 'booking', type: 'relationship', relationTo: 'bookings', index: true, access: system },
    { name: 'channel', type: 'select', required: true, options: MESSAGE_CHANNELS.map((v) => ({ label: v, value: v })), access: system },
    { name: 'direction', type: 'select', required: true, options: MESSAGE_DIRECTIONS.map((v) => ({ label: v, value: v })), access: system },
    { name: 'status', type: 'select', required: true, defaultValue: 'queued', index: true, options: MESSAGE_STATUSES.map((v) => ({ label: v, value: v })), access: system },
    { name: 'subject', type: 'text', maxLength: 300, access: system },
    { name: 'body', type: 'textarea', required: true, maxLength: MESSAGE_BODY_MAX, access: system },
    { name: 'html', type: 'textarea', maxLength: 200_000, access: staffOnly, admin: { hidden: true } },
    { name: 'to', type: 'text', maxLength: 320, access: staffOnly, admin: { description: 'Email address or phone number it goes to.' } },
    { name: 'from', type: 'text', maxLength: 320, access: staffOnly },
    {
      name: 'event',
      type: 'select',
      options: BOOKING_EMAIL_EVENTS.map((v) => ({ label: BOOKING_EMAIL_EVENT_LABELS[v], value: v })),
      access: system,
      admin: { description: 'The booking event this email is for.' },
    },
    { name: 'attachInvite', type: 'checkbox', defaultValue: false, access: staffOnly, admin: { description: 'Attach the booking as a calendar invite (.ics) when sent.' } },
    // At most one message per booking event (bookingEmailKey in src/domain/messaging), even under retries.
    { name: 'key', type: 'text', unique: true, maxLength: 200, access: staffOnly },
    { name: 'attempts', type: 'number', required: true, defaultValue: 0, min: 0, access: staffOnly },
    { name: 'error', type: 'text', maxLength: 1000, access: staffOnly },
    { name: 'providerId', type: 'text', index: true, maxLength: 200, access: staffOnly },
    { name: 'author', type: 'relationship', relationTo: 'users', access: staffOnly },
    { name: 'lastAttemptAt', type: 'date', access: staffOnly },
    { name: 'sentAt', type: 'date', access: system },
    { name: 'deliveredAt', type: 'date', access: system },
    { name: 'failedAt', type: 'date', access: staffOnly },
    { name: 'readAt', type: 'date', access: staffOnly },
    // A chat reply's links (the booking form pre-filled, a policy page): same-site paths, shown as buttons.
    { name: 'chatLinks', type: 'json', access: system, admin: { readOnly: true } },
    // Sealed private links (src/server/sealed.ts): opened only by the sender at send time.
    { name: 'sealedLinks', type: 'text', hidden: true, access: system },
  ],
  timestamps: true,
}
