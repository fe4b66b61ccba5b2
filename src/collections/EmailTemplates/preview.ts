/**
 * POST /api/email-templates/preview — what a template's email looks like, for the admin's preview
 * (PreviewButton.tsx), from the form as it is now (saved or not):
 *   { event, subject?, body? } → 200 { subject, html, text, usingDefault }
 * with sample booking values and the business name from the settings. An empty subject or body
 * previews the default wording (what goes out while the template is empty). A template the save
 * would refuse (an unknown placeholder …) is the same 400 naming `subject` or `body`.
 * Managers and admins only (the collection's own rule): 401 signed out, 403 for other roles.
 * Writes nothing and sends nothing.
 */
import type { Endpoint } from 'payload'
import { z } from 'zod'

import { hasRole } from '../../access/roles'
import { BOOKING_EMAIL_EVENTS, ForbiddenError, parseOrThrow, ValidationError } from '../../domain'
import { isLexicalDoc, samplePlaceholderValues, templateProblems, textsOf } from '../../domain/messaging/templates'
import { loadSettingsCached } from '../../globals/BusinessSettings/load'
import { bodyValue, readJsonBody } from '../../http/body'
import { errorBody, jsonResponse, refusal } from '../../http/responses'
import { siteOrigin } from '../../server/env'
import { defaultTemplate } from './load'
import { renderTemplate } from './render'

/** A long template's editor state is larger than a booking: room for TEMPLATE_TEXT_MAX of text in Lexical's JSON. */
const PREVIEW_BODY_MAX_BYTES = 512 * 1024

const previewSchema = z
  .object({
    event: z.enum(BOOKING_EMAIL_EVENTS, { error: `Choose the email: ${BOOKING_EMAIL_EVENTS.join(', ')}` }),
    subject: z.string().max(200).nullish(),
    body: z.unknown().optional(),
  })
  .strict()

const hasText = (body: unknown): boolean => isLexicalDoc(body) && textsOf(body).some((t) => t.trim() !== '')

export const previewEndpoint: Endpoint = {
  method: 'post',
  path: '/preview',
  handler: async (req) => {
    if (!req.user) return jsonResponse({ status: 401, body: errorBody('Unauthorized', 'Sign in as a manager to preview email templates.') })
    try {
      if (!hasRole(req.user, 'admin', 'manager')) throw new ForbiddenError('Only managers and admins edit email templates.')
      const input = parseOrThrow(previewSchema, bodyValue(await readJsonBody(req, PREVIEW_BODY_MAX_BYTES)))
      const fallback = defaultTemplate(input.event)
      const subject = input.subject && input.subject.trim() !== '' ? input.subject : undefined
      const body = hasText(input.body) ? input.body : undefined
      const issues = templateProblems({ subject, body }, input.event)
      if (issues.length > 0) throw new ValidationError(issues)
      const settings = await loadSettingsCached(req)
      const origin = siteOrigin()
      // Sample links on this site's own address, so staff see where a customer's link goes.
      const values = {
        ...samplePlaceholderValues(),
        businessName: settings.businessName,
        manageLink: `${origin}/booking/sample-manage-link`,
        accountLink: `${origin}/account`,
        balanceLink: `${origin}/pay/sample-balance-link`,
      }
      const email = renderTemplate({ subject: subject ?? fallback.subject, body: isLexicalDoc(body) ? body : fallback.body }, values, origin)
      return jsonResponse({ status: 200, body: JSON.stringify({ ...email, usingDefault: { subject: subject === undefined, body: body === undefined } }) })
    } catch (err) {
      return jsonResponse(refusal(err))
    }
  },
}
