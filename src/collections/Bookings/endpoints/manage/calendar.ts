/** GET /api/bookings/manage/:token/calendar.ics → the booking as an iCalendar file, private. */
import { calendarFile, calendarFileName } from '../../../../domain'
import { loadSettingsCached } from '../../../../globals/BusinessSettings/load'
import { siteOrigin } from '../../../../server/env'
import { manageUrl } from '../../manageTokens'
import { manageView } from '../../manageView'
import { manageEndpoint, PRIVATE_NO_STORE } from './shared'
import { paymentsEnabled } from '../../../../infra/stripe'

export const calendarEndpoint = manageEndpoint('get', '/calendar.ics', async (req, { token, booking }) => {
  const settings = await loadSettingsCached(req)
  const view = manageView(booking, settings, new Date(), { paymentsOnline: paymentsEnabled() })
  const site = siteOrigin()
  const text = calendarFile(
    {
      id: view.id,
      status: view.status,
      eventDate: view.eventDate,
      startsAt: new Date(view.startsAt),
      durationMinutes: view.durationMinutes,
      guests: view.guests,
      address: view.address,
      createdAt: new Date(booking.createdAt),
      updatedAt: new Date(booking.updatedAt),
    },
    { businessName: settings.businessName, siteUrl: site, manageUrl: manageUrl(site, token) },
  )
  return new Response(text, {
    status: 200,
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${calendarFileName(view.eventDate)}"`,
      ...PRIVATE_NO_STORE,
    },
  })
})
