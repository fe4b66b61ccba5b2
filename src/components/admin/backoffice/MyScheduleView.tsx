/**
 * "My schedule", a custom admin view at /admin/my-schedule (payload.config.ts) for chefs: their
 * events of today and the next six days, and the past week's events still waiting for their word
 * (started, still confirmed), each with what a chef needs on the way and at the grill — time,
 * address and a map link, party, menu with quantities (proteins per guest), dietary notes and the
 * customer's phone — and buttons to mark it completed or a no-show (POST
 * /api/bookings/:id/chef-outcome). Read as the chef (`overrideAccess: false`): bookings' read
 * access gives a chef only those assigned to them. Other staff are told it is for chefs; a
 * signed-out visitor or a customer goes to the sign-in. Laid out for a 375 px phone first.
 * Never writes while rendering.
 */
import type { AdminViewServerProps } from 'payload'

import { mayOpenView } from '../../../access/backofficeViews'
import { canMarkOutcome, mapSearchUrl, scheduleRange, type BookingStatus } from '../../../domain'
import { loadSettings } from '../../../globals/BusinessSettings/load'
import type { Booking } from '../../../payload-types'
import { formatInstant } from '../formatInstant'
import { OutcomeButtons } from './OutcomeButtons'
import { Denied, menuItemsOf, menuRowsOf, page, staffOrSignIn, type MenuRef } from './shared'

const STATUS_LABEL: Record<string, string> = { pending: 'Not confirmed yet', confirmed: 'Confirmed', completed: 'Completed', no_show: 'No-show' }

function party(b: Booking): string {
  const children = b.guests.children ?? 0
  return `${b.guests.adults} adult${b.guests.adults === 1 ? '' : 's'}${children > 0 ? `, ${children} child${children === 1 ? '' : 'ren'}` : ''} (${b.guestsTotal ?? b.guests.adults + children} guests)`
}

function EventCard({ booking, items, timeZone, now, apiRoute }: { booking: Booking; items: Map<string, MenuRef>; timeZone: string; now: Date; apiRoute: string }) {
  const rows = menuRowsOf(booking, items)
  const proteins = rows.filter((r) => r.item.category === 'protein')
  const others = rows.filter((r) => r.item.category !== 'protein')
  const startsAt = booking.startsAt ? new Date(booking.startsAt) : undefined
  const status = booking.status as BookingStatus
  const canMark = startsAt !== undefined && (canMarkOutcome(status, startsAt, now, 'completed') || canMarkOutcome(status, startsAt, now, 'no_show'))
  const headingId = `event-${booking.id}`
  return (
    <article className="schedule-event" aria-labelledby={headingId} data-booking-id={booking.id}>
      <header className="schedule-event__head">
        <h3 id={headingId}>{(booking.startsAt ? formatInstant(booking.startsAt, timeZone) : undefined) ?? `${booking.eventDate} ${booking.startTime}`}</h3>
        <span className={`schedule-status schedule-status--${booking.status}`}>{STATUS_LABEL[booking.status] ?? booking.status}</span>
      </header>
      <dl className="schedule-facts">
        <dt>Customer</dt>
        <dd>
          {booking.contact.name} · <a href={`tel:${booking.contact.phone.replace(/[^\d+]/g, '')}`}>{booking.contact.phone}</a>
        </dd>
        <dt>Address</dt>
        <dd>
          {booking.address.street}, {booking.address.city}, {booking.address.state} {booking.address.zip}
          <br />
          <a href={mapSearchUrl(booking.address)} target="_blank" rel="noopener noreferrer">
            Open in Google Maps<span className="backoffice-sr"> (new tab)</span>
          </a>
        </dd>
        <dt>Party</dt>
        <dd>{party(booking)}</dd>
        <dt>Proteins</dt>
        <dd>{proteins.length > 0 ? proteins.map((r) => `${r.item.name} × ${r.quantity} guest${r.quantity === 1 ? '' : 's'}`).join('; ') : 'None chosen'}</dd>
        <dt>Menu</dt>
        <dd>{others.length > 0 ? <ul className="schedule-menu">{others.map((r) => <li key={r.item.id}>{r.item.name} × {r.quantity}{r.item.pricing === 'flat' ? '' : ` guest${r.quantity === 1 ? '' : 's'}`}</li>)}</ul> : 'No extras'}</dd>
        <dt>Dietary notes</dt>
        <dd>{booking.dietaryNotes?.trim() ? booking.dietaryNotes : 'None'}</dd>
        {booking.specialRequests?.trim() ? (
          <>
            <dt>Special requests</dt>
            <dd>{booking.specialRequests}</dd>
          </>
        ) : null}
      </dl>
      {canMark ? <OutcomeButtons bookingId={booking.id} apiRoute={apiRoute} label={headingId} /> : null}
    </article>
  )
}

export async function MyScheduleView(props: AdminViewServerProps) {
  const user = staffOrSignIn(props, '/my-schedule')
  const { req } = props.initPageResult
  const adminRoute = req.payload.config.routes.admin
  if (!mayOpenView(user, 'mySchedule')) {
    return page(props, user, 'my-schedule', 'my-schedule', <Denied title="My schedule" reason="This page is for chefs: it lists the events assigned to the signed-in chef. Managers see every booking under Bookings." adminRoute={adminRoute} />)
  }
  const settings = await loadSettings(req)
  const timeZone = settings.timezone
  const now = new Date()
  const range = scheduleRange(now, timeZone)
  const found = await req.payload.find({
    collection: 'bookings',
    where: { and: [{ assignedChefs: { in: [user.id] } }, { eventDate: { greater_than_equal: range.lookBackFrom } }, { eventDate: { less_than_equal: range.weekEnd } }, { status: { in: ['pending', 'confirmed', 'completed', 'no_show'] } }] },
    user,
    overrideAccess: false,
    depth: 0,
    limit: 200,
    pagination: false,
    sort: 'startsAt',
  })
  const bookings = found.docs
  const items = await menuItemsOf(req, user, bookings)
  const waiting = bookings.filter((b) => b.eventDate < range.today && b.status === 'confirmed')
  const today = bookings.filter((b) => b.eventDate === range.today)
  const week = bookings.filter((b) => b.eventDate > range.today)
  const apiRoute = req.payload.config.routes.api
  const section = (id: string, title: string, list: Booking[], empty: string) => (
    <section className="schedule-section" aria-labelledby={id}>
      <h2 id={id}>
        {title} <span className="schedule-count">({list.length})</span>
      </h2>
      {list.length === 0 ? <p className="backoffice-muted">{empty}</p> : list.map((b) => <EventCard key={b.id} booking={b} items={items} timeZone={timeZone} now={now} apiRoute={apiRoute} />)}
    </section>
  )
  return page(
    props,
    user,
    'my-schedule',
    'my-schedule',
    <>
      <div className="backoffice-head">
        <h1>My schedule</h1>
        <p className="backoffice-muted">
          Today is {range.today}. Events assigned to you, in {timeZone} time. <a href={`${adminRoute}/prep-list?date=${range.today}`}>Today’s prep list</a>
        </p>
      </div>
      {waiting.length > 0 ? section('schedule-waiting', 'Waiting for your word', waiting, '') : null}
      {section('schedule-today', 'Today', today, 'No events today.')}
      {section('schedule-week', 'This week', week, 'No more events in the next six days.')}
    </>,
  )
}
