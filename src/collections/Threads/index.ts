/**
 * Threads: one per customer (or, for a text from a number we do not know, one per phone number),
 * holding every message in or out across email, SMS, notes, the account page and chat. The inbox
 * lists them by last activity. The system creates and updates them (src/collections/Messages/
 * threads.ts); staff only assign a thread and mark it done. Customers never read threads: they
 * read their messages.
 */
import { atLeastManager, atLeastManagerField } from '../../access/atLeastManager'
import { nobody } from '../../access/nobody'
import { serverOnly } from '../../access/serverOnly'
import type { AppCollection } from '../../access/types'
import { CHAT_MODES, MESSAGE_CHANNELS, MESSAGE_DIRECTIONS, THREAD_STATES } from '../../domain'
import { guardWriteBody } from '../../hooks/guardWriteBody'
import { threadEndpoints } from './endpoints'

const system = { create: serverOnly, update: serverOnly }

export const Threads: AppCollection = {
  slug: 'threads',
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'state', 'unreadCount', 'lastChannel', 'lastMessageAt', 'assignee'],
    group: 'Inbox',
    description: 'One conversation per customer. Open the Inbox for the live view.',
  },
  access: { create: nobody, read: atLeastManager, update: atLeastManager, delete: nobody, readVersions: nobody },
  hooks: { beforeOperation: [guardWriteBody] },
  // The inbox's actions (reply, mark read). Assigning and done/reopen are Payload's own PATCH: field
  // access leaves staff only `state` and `assignee`, and the assignee's filterOptions (managers and
  // admins) are validated on the server too.
  endpoints: threadEndpoints,
  defaultSort: '-lastMessageAt',
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 200, access: system, admin: { readOnly: true } },
    { name: 'customer', type: 'relationship', relationTo: 'customers', unique: true, access: system, admin: { readOnly: true } },
    { name: 'phone', type: 'text', unique: true, maxLength: 20, access: system, admin: { readOnly: true, description: 'A number that is not a customer yet (inbound text).' } },
    // An anonymous storefront chat: the conversation id from the visitor's signed chat cookie
    // (src/chat/identity.ts). Nobody reads it through the API; the server does (overrideAccess).
    { name: 'visitor', type: 'text', unique: true, maxLength: 64, access: { read: serverOnly, ...system }, admin: { hidden: true } },
    {
      name: 'chatMode',
      type: 'select',
      required: true,
      defaultValue: 'assistant',
      options: CHAT_MODES.map((v) => ({ label: v === 'assistant' ? 'Assistant answers' : 'Staff answer', value: v })),
      access: system,
      admin: { readOnly: true, position: 'sidebar', description: 'Who answers the storefront chat: take it over from the Inbox.' },
    },
    { name: 'chatStaff', type: 'relationship', relationTo: 'users', access: system, admin: { readOnly: true, position: 'sidebar', description: 'The staff member who took the chat over.' } },
    { name: 'chatSeenAt', type: 'date', index: true, access: system, admin: { readOnly: true, position: 'sidebar', date: { pickerAppearance: 'dayAndTime' }, description: 'Last sign of life from an open chat window.' } },
    {
      name: 'state',
      type: 'select',
      required: true,
      defaultValue: 'open',
      index: true,
      options: THREAD_STATES.map((v) => ({ label: v === 'open' ? 'Open' : 'Done', value: v })),
      access: { create: serverOnly, update: atLeastManagerField },
      admin: { position: 'sidebar' },
    },
    {
      name: 'assignee',
      type: 'relationship',
      relationTo: 'users',
      filterOptions: { role: { in: ['admin', 'manager'] } },
      access: { create: serverOnly, update: atLeastManagerField },
      admin: { position: 'sidebar' },
    },
    { name: 'unreadCount', type: 'number', required: true, defaultValue: 0, min: 0, access: system, admin: { readOnly: true, position: 'sidebar' } },
    { name: 'lastMessageAt', type: 'date', index: true, access: system, admin: { readOnly: true, position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'lastInboundAt', type: 'date', access: system, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'lastChannel', type: 'select', options: MESSAGE_CHANNELS.map((v) => ({ label: v, value: v })), access: system, admin: { readOnly: true } },
    { name: 'lastDirection', type: 'select', options: MESSAGE_DIRECTIONS.map((v) => ({ label: v, value: v })), access: system, admin: { readOnly: true } },
    { name: 'lastPreview', type: 'text', maxLength: 200, access: system, admin: { readOnly: true } },
    { name: 'lastBooking', type: 'relationship', relationTo: 'bookings', access: system, admin: { readOnly: true } },
    { name: 'messages', type: 'join', collection: 'messages', on: 'thread', defaultSort: '-createdAt', defaultLimit: 20, admin: { defaultColumns: ['channel', 'direction', 'status', 'body', 'createdAt'] } },
  ],
  timestamps: true,
}
