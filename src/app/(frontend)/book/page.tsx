/**
 * /book — the booking form. The server reads the settings and the active menu (both cached) and
 * hands the form only public facts (dates, limits, service area, menu, prices, and whether the
 * deposit is paid online); the form itself is a client component behind its own error boundary.
 * A link may pre-fill it (`?date=YYYY-MM-DD&time=HH:MM&adults=N&children=N&zip=NNNNN`, what the
 * chat's bookingFormHref makes): the values are checked here and bad ones ignored.
 */
import type { Metadata } from 'next'

import { BookingFormBoundary } from '../../../components/booking/BookingFormBoundary'
import { BookingWizard } from '../../../components/booking/BookingWizard'
import { hasPrefill, parseBookingPrefill, type BookingFormConfig, type QueryParams } from '../../../components/booking/draft'
import { lastBookableDate } from '../../../domain/booking/horizon'
import { todayInZone } from '../../../domain/time'
import { paymentsEnabled } from '../../../infra/stripe'
import { getStorefrontMenu } from '../../../site/content'
import { getSite } from '../../../site/site'

import './book.css'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = {
  title: 'Book your hibachi party',
  description: 'See which dates and times are free, price your party as you go, and request your private hibachi chef in a few minutes.',
  alternates: { canonical: '/book' },
}

export default async function BookPage({ searchParams }: { searchParams: Promise<QueryParams> }) {
  const [site, menu, query] = await Promise.all([getSite(), getStorefrontMenu(), searchParams])
  const { settings } = site
  const now = new Date()
  const today = todayInZone(now, settings.timezone)
  const paymentsOnline = paymentsEnabled()
  const config: BookingFormConfig = {
    businessName: settings.businessName,
    timezone: settings.timezone,
    currency: settings.currency,
    // The lead time makes the first days unbookable; the calendar shows them as unavailable.
    firstDate: today,
    lastDate: lastBookableDate(settings, now),
    minGuests: settings.guests.minTotal,
    // One time slot holds at most chefCount × guestsPerChef guests: larger parties are asked to call.
    maxGuests: Math.min(settings.guests.maxTotal, settings.chefCount * settings.guestsPerChef),
    childMaxAge: settings.childMaxAge,
    serviceAreas: settings.serviceAreas,
    phone: site.phone,
    menu: menu.map((m) => ({ id: String(m.id), name: m.name, description: m.description ?? '', category: m.category, priceCents: m.priceCents, pricing: m.pricing })),
  }
  const prefill = parseBookingPrefill(query, config)
  return (
    <div className="book-page">
      <h1>Book your hibachi party</h1>
      <p className="lead">
        Pick a free date and time, tell us about your party and see the full price as you go.{' '}
        {paymentsOnline ? 'Then pay the deposit online to confirm your date.' : 'Nothing is charged online: staff will call you to confirm and take the deposit.'}
      </p>
      <BookingFormBoundary phone={site.phone} name="booking form">
        <BookingWizard config={config} paymentsOnline={paymentsOnline} prefill={hasPrefill(prefill) ? prefill : undefined} />
      </BookingFormBoundary>
    </div>
  )
}
