/**
 * POST /api/customers/:id/anonymise {} — staff (managers and admins) carry out a customer's
 * deletion request (src/collections/Customers/anonymise.ts): 200 { anonymisedAt, … }, the same
 * again for an account already anonymised. 401 signed out, 403 chefs, editors and customers,
 * 404 unknown customer, 409 `has_upcoming_booking` while a booking of theirs is still to come.
 */
import type { Endpoint } from 'payload'

import { noInputSchema } from '../../../domain/account'
import { NotFoundError } from '../../../domain/errors'
import { recordId } from '../../../domain/schemas'
import { refusal } from '../../../http/responses'
import { logger } from '../../../server/logger'
import { anonymiseCustomer } from '../anonymise'
import { json, jsonResponse, parsedBody, PRIVATE, staffWith } from './shared'

const log = logger.child({ module: 'anonymise' })

export const anonymiseEndpoint: Endpoint = {
  method: 'post',
  path: '/:id/anonymise',
  handler: async (req) => {
    try {
      const signedOut = staffWith(req, ['admin', 'manager'], 'anonymise a customer')
      if (signedOut) return jsonResponse(signedOut, PRIVATE)
      const id = recordId.safeParse(req.routeParams?.id)
      if (!id.success) throw new NotFoundError('No customer with that id.')
      await parsedBody(req, noInputSchema)
      const result = await anonymiseCustomer(req, id.data, new Date())
      // Ids and counts only: what was removed is never written anywhere.
      log.info({ customerId: result.customerId, staffId: req.user?.id, bookings: result.bookings, messages: result.messages, again: result.alreadyAnonymised }, 'customer anonymised')
      return jsonResponse(json(200, result), PRIVATE)
    } catch (err) {
      return jsonResponse(refusal(err), PRIVATE)
    }
  },
}
