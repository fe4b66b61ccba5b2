/**
 * Policies (/policies): the rules that come from the business settings — refund tiers, deposit,
 * start window and booking horizon, guest limits — worded from the settings themselves so the page
 * always matches what booking enforces; then the settings' terms summary and the `policies` page's
 * rich text when one is published.
 */
import type { Metadata } from 'next'
import Link from 'next/link'

import { CmsRichText } from '../../../components/site/CmsRichText'
import { cmsPageMetadata, getPublishedPage } from '../../../site/content'
import { describeBookingWindow, describeCancellationTiers, describeDeposit } from '../../../site/format'
import { getSite } from '../../../site/site'

const FALLBACK_TITLE = 'Booking policies'

export async function generateMetadata(): Promise<Metadata> {
  return cmsPageMetadata('policies', '/policies', { title: FALLBACK_TITLE, description: (await getSite()).termsSummary })
}

export default async function PoliciesPage() {
  const [site, page] = await Promise.all([getSite(), getPublishedPage('policies')])
  const { settings } = site
  const refunds = describeCancellationTiers(settings.cancellationTiers)
  const times = describeBookingWindow(settings)
  return (
    <>
      <header className="page-header">
        <h1>{page?.title ?? FALLBACK_TITLE}</h1>
        {site.termsSummary ? <p className="notice">{site.termsSummary}</p> : null}
      </header>

      <section aria-labelledby="deposit-title" className="section">
        <h2 id="deposit-title">Deposit</h2>
        <p>{describeDeposit(settings.deposit, settings.currency)}</p>
      </section>

      {refunds.length > 0 ? (
        <section aria-labelledby="refunds-title" className="section">
          <h2 id="refunds-title">Cancellation and refunds</h2>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Refund of what you paid, by when you cancel</caption>
              <thead>
                <tr>
                  <th scope="col">When you cancel</th>
                  <th scope="col">Refund of what you paid</th>
                </tr>
              </thead>
              <tbody>
                {refunds.map((r) => (
                  <tr key={r.when}>
                    <th scope="row">{r.when}</th>
                    <td>{r.refund}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="hint">
            Days are counted in whole 24-hour periods before your start time. If you moved your event to a later date, they are counted before the
            original start: moving an event never changes what cancelling it refunds. Online changes and cancellations close when the event starts.
          </p>
        </section>
      ) : null}

      <section aria-labelledby="times-title" className="section">
        <h2 id="times-title">Dates and times</h2>
        <ul>
          <li>{times.startWindow}</li>
          <li>{times.leadTime}</li>
          <li>
            Parties of {settings.guests.minTotal} to {settings.guests.maxTotal} guests.
          </li>
        </ul>
      </section>

      {page?.content ? (
        <section aria-label="More about our policies" className="section">
          <CmsRichText data={page.content} />
        </section>
      ) : null}

      <p className="section">
        <Link className="link-more" href="/contact">
          Questions about a policy? Contact us.
        </Link>
      </p>
    </>
  )
}
