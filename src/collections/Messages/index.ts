/**
 * Messages with customers: one thread per customer (and booking). Staff write them; a signed-in
 * customer reads their own. Sending happens in jobs (a later issue); status says how far it got.
 */

import type { AppCollection } from '../../access/types'
import { guardWriteBody } from '../../hooks/guardWriteBody'
import { messagesAccess } from './access'

export const Messages: AppCollection = {
  slug: 'messages',
  admin: { useAsTitle: 'body', defaultColumns: ['customer', 'channel', 'direction', 'status', 'createdAt'], group: 'Inbox' },
  access: messagesAccess,
  hooks: { beforeOperation: [guardWriteBody] },
  fields: [
    { name: 'customer', type: 'relationship', relationTo: 'customers', required: true, index: true },
    { name: 'booking', type: 'relationship', relationTo: 'bookings', index: true },
    { name: 'channel', type: 'select', required: true, options: ['chat', 'email', 'sms', 'note'].map((v) => ({ label: v, value: v })) },
    { name: 'direction', type: 'select', required: true, options: ['inbound', 'outbound'].map((v) => ({ label: v, value: v })) },
    { name: 'body', type: 'textarea', required: true, maxLength: 5000 },
    { name: 'status', type: 'select', required: true, defaultValue: 'queued', options: ['queued', 'sent', 'delivered', 'failed'].map((v) => ({ label: v, value: v })) },
    { name: 'error', type: 'text', maxLength: 500 },
    { name: 'sentAt', type: 'date' },
    { name: 'deliveredAt', type: 'date' },
  ],
  timestamps: true,
}
