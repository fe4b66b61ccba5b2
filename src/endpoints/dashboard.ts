/**
 * GET /api/dashboard — the back-office dashboard's figures as JSON (the admin view renders the
 * same figures on the server; this is for scripts and tests). Managers and admins only: 401 signed
 * out, 403 for a customer, a chef or an editor (they never see money or other people's bookings).
 * Never cached by a browser or a proxy (the figures hold money); cached on the server
 * (src/collections/Bookings/dashboard.ts).
 */
import type { Endpoint } from 'payload'

import { dashboardFigures } from '../collections/Bookings/dashboard'
import { dashboardAudience } from '../domain/dashboard'
import { ForbiddenError } from '../domain'
import { errorBody, jsonResponse, refusal } from '../http/responses'

export const dashboardEndpoint: Endpoint = {
  path: '/dashboard',
  method: 'get',
  handler: async (req) => {
    if (!req.user) return jsonResponse({ status: 401, body: errorBody('Unauthorized', 'Sign in as a manager or an admin to see the dashboard.') })
    if (dashboardAudience(req.user) !== 'figures') return jsonResponse(refusal(new ForbiddenError('Only managers and admins see the dashboard’s figures.')))
    const figures = await dashboardFigures(req)
    return jsonResponse({ status: 200, body: JSON.stringify({ figures }) }, { 'Cache-Control': 'private, no-store' })
  },
}
