/**
 * The chef calendar, a custom admin view at /admin/calendar (registered in payload.config.ts),
 * inside Payload's own chrome. Managers and admins only: a signed-out visitor or a customer is
 * sent to the staff sign-in, a chef or an editor is told it is not for them (Payload lets any
 * request reach a custom view, so this check is the view's own).
 * Rendered on the server from the URL (?view=month|week|day&date=YYYY-MM-DD): the bookings of the
 * shown dates and the chefs, read as the signed-in user (src/collections/Bookings/calendar.ts),
 * and the blackout dates from the settings. The browser only acts: it assigns or moves chefs
 * through Payload's own PATCH /api/bookings/:id (so access rules, the booking hook and the
 * database's no-overlap trigger all answer) and refreshes. Times are the business's wall clock.
 * Never writes while rendering.
 */
import type { AdminViewServerProps } from 'payload'

import Link from 'next/link'
import { adminPage, staffOrSignIn } from '../adminPage'

import { mayOpenView } from '../../../access/backofficeViews'
import { calendarBookings, calendarChefs } from '../../../collections/Bookings/calendar'
import { blackoutsIn, calendarQueryFrom, calendarRange, shortDate } from '../../../domain/chefCalendar'
import { todayInZone } from '../../../domain/time'
import { loadSettings } from '../../../globals/BusinessSettings/load'
import { CalendarClient } from './CalendarClient'
import './calendar.css'

export async function CalendarView(props: AdminViewServerProps) {
  const { searchParams } = props
  const { req } = props.initPageResult
  const user = staffOrSignIn(props, '/calendar')
  const adminRoute = req.payload.config.routes.admin
  const apiRoute = req.payload.config.routes.api
  const base = `${adminRoute}/calendar`

  const template = (children: React.ReactNode) => adminPage(props, user, 'calendar', 'cal', children)

  if (!mayOpenView(user, 'calendar')) {
    return template(
      <div className="cal-denied" role="alert">
        <h1>Calendar</h1>
        <p>Not allowed: only managers and admins plan the chefs’ calendar.</p>
        <p>
          <Link href={adminRoute}>Back to the dashboard</Link>
        </p>
      </div>,
    )
  }

  // The settings are read by the system (they are not secret); the bookings and chefs as the user.
  const settings = await loadSettings(req)
  const timeZone = settings.timezone
  const today = todayInZone(new Date(), timeZone)
  const query = calendarQueryFrom(searchParams, today)
  const range = calendarRange(query.view, query.date)
  const [{ bookings, truncated }, chefs] = await Promise.all([calendarBookings(req, user, range), calendarChefs(req, user)])
  const blackouts = blackoutsIn(range, settings.blackoutDates)

  return template(
    <>
      <div className="cal-head">
        <h1>Calendar</h1>
        <p className="cal-muted">
          Bookings by chef, times in {timeZone}. Drag a chef onto a booking, or a booking into another chef’s lane; or choose a booking and pick its chef.
        </p>
        {blackouts.length > 0 ? (
          <p className="cal-blackout-note">
            <strong>Blackout dates (no events):</strong> {blackouts.map(shortDate).join(', ')}
          </p>
        ) : null}
        {truncated ? (
          <p role="alert" className="cal-error">
            Too many bookings to show at once: choose the week or day view.
          </p>
        ) : null}
      </div>
      <CalendarClient apiRoute={apiRoute} base={base} view={query.view} date={query.date} timeZone={timeZone} bookings={bookings} chefs={chefs} blackouts={blackouts} />
    </>,
  )
}
