/**
 * POST /api/bookings/:id/chef-outcome { outcome: 'completed' | 'no_show' } — the one change a chef
 * makes: marking an event assigned to them completed or a no-show, once it has started and only
 * from confirmed (src/domain/lifecycle.ts, assertChefOutcome). 200 { id, status }.
 * 401 signed out; 403 anyone but a chef (managers change the status on the booking itself);
 * 404 a booking the chef is not assigned to (the same answer as an unknown one: a chef learns
 * nothing of other bookings); 409 `event_not_started` or `invalid_transition`; 400 naming `outcome`.
 * Bookings' own `update` access stays managers-only: this endpoint writes `status` alone, as the
 * system, after its own checks.
 */
import type { Endpoint } from 'payload'
import { z } from 'zod'

import { hasRole } from '../../../../access/roles'
import { assertChefOutcome, CHEF_OUTCOMES, ForbiddenError, NotFoundError, recordId } from '../../../../domain'
import { refusal } from '../../../../http/responses'
import { inTransaction } from '../../../../infra/db'
import { logger } from '../../../../server/logger'
import { json, jsonResponse, parsedBody, PRIVATE } from '../../../Customers/endpoints/shared'
import { errorBody } from '../../../../http/responses'
import { bookingConflictFromDatabase } from '../../databaseErrors'
import { lockBookingForChange } from '../../queries'

const log = logger.child({ module: 'chef-outcome' })

export const chefOutcomeSchema = z.object({ outcome: z.enum(CHEF_OUTCOMES) }).strict()

const NOT_ASSIGNED = 'No booking of yours has that id.'

export const chefOutcomeEndpoint: Endpoint = {
  method: 'post',
  path: '/:id/chef-outcome',
  handler: async (req) => {
    try {
      const user = req.user
      if (!user) return jsonResponse({ status: 401, body: errorBody('Unauthorized', 'Sign in as a chef to mark an event.') }, PRIVATE)
      if (!hasRole(user, 'chef')) throw new ForbiddenError('Only the chef of an event marks it completed or a no-show; managers change the status on the booking.')
      const id = recordId.safeParse(req.routeParams?.id)
      if (!id.success) throw new NotFoundError(NOT_ASSIGNED)
      const { outcome } = await parsedBody(req, chefOutcomeSchema)
      const status = await inTransaction(req, async () => {
        // Read as the chef: their read access (assigned bookings only) decides whether it exists for them.
        const found = await req.payload.find({ collection: 'bookings', where: { and: [{ id: { equals: id.data } }, { assignedChefs: { in: [user.id] } }] }, user, overrideAccess: false, depth: 0, limit: 1, pagination: false, select: { status: true }, req })
        if (found.docs.length === 0) throw new NotFoundError(NOT_ASSIGNED)
        const current = await lockBookingForChange(req, id.data)
        if (!current) throw new NotFoundError(NOT_ASSIGNED)
        assertChefOutcome({ status: current.status, startsAt: current.startsAt, now: new Date(), outcome })
        // The system writes, not the chef: bookings' update access is managers-only and must stay so.
        // The checks above (assigned, started, confirmed) are what allow this one field, and the
        // booking hook re-checks the transition in this same transaction.
        const updated = await req.payload.update({ collection: 'bookings', id: id.data, data: { status: outcome }, req, overrideAccess: true, depth: 0, select: { status: true } })
        return updated.status
      })
      log.info({ bookingId: id.data, chefId: user.id, outcome }, 'chef marked an event')
      return jsonResponse(json(200, { id: id.data, status }), PRIVATE)
    } catch (err) {
      return jsonResponse(refusal(err, [bookingConflictFromDatabase]), PRIVATE)
    }
  },
}
