/**
 * /book — the booking form. The page is static (served from the cache like the other content
 * pages): the server reads the settings and the active menu (both tag the render) and hands the
 * form only public facts (limits, service area, menu, prices, and whether the deposit is paid
 * online); availability and quotes come live from the API. What depends on the moment or the
 * URL is settled in the browser (./BookingForm in components/booking): today's bookable dates,
 * and a link's pre-fill (`?date=YYYY-MM-DD&time=HH:MM&adults=N&children=N&zip=NNNNN`, what the
 * chat's bookingFormHref makes), checked there and ignored when bad.
 */
import type { Metadata } from 'next'

import { BookingForm } from '../../../components/booking/BookingForm'
import { BookingFormBoundary } from '../../../components/booking/BookingFormBoundary'
import { InlineStyle } from '../../../components/site/InlineStyle'
import type { BookingFormConfig } from '../../../components/booking/draft'
import { zoneNameOf } from '../../../components/booking/labels'
import { lastBookableDate } from '../../../domain/booking/horizon'
import { addDaysToDate, localToInstant, todayInZone } from '../../../domain/time'
import { paymentsEnabled } from '../../../infra/stripe'
import { getStorefrontMenu } from '../../../site/content'
import { getSite } from '../../../site/site'

export const metadata: Metadata = {
  title: 'Book your hibachi party',
  description: 'See which dates and times are free, price your party as you go, and request your private hibachi chef in a few minutes.',
  alternates: { canonical: '/book' },
}

export default async function BookPage() {
  const [site, menu] = await Promise.all([getSite(), getStorefrontMenu()])
  const { settings } = site
  const now = new Date()
  const today = todayInZone(now, settings.timezone)
  const paymentsOnline = paymentsEnabled()
  const config: BookingFormConfig = {
    businessName: settings.businessName,
    timezone: settings.timezone,
    zoneName: zoneNameOf(settings.timezone),
    currency: settings.currency,
    // As of this render; the browser moves them to its own today after datesValidUntil (the page is cached).
    firstDate: today,
    lastDate: lastBookableDate(settings, now),
    datesValidUntil: localToInstant(addDaysToDate(today, 1), '00:00', settings.timezone).getTime(),
    minGuests: settings.guests.minTotal,
    // One time slot holds at most chefCount × guestsPerChef guests: larger parties are asked to call.
    maxGuests: Math.min(settings.guests.maxTotal, settings.chefCount * settings.guestsPerChef),
    childMaxAge: settings.childMaxAge,
    serviceAreas: settings.serviceAreas,
    phone: site.phone,
    menu: menu.map((m) => ({ id: String(m.id), name: m.name, description: m.description ?? '', category: m.category, priceCents: m.priceCents, pricing: m.pricing })),
  }
  return (
    <div className="book-page">
      <InlineStyle name="book" />
      <h1>Book your hibachi party</h1>
      <p className="lead">
        Pick a free date and time, tell us about your party and see the full price as you go.{' '}
        {paymentsOnline ? 'Then pay the deposit online to confirm your date.' : 'Nothing is charged online: staff will call you to confirm and take the deposit.'}
      </p>
      <BookingFormBoundary phone={site.phone} name="booking form">
        <BookingForm config={config} maxAdvanceDays={settings.maxAdvanceDays} paymentsOnline={paymentsOnline} />
      </BookingFormBoundary>
    </div>
  )
}
