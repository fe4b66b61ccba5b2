/**
 * Contact (/contact): phone, email and the service area from the business settings, then the
 * `contact` page's rich text when one is published.
 */
import type { Metadata } from 'next'
import { BookCta } from '../../../components/site/BookCta'

import { CmsRichText } from '../../../components/site/CmsRichText'
import { cmsPageMetadata, getPublishedPage } from '../../../site/content'
import { ServiceAreaList } from '../../../components/site/ServiceAreaList'
import { telHref } from '../../../site/format'
import { getSite } from '../../../site/site'

const FALLBACK_TITLE = 'Contact us'

export async function generateMetadata(): Promise<Metadata> {
  return cmsPageMetadata('contact', '/contact', { title: FALLBACK_TITLE })
}

export default async function ContactPage() {
  const [site, page] = await Promise.all([getSite(), getPublishedPage('contact')])
  const { settings } = site
  return (
    <>
      <header className="page-header">
        <h1>{page?.title ?? FALLBACK_TITLE}</h1>
      </header>

      {site.phone || site.email ? (
        <section aria-labelledby="reach-title" className="section">
          <h2 id="reach-title" className="visually-hidden">
            Phone and email
          </h2>
          <div className="contact-cards">
            {site.phone ? (
              <div className="card">
                <h3>Call us</h3>
                <p>
                  <a className="contact-link" href={telHref(site.phone)}>
                    {site.phone}
                  </a>
                </p>
              </div>
            ) : null}
            {site.email ? (
              <div className="card">
                <h3>Email us</h3>
                <p>
                  <a className="contact-link" href={`mailto:${site.email}`}>
                    {site.email}
                  </a>
                </p>
              </div>
            ) : null}
          </div>
        </section>
      ) : null}

      {page?.content ? <CmsRichText data={page.content} /> : null}

      {settings.serviceAreas.length > 0 ? (
        <section id="service-area" aria-labelledby="area-title" className="section">
          <h2 id="area-title">Where we cook</h2>
          <ServiceAreaList areas={settings.serviceAreas} currency={settings.currency} />
          <p className="hint">Any travel fee is added to your price and shown before you book.</p>
        </section>
      ) : null}

      <BookCta />
    </>
  )
}
