/**
 * The template a booking email is written from: the email-templates row staff keep for that
 * event, or the default wording (defaults.ts) when there is none. A stored row the current rules
 * refuse (written before a placeholder was retired, or around the API) is not sent as it is: the
 * default goes instead, and the log says which event, so staff can fix the row.
 * Reads inside the caller's transaction (pass `req`); the system reads, not a user.
 */
import type { PayloadRequest } from 'payload'

import type { BookingEmailEvent } from '../../domain'
import { isLexicalDoc, templateProblems } from '../../domain/messaging/templates'
import { logger } from '../../server/logger'
import { DEFAULT_TEMPLATES } from './defaults'
import type { EmailTemplateSource } from './render'

const log = logger.child({ module: 'email-templates' })

export function defaultTemplate(event: BookingEmailEvent): EmailTemplateSource {
  return DEFAULT_TEMPLATES[event]
}

export async function templateFor(req: PayloadRequest, event: BookingEmailEvent): Promise<EmailTemplateSource & { stored: boolean }> {
  // The system reads the template to write the email; depth 1 fills internal links' pages (their slugs).
  const found = await req.payload.find({ collection: 'email-templates', where: { event: { equals: event } }, limit: 1, pagination: false, depth: 1, overrideAccess: true, req })
  const row = found.docs[0]
  if (!row) return { ...defaultTemplate(event), stored: false }
  const problems = templateProblems({ subject: row.subject, body: row.body }, event)
  if (problems.length > 0 || !isLexicalDoc(row.body)) {
    log.warn({ event, templateId: row.id, problems: problems.map((p) => p.path) }, 'the stored email template is not usable; the default wording is sent instead')
    return { ...defaultTemplate(event), stored: false }
  }
  return { subject: row.subject, body: row.body, stored: true }
}
