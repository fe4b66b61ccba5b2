/**
 * A template is saved only with placeholders that exist (src/domain/messaging/templates.ts): an
 * unknown or misspelt one, a link in the subject, a placeholder of another email or one split
 * across styles is a 400 naming the field (`subject` or `body`) and the problem, so the customer
 * never gets braces instead of their date. Runs on every create and update (API and admin).
 */
import type { CollectionBeforeValidateHook } from 'payload'

import { BOOKING_EMAIL_EVENTS, type BookingEmailEvent, ValidationError } from '../../domain'
import { templateProblems } from '../../domain/messaging/templates'
import { toPayloadError } from '../../http/errors'

function eventOf(value: unknown): BookingEmailEvent | undefined {
  return typeof value === 'string' && (BOOKING_EMAIL_EVENTS as readonly string[]).includes(value) ? (value as BookingEmailEvent) : undefined
}

export const checkPlaceholders: CollectionBeforeValidateHook = ({ data, originalDoc }) => {
  const incoming = (data ?? {}) as Record<string, unknown>
  const stored = (originalDoc ?? {}) as Record<string, unknown>
  const event = eventOf(incoming.event ?? stored.event)
  // A change of event re-checks the stored parts too: `{{balanceLink}}` may not follow a template to another email.
  const eventChanged = incoming.event !== undefined && incoming.event !== stored.event
  const issues = templateProblems(
    {
      subject: incoming.subject ?? (eventChanged ? stored.subject : undefined),
      body: incoming.body ?? (eventChanged ? stored.body : undefined),
    },
    event,
  )
  if (issues.length > 0) throw toPayloadError(new ValidationError(issues))
  return data
}
