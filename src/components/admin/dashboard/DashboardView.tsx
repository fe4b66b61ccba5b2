/**
 * The admin's first screen (admin.components.views.dashboard in payload.config.ts; Payload wraps
 * it in its own chrome). What it shows depends on who signed in (src/domain/dashboard.ts,
 * `dashboardAudience`):
 * - managers and admins: the week ahead, bookings by status, deposits unpaid and balances due,
 *   revenue this month against last month, quotes to bookings, unanswered inbox threads — figures
 *   computed by the domain and cached on the server (src/collections/Bookings/dashboard.ts);
 * - an editor: the way to the site's content (never bookings, customers or money);
 * - a chef: the way to their own schedule (/admin/my-schedule);
 * - anyone else: a refusal. Payload lets only signed-in `users` into the admin, so a customer or a
 *   visitor never reaches this; the check is the view's own all the same.
 * Never writes.
 */
import type { AdminViewServerProps } from 'payload'

import { Gutter } from '@payloadcms/ui'
import Link from 'next/link'

import { dashboardFigures } from '../../../collections/Bookings/dashboard'
import { dashboardAudience, type DashboardFigures } from '../../../domain/dashboard'
import { BOOKING_STATUSES } from '../../../domain/lifecycle'
import { PAYMENT_STATE_LABELS } from '../../../domain/paymentState'
import { loadSettingsCached } from '../../../globals/BusinessSettings/load'
import type { User } from '../../../payload-types'
import { formatCents } from '../../../site/format'
import './dashboard.css'

const CONTENT_COLLECTIONS = [
  { slug: 'pages', label: 'Pages', note: 'The storefront’s pages: home, FAQ, policies.' },
  { slug: 'menu-items', label: 'Menu items', note: 'Dishes, upgrades and their prices.' },
  { slug: 'media', label: 'Media', note: 'Images used on the site.' },
  { slug: 'email-templates', label: 'Email templates', note: 'The wording of booking emails.' },
] as const

const STATUS_LABELS: Record<(typeof BOOKING_STATUSES)[number], string> = {
  pending: 'Pending',
  confirmed: 'Confirmed',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'No-show',
  expired: 'Expired',
}

/** "Tue 15 Dec" for a business date (a calendar day: no zone to convert). */
function dayLabel(date: string): string {
  const at = new Date(`${date}T12:00:00Z`)
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(at)
}

function monthLabel(first: string): string {
  return new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${first}T12:00:00Z`))
}

function Figures({ figures, adminRoute, currency }: { figures: DashboardFigures; adminRoute: string; currency: string }) {
  const money = (cents: number) => formatCents(cents, currency)
  const bookingsList = `${adminRoute}/collections/bookings`
  const { thisMonth, lastMonth, changePercent } = figures.revenue
  return (
    <>
      <div className="hb-dash__cards">
        <section className="hb-dash__card" aria-labelledby="hb-dash-status">
          <h2 id="hb-dash-status">Bookings by status</h2>
          <dl className="hb-dash__counts">
            {BOOKING_STATUSES.map((s) => (
              <div key={s}>
                <dt>
                  <Link href={`${bookingsList}?where[status][equals]=${s}`}>{STATUS_LABELS[s]}</Link>
                </dt>
                <dd data-figure={`status-${s}`}>{figures.bookingsByStatus[s]}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section className="hb-dash__card" aria-labelledby="hb-dash-owed">
          <h2 id="hb-dash-owed">Money owed</h2>
          <dl className="hb-dash__counts">
            <div>
              <dt>
                <Link href={`${bookingsList}?where[paymentState][equals]=deposit_unpaid`}>Deposits unpaid</Link>
              </dt>
              <dd>
                <span data-figure="deposits-unpaid-count">{figures.depositsUnpaid.count}</span> · <span data-figure="deposits-unpaid-cents" data-cents={figures.depositsUnpaid.cents}>{money(figures.depositsUnpaid.cents)}</span>
              </dd>
            </div>
            <div>
              <dt>
                <Link href={`${bookingsList}?where[paymentState][equals]=balance_due`}>Balances due</Link>
              </dt>
              <dd>
                <span data-figure="balances-due-count">{figures.balancesDue.count}</span> · <span data-figure="balances-due-cents" data-cents={figures.balancesDue.cents}>{money(figures.balancesDue.cents)}</span>
              </dd>
            </div>
          </dl>
        </section>
        <section className="hb-dash__card" aria-labelledby="hb-dash-revenue">
          <h2 id="hb-dash-revenue">Revenue</h2>
          <p className="hb-dash__big" data-figure="revenue-this-month" data-cents={thisMonth.netCents}>
            {money(thisMonth.netCents)}
          </p>
          <p className="hb-dash__muted">
            {monthLabel(thisMonth.month)} so far: {money(thisMonth.receivedCents)} received, {money(thisMonth.refundedCents)} refunded.
          </p>
          <p className="hb-dash__muted">
            {monthLabel(lastMonth.month)}: <span data-figure="revenue-last-month" data-cents={lastMonth.netCents}>{money(lastMonth.netCents)}</span>
            {changePercent === null ? '' : ` (${changePercent >= 0 ? '+' : ''}${changePercent}% this month)`}
          </p>
        </section>
        <section className="hb-dash__card" aria-labelledby="hb-dash-conversion">
          <h2 id="hb-dash-conversion">Quotes to bookings</h2>
          <p className="hb-dash__big" data-figure="conversion-rate">
            {figures.conversion.ratePercent === null ? '—' : `${figures.conversion.ratePercent}%`}
          </p>
          <p className="hb-dash__muted">
            <span data-figure="storefront-bookings">{figures.conversion.bookings}</span> storefront booking{figures.conversion.bookings === 1 ? '' : 's'} from <span data-figure="quotes">{figures.conversion.quotes}</span> price quote{figures.conversion.quotes === 1 ? '' : 's'}, {dayLabel(figures.conversion.first)} – {dayLabel(figures.conversion.last)}.
          </p>
        </section>
        <section className="hb-dash__card" aria-labelledby="hb-dash-inbox">
          <h2 id="hb-dash-inbox">Inbox</h2>
          <p className="hb-dash__big" data-figure="unanswered-threads">
            {figures.unansweredThreads}
          </p>
          <p className="hb-dash__muted">
            open thread{figures.unansweredThreads === 1 ? '' : 's'} waiting for a reply. <Link href={`${adminRoute}/inbox`}>Open the inbox</Link>
          </p>
        </section>
      </div>
      <section className="hb-dash__week" aria-labelledby="hb-dash-week">
        <h2 id="hb-dash-week">
          Next 7 days <span className="hb-dash__muted">({dayLabel(figures.week.first)} – {dayLabel(figures.week.last)}, times in {figures.timeZone})</span>
        </h2>
        {figures.week.events.length === 0 ? (
          <p>No events in the next 7 days.</p>
        ) : (
          <div className="hb-dash__table-wrap">
            <table className="hb-dash__table" data-figure="week-events" data-count={figures.week.events.length}>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Party</th>
                  <th scope="col">Area</th>
                  <th scope="col">Chefs</th>
                  <th scope="col">Status</th>
                  <th scope="col">Payment</th>
                </tr>
              </thead>
              <tbody>
                {figures.week.events.map((e) => (
                  <tr key={e.id} data-booking-id={e.id}>
                    <td>
                      <Link href={`${bookingsList}/${e.id}`}>
                        {dayLabel(e.eventDate)} {e.startTime}
                      </Link>
                    </td>
                    <td>
                      {e.guests} guest{e.guests === 1 ? '' : 's'}
                      {e.children > 0 ? <span className="hb-dash__muted"> ({e.children} child{e.children === 1 ? '' : 'ren'})</span> : null}
                    </td>
                    <td>{e.area}</td>
                    <td>{e.chefs.length > 0 ? e.chefs.join(', ') : <span className="hb-dash__warn">Not assigned</span>}</td>
                    <td>{STATUS_LABELS[e.status]}</td>
                    <td>{PAYMENT_STATE_LABELS[e.paymentState]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  )
}

export async function DashboardView(props: AdminViewServerProps) {
  const { initPageResult } = props
  const { req, permissions } = initPageResult
  const user = req.user as (User & { collection: 'users' }) | null
  const adminRoute = req.payload.config.routes.admin
  const audience = dashboardAudience(user)
  const name = user && 'name' in user && user.name ? user.name : undefined

  let body: React.ReactNode
  if (audience === 'figures') {
    const [figures, settings] = await Promise.all([dashboardFigures(req), loadSettingsCached(req)])
    body = <Figures figures={figures} adminRoute={adminRoute} currency={settings.currency} />
  } else if (audience === 'content') {
    const readable = CONTENT_COLLECTIONS.filter((c) => Boolean(permissions?.collections?.[c.slug]?.read))
    body = (
      <section aria-labelledby="hb-dash-content">
        <h2 id="hb-dash-content">Site content</h2>
        <ul className="hb-dash__links">
          {readable.map((c) => (
            <li key={c.slug}>
              <Link href={`${adminRoute}/collections/${c.slug}`}>{c.label}</Link>
              <span className="hb-dash__muted"> — {c.note}</span>
            </li>
          ))}
        </ul>
      </section>
    )
  } else if (audience === 'chef') {
    body = (
      <section aria-labelledby="hb-dash-chef">
        <h2 id="hb-dash-chef">Your events</h2>
        <p>
          <Link href={`${adminRoute}/my-schedule`}>My schedule</Link>
          <span className="hb-dash__muted"> — the events you are assigned to, with what to prepare.</span>
        </p>
      </section>
    )
  } else {
    body = (
      <p role="alert">Not allowed: the back office is for MyHibachi staff.</p>
    )
  }

  return (
    <Gutter className="hb-dash">
      <header className="hb-dash__head">
        <h1>Dashboard</h1>
        {name ? <p className="hb-dash__muted">Signed in as {name}.</p> : null}
      </header>
      {body}
    </Gutter>
  )
}
