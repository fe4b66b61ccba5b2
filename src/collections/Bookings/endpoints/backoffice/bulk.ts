/**
 * POST /api/bookings/bulk { action: 'confirm' | 'cancel', ids: number[], reason? } — the bookings
 * list's bulk actions, for managers and admins (401 signed out, 403 everyone else). Each booking
 * is changed on its own, as the signed-in user (their access, the booking hook's rules, the same
 * transaction per booking as a single edit): a cancel records the reason and refunds by the policy
 * through the booking's own afterChange hook (hooks/refundOnCancel.ts), exactly as a cancel from
 * the booking's edit page does. One refusal does not stop the others: the answer is 200 with one
 * result per id, `ok` (changed), `unchanged` (already in that status) or `refused` (with the
 * reason the rules or the database gave, e.g. 409 invalid_transition).
 */
import { APIError, type Endpoint } from 'payload'
import { z } from 'zod'

import { isBookingStatus } from '../../../../domain'
import { refusal } from '../../../../http/responses'
import { toPayloadError } from '../../../../http/errors'
import { logger } from '../../../../server/logger'
import { json, jsonResponse, parsedBody, PRIVATE, staffWith } from '../../../Customers/endpoints/shared'
import { bookingConflictFromDatabase } from '../../databaseErrors'

const log = logger.child({ module: 'bookings-bulk' })

export const BULK_MAX = 100

export const bulkSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('confirm'), ids: z.array(z.number().int().positive()).min(1).max(BULK_MAX) }).strict(),
  z.object({ action: z.literal('cancel'), ids: z.array(z.number().int().positive()).min(1).max(BULK_MAX), reason: z.string().trim().min(1, 'Give a reason for the cancellation').max(500) }).strict(),
])

export interface BulkResult {
  id: number
  outcome: 'ok' | 'unchanged' | 'refused'
  status?: string
  message?: string
}

export const bulkEndpoint: Endpoint = {
  method: 'post',
  path: '/bulk',
  handler: async (req) => {
    try {
      const signedOut = staffWith(req, ['admin', 'manager'], 'change bookings in bulk')
      if (signedOut) return jsonResponse(signedOut, PRIVATE)
      const input = await parsedBody(req, bulkSchema)
      const target = input.action === 'confirm' ? 'confirmed' : 'cancelled'
      const user = req.user
      const results: BulkResult[] = []
      for (const id of [...new Set(input.ids)]) {
        try {
          const current = await req.payload.find({ collection: 'bookings', where: { id: { equals: id } }, user, overrideAccess: false, depth: 0, limit: 1, pagination: false, select: { status: true } })
          const status = current.docs[0]?.status
          if (!status) {
            results.push({ id, outcome: 'refused', message: 'No booking has that id.' })
          } else if (status === target) {
            results.push({ id, outcome: 'unchanged', status })
          } else {
            // Each booking in its own Local API call (its own transaction), as the signed-in manager.
            const updated = await req.payload.update({
              collection: 'bookings',
              id,
              data: { status: target },
              user,
              overrideAccess: false,
              depth: 0,
              select: { status: true },
              context: input.action === 'cancel' ? { cancelReason: input.reason } : {},
            })
            results.push({ id, outcome: 'ok', status: isBookingStatus(updated.status) ? updated.status : undefined })
          }
        } catch (err) {
          const mapped = toPayloadError(err, [bookingConflictFromDatabase])
          if (mapped instanceof APIError && mapped.status < 500) {
            results.push({ id, outcome: 'refused', message: mapped.message })
          } else {
            log.error({ bookingId: id, action: input.action, error: err instanceof Error ? err.name : typeof err }, 'bulk booking change failed')
            results.push({ id, outcome: 'refused', message: mapped instanceof APIError ? mapped.message : 'The server could not change this booking; nothing was saved for it.' })
          }
        }
      }
      log.info({ staffId: user?.id, action: input.action, ok: results.filter((r) => r.outcome === 'ok').length, refused: results.filter((r) => r.outcome === 'refused').length }, 'bulk booking change')
      return jsonResponse(json(200, { action: input.action, results }), PRIVATE)
    } catch (err) {
      return jsonResponse(refusal(err), PRIVATE)
    }
  },
}
