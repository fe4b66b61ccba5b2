/**
 * The signed-in customer's own actions (src/collections/Customers/account.ts), each for a verified
 * customer only (401 signed out, 403 staff):
 *   POST /api/customers/me/bookings/:id/manage-link → 200 { url } a fresh manage link for one of
 *        their active bookings (links sent before stop working); 404 not theirs, 409 over.
 *   POST /api/customers/me/messages { body, bookingId? } → 201 { message } stored as an inbound
 *        `web` message in their thread; 400 naming the field; 429 after RATE_LIMIT_MANAGE per
 *        account. An Idempotency-Key makes a retried send store it once.
 *   GET  /api/customers/me/export → their data as a JSON attachment.
 *   POST /api/customers/me/deletion-request {} → 200 { requestedAt, dueBy } (the first date is kept).
 * Editing name, phone and marketing consent is Payload's own PATCH /api/customers/:id, whose field
 * access keeps the rest (verification, notes, Stripe, deletion dates) to staff and the server.
 */
import type { Endpoint, PayloadRequest } from 'payload'

import { accountExportFileName, accountMessageSchema, noInputSchema } from '../../../domain/account'
import { parseOrThrow, recordId } from '../../../domain/schemas'
import { bodyValue, readJsonBody } from '../../../http/body'
import { respondIdempotently } from '../../../http/idempotent-endpoint'
import { errorBody, refusal, type JsonResult } from '../../../http/responses'
import { exportAccount, mintOwnManageLink, postAccountMessage, requestDeletion } from '../account'
import { accountHolder, isResult, json, jsonResponse, limit, parsedBody, PRIVATE, type AccountHolder } from './shared'

/** Runs `handle` for the signed-in customer; refusals are answered 4xx, privately. */
function forAccountHolder(method: 'get' | 'post', path: string, handle: (req: PayloadRequest, holder: AccountHolder) => Promise<Response>): Endpoint {
  return {
    method,
    path,
    handler: async (req) => {
      const holder = accountHolder(req)
      if (isResult(holder)) return jsonResponse(holder, PRIVATE)
      try {
        return await handle(req, holder)
      } catch (err) {
        return jsonResponse(refusal(err), PRIVATE)
      }
    },
  }
}

const NOT_YOURS: JsonResult = { status: 404, body: errorBody('NotFound', 'You have no booking with that number.') }

export const manageLinkEndpoint = forAccountHolder('post', '/me/bookings/:id/manage-link', async (req, holder) => {
  const id = recordId.safeParse(req.routeParams?.id)
  if (!id.success) return jsonResponse(NOT_YOURS, PRIVATE)
  await parsedBody(req, noInputSchema)
  const url = await mintOwnManageLink(req, holder.id, id.data)
  return jsonResponse(json(200, { url }), PRIVATE)
})

export const accountMessageEndpoint = forAccountHolder('post', '/me/messages', async (req, holder) => {
  const body = await readJsonBody(req, 32 * 1024)
  const input = parseOrThrow(accountMessageSchema, bodyValue(body))
  // Only a message that would be stored counts against the account's budget (a refusal writes nothing).
  const refused = await limit('manage', `account-messages:${holder.id}`)
  if (refused) return jsonResponse(refused.result, { ...PRIVATE, ...refused.headers })
  return respondIdempotently(req, {
    scope: `customers:messages:${holder.id}`,
    body: input,
    headers: PRIVATE,
    run: async () => {
      try {
        return json(201, { message: await postAccountMessage(req, holder, input) })
      } catch (err) {
        return refusal(err)
      }
    },
  })
})

export const exportEndpoint = forAccountHolder('get', '/me/export', async (req, holder) => {
  const now = new Date()
  const data = await exportAccount(req, holder.id, now)
  return new Response(`${JSON.stringify(data, null, 2)}\n`, {
    status: 200,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${accountExportFileName(now)}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...PRIVATE,
    },
  })
})

export const deletionRequestEndpoint = forAccountHolder('post', '/me/deletion-request', async (req, holder) => {
  await parsedBody(req, noInputSchema)
  return jsonResponse(json(200, await requestDeletion(req, holder)), PRIVATE)
})
