/**
 * The booking emails' wording, one template per booking event (received, confirmed, …), edited by
 * managers in the admin as rich text with placeholders such as {{customerName}} and
 * {{manageLink}} (the list, with what each means: src/domain/messaging/templates.ts). A template
 * with a placeholder that does not exist is refused on save (400 naming `subject` or `body`).
 * A missing template falls back to the wording in src/collections/EmailTemplates/defaults.ts, so
 * a fresh install sends sensible mail. "Preview email" on the edit view renders the unsaved form
 * with a sample booking (POST /api/email-templates/preview). Versions keep earlier wordings.
 */
import { atLeastManager } from '../../access/atLeastManager'
import { nobody } from '../../access/nobody'
import type { AppCollection } from '../../access/types'
import { BOOKING_EMAIL_EVENT_LABELS, BOOKING_EMAIL_EVENTS } from '../../domain'
import { guardWriteBody } from '../../hooks/guardWriteBody'
import { checkPlaceholders } from './checkPlaceholders'
import { previewEndpoint } from './preview'

export const EmailTemplates: AppCollection = {
  slug: 'email-templates',
  labels: { singular: 'Email template', plural: 'Email templates' },
  admin: {
    useAsTitle: 'event',
    defaultColumns: ['event', 'subject', 'updatedAt'],
    group: 'Inbox',
    description:
      'The wording of the emails a booking sends, one template per email. An email without a template here goes out in the default wording; "Preview email" on a template shows it with a sample booking.',
    components: { edit: { beforeDocumentControls: ['/collections/EmailTemplates/PreviewButton#PreviewButton'] } },
  },
  access: { create: atLeastManager, read: atLeastManager, update: atLeastManager, delete: nobody, readVersions: atLeastManager },
  versions: { maxPerDoc: 20 },
  endpoints: [previewEndpoint],
  hooks: { beforeOperation: [guardWriteBody], beforeValidate: [checkPlaceholders] },
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
