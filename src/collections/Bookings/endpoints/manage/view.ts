/** GET /api/bookings/manage/:token → 200 { booking: ManageView }. */
import { loadSettingsCached } from '../../../../globals/BusinessSettings/load'
import { jsonResponse } from '../../../../http/responses'
import { manageView } from '../../manageView'
import { manageEndpoint, PRIVATE } from './shared'
import { paymentsEnabled } from '../../../../infra/stripe'

export const viewEndpoint = manageEndpoint('get', '', async (req, { booking }) => {
  const view = manageView(booking, await loadSettingsCached(req), new Date(), { paymentsOnline: paymentsEnabled() })
  return jsonResponse({ status: 200, body: JSON.stringify({ booking: view }) }, PRIVATE)
})
