/**
 * The booking emails' wording, one template per booking event (received, confirmed, …), edited by
 * managers in the admin as rich text with placeholders such as {{customerName}} and
 * {{manageLink}}. A missing template falls back to the wording in src/collections/EmailTemplates/
 * defaults.ts, so a fresh install sends sensible mail. Versions keep earlier wordings.
 */
import { atLeastManager } from '../../access/atLeastManager'
import { nobody } from '../../access/nobody'
import type { AppCollection } from '../../access/types'
import { BOOKING_EMAIL_EVENT_LABELS, BOOKING_EMAIL_EVENTS } from '../../domain'
import { guardWriteBody } from '../../hooks/guardWriteBody'

export const EmailTemplates: AppCollection = {
  slug: 'email-templates',
  labels: { singular: 'Email template', plural: 'Email templates' },
  admin: { useAsTitle: 'event', defaultColumns: ['event', 'subject', 'updatedAt'], group: 'Inbox' },
  access: { create: atLeastManager, read: atLeastManager, update: atLeastManager, delete: nobody, readVersions: atLeastManager },
  versions: { maxPerDoc: 20 },
  hooks: { beforeOperation: [guardWriteBody] },
  fields: [
    {
      name: 'event',
      type: 'select',
      required: true,
      unique: true,
      options: BOOKING_EMAIL_EVENTS.map((v) => ({ label: BOOKING_EMAIL_EVENT_LABELS[v], value: v })),
    },
    { name: 'subject', type: 'text', required: true, maxLength: 200 },
    { name: 'body', type: 'richText', required: true },
  ],
  timestamps: true,
}
