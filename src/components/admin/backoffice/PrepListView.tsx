/**
 * The kitchen's daily prep list, a custom admin view at /admin/prep-list?date=YYYY-MM-DD
 * (payload.config.ts; today in the business time zone without a date): the proteins, upgrades,
 * add-ons and sides to buy and prepare for that day, summed from the CONFIRMED bookings' menus by
 * the domain (src/domain/backoffice/prepList.ts), with the day's guest and event counts.
 * Managers and admins see every event of the day; a chef sees the list for their own events (read
 * as them: bookings' read access gives a chef only those assigned to them), which is what they
 * shop and prep for. Editors are told it is not for them; signed-out visitors and customers go to
 * the sign-in. Prints on one page: @media print hides the admin chrome (backoffice.css).
 */
import type { AdminViewServerProps, Where } from 'payload'

import { mayOpenView } from '../../../access/backofficeViews'
import { hasRole } from '../../../access/roles'
import { isRealDate, prepList, todayInZone, addDaysToDate, type PrepLine } from '../../../domain'
import { loadSettings } from '../../../globals/BusinessSettings/load'
import { PrintButton } from './PrintButton'
import { Denied, menuItemsOf, menuRowsOf, page, staffOrSignIn } from './shared'

const CATEGORY_TITLES: Record<PrepLine['category'], string> = { protein: 'Proteins', upgrade: 'Upgrades', 'add-on': 'Add-ons', side: 'Sides' }

export async function PrepListView(props: AdminViewServerProps) {
  const user = staffOrSignIn(props, '/prep-list')
  const { req } = props.initPageResult
  const adminRoute = req.payload.config.routes.admin
  const base = `${adminRoute}/prep-list`
  if (!mayOpenView(user, 'prepList')) {
    return page(props, user, 'prep-list', 'prep-list', <Denied title="Prep list" reason="The prep list is for the kitchen: managers, admins and chefs." adminRoute={adminRoute} />)
  }
  const settings = await loadSettings(req)
  const asked = props.searchParams?.date
  const today = todayInZone(new Date(), settings.timezone)
  const badDate = asked !== undefined && (typeof asked !== 'string' || !isRealDate(asked))
  const date = typeof asked === 'string' && !badDate ? asked : today
  const mine = hasRole(user, 'chef')
  const where: Where = { and: [{ eventDate: { equals: date } }, { status: { equals: 'confirmed' } }, ...(mine ? [{ assignedChefs: { in: [user.id] } }] : [])] }
  const found = await req.payload.find({ collection: 'bookings', where, user, overrideAccess: false, depth: 0, limit: 500, pagination: false, sort: 'startsAt', select: { status: true, guests: true, menu: true, startTime: true, contact: { name: true } } })
  const items = await menuItemsOf(req, user, found.docs)
  const list = prepList(found.docs.map((b) => ({ id: String(b.id), status: b.status, guests: { adults: b.guests.adults, children: b.guests.children ?? 0 }, menu: menuRowsOf(b, items) })))
  const byCategory = (['protein', 'upgrade', 'add-on', 'side'] as const).map((c) => ({ category: c, lines: list.lines.filter((l) => l.category === c) })).filter((g) => g.lines.length > 0)
  return page(
    props,
    user,
    'prep-list',
    'prep-list',
    <>
      <div className="backoffice-head">
        <h1>Prep list for {date}</h1>
        <p className="backoffice-muted">
          {mine ? 'Your confirmed events' : 'All confirmed events'} that day: {list.events} event{list.events === 1 ? '' : 's'}, {list.adults} adult{list.adults === 1 ? '' : 's'} and {list.children} child{list.children === 1 ? '' : 'ren'} ({list.adults + list.children} guests).
        </p>
        {badDate ? (
          <p className="backoffice-error" role="alert">
            date: “{String(asked)}” is not a date (YYYY-MM-DD); showing today.
          </p>
        ) : null}
      </div>
      <form method="get" action={base} className="backoffice-toolbar backoffice-noprint" aria-label="Choose a day">
        <label htmlFor="prep-date">Day</label>
        <input id="prep-date" type="date" name="date" defaultValue={date} required />
        <button type="submit" className="schedule-btn">Show</button>
        <a href={`${base}?date=${addDaysToDate(date, -1)}`}>Previous day</a>
        <a href={`${base}?date=${addDaysToDate(date, 1)}`}>Next day</a>
        <PrintButton />
      </form>
      {byCategory.length === 0 ? (
        <p>Nothing to prepare: no confirmed event with a menu that day.</p>
      ) : (
        byCategory.map((g) => (
          <section key={g.category} className="prep-group" aria-labelledby={`prep-${g.category}`}>
            <h2 id={`prep-${g.category}`}>{CATEGORY_TITLES[g.category]}</h2>
            <table className="prep-table">
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col" className="prep-num">Quantity</th>
                  <th scope="col" className="prep-num">Events</th>
                </tr>
              </thead>
              <tbody>
                {g.lines.map((l) => (
                  <tr key={l.itemId}>
                    <th scope="row">{l.name}</th>
                    <td className="prep-num">
                      {l.quantity} {l.unit}
                    </td>
                    <td className="prep-num">{l.events}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))
      )}
      {found.docs.length > 0 ? (
        <section className="prep-group" aria-labelledby="prep-events">
          <h2 id="prep-events">Events</h2>
          <ul className="prep-events">
            {found.docs.map((b) => (
              <li key={b.id}>
                {b.startTime} · {b.contact?.name} · {b.guests.adults + (b.guests.children ?? 0)} guests
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>,
  )
}
