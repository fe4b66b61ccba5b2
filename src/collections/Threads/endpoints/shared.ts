/**
 * What the inbox endpoints share: only managers and admins use them (401 signed out, 403 for
 * anyone else, a customer included), and the record id in the path is a positive integer or the
 * record does not exist (404, never a 500 from the database).
 */
import type { PayloadRequest } from 'payload'

import { hasRole } from '../../../access/roles'
import { ForbiddenError, MAX_RECORD_ID, NotFoundError } from '../../../domain'
import { errorBody, jsonResponse, refusal } from '../../../http/responses'

/** The refusal for anyone but a manager or an admin, or undefined to go on. */
export function refuseUnlessManager(req: PayloadRequest, action: string): Response | undefined {
  if (!req.user) return jsonResponse({ status: 401, body: errorBody('Unauthorized', `Sign in as a manager or an admin to ${action}.`) })
  if (!hasRole(req.user, 'admin', 'manager')) return jsonResponse(refusal(new ForbiddenError(`Only managers and admins ${action}.`)))
  return undefined
}

/** The `:id` of the path as a record id; NotFoundError for anything that cannot name a record. */
export function routeId(req: PayloadRequest, what: string): number {
  const raw = req.routeParams?.id
  const id = typeof raw === 'string' && /^\d{1,10}$/.test(raw) ? Number(raw) : NaN
  if (!Number.isSafeInteger(id) || id < 1 || id > MAX_RECORD_ID) throw new NotFoundError(`No ${what} with that id.`)
  return id
}

/** The signed-in staff member's id (the caller has checked that there is one). */
export function staffId(req: PayloadRequest): number {
  const id = Number(req.user?.id)
  if (!Number.isSafeInteger(id)) throw new Error('a staff request without a numeric user id')
  return id
}
