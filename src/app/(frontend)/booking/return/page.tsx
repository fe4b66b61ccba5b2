/**
 * /booking/return — where Stripe Checkout sends the customer back: `?code=<single-use code>` after
 * paying, `&cancelled=1` when they left the payment page. The code (not the manage token) is the
 * key; the client component trades it for a short-lived cookie and shows the booking's payment.
 * Like the manage page it is never indexed, never cached and sends no Referer.
 */
import type { Metadata } from 'next'

import { BookingFormBoundary } from '../../../../components/booking/BookingFormBoundary'
import { PaymentReturn } from '../../../../components/booking/PaymentReturn'
import { InlineStyle } from '../../../../components/site/InlineStyle'
import { getSite } from '../../../../site/site'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = {
  title: 'Your payment',
  robots: { index: false, follow: false },
  referrer: 'no-referrer',
}

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v)

export default async function PaymentReturnPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [query, site] = await Promise.all([searchParams, getSite()])
  const code = first(query.code)?.trim() || null
  const cancelled = first(query.cancelled) === '1'
  const forBalance = first(query.for) === 'balance'
  return (
    <div className="book-page">
      <InlineStyle name="book" />
      <BookingFormBoundary phone={site.phone} name="payment page">
        <PaymentReturn code={code} cancelled={cancelled} forBalance={forBalance} phone={site.phone} />
      </BookingFormBoundary>
    </div>
  )
}
