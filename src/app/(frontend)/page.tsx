/**
 * Home (/): the `home` page from the CMS (title and SEO description as the hero, then its rich
 * text), a few menu highlights with prices, the service area with travel fees, a call to book,
 * and the FoodEstablishment JSON-LD. Business copy comes from the CMS and the settings only.
 */
import type { Metadata } from 'next'
import Link from 'next/link'

import { CmsRichText } from '../../components/site/CmsRichText'
import { HeroImage } from '../../components/site/HeroImage'
import { cmsPageMetadata, getPublishedPage, getStorefrontMenu, imageOf, menuHighlights } from '../../site/content'
import { JsonLd } from '../../components/site/JsonLd'
import { MenuItemCard } from '../../components/site/MenuItemCard'
import { ServiceAreaList } from '../../components/site/ServiceAreaList'
import { formatCents, telHref } from '../../site/format'
import { foodEstablishmentJsonLd } from '../../site/seo'
import { getSite } from '../../site/site'

const HIGHLIGHTS = 4

export async function generateMetadata(): Promise<Metadata> {
  return cmsPageMetadata('home', '/', {})
}

export default async function HomePage() {
  const [site, page, menu] = await Promise.all([getSite(), getPublishedPage('home'), getStorefrontMenu()])
  const { settings } = site
  const currency = settings.currency
  const highlights = menuHighlights(menu, HIGHLIGHTS)
  const ogImage = imageOf(page?.meta?.image, 'hero')
  // The largest thing above the fold: loaded first (fetchpriority=high, eager), its
  // box reserved by width/height; the menu pictures below the fold load lazily (next/image's default).
  const heroImage = imageOf(page?.heroImage, 'hero')
  const jsonLd = foodEstablishmentJsonLd({
    name: settings.businessName,
    url: site.siteUrl,
    telephone: site.phone,
    email: site.email,
    adultPriceCents: settings.adultPriceCents,
    areas: settings.serviceAreas.map((a) => a.zone),
    description: page?.meta?.description,
    image: ogImage ? new URL(ogImage.url, site.siteUrl).toString() : null,
  })

  return (
    <>
      <JsonLd data={jsonLd} />
      <section className={heroImage ? 'hero hero-with-image' : 'hero'} aria-labelledby="hero-title">
        <div>
          <h1 id="hero-title">{page?.title ?? settings.businessName}</h1>
          {page?.meta?.description ? <p className="lede">{page.meta.description}</p> : null}
          <p className="actions">
            <Link className="button" href="/book" prefetch={false}>
              Check dates and book
            </Link>
            <Link className="button-secondary" href="/menu">
              See the menu
            </Link>
          </p>
        </div>
        {heroImage ? <HeroImage image={heroImage} /> : null}
      </section>

      {page?.content ? (
        <section className="home-content" aria-label="About the experience">
          <CmsRichText data={page.content} />
        </section>
      ) : null}

      {highlights.length > 0 ? (
        <section aria-labelledby="highlights-title" className="section">
          <h2 id="highlights-title">From the menu</h2>
          <p>
            <span className="price">{formatCents(settings.adultPriceCents, currency)}</span> per adult,{' '}
            <span className="price">{formatCents(settings.childPriceCents, currency)}</span> per child aged {settings.childMaxAge} and under.
          </p>
          <div className="grid grid-4">
            {highlights.map((item) => (
              <MenuItemCard key={item.id} item={item} currency={currency} />
            ))}
          </div>
          <p>
            <Link className="link-more" href="/menu">
              See the full menu and prices
            </Link>
          </p>
        </section>
      ) : null}

      {settings.serviceAreas.length > 0 ? (
        <section aria-labelledby="area-title" className="section">
          <h2 id="area-title">Where we cook</h2>
          <ServiceAreaList areas={settings.serviceAreas} currency={currency} />
        </section>
      ) : null}

      <section aria-labelledby="cta-title" className="section cta card">
        <h2 id="cta-title">Book your hibachi night</h2>
        <p>
          <Link className="button" href="/book" prefetch={false}>
            Check dates and book
          </Link>
        </p>
        {site.phone || site.email ? (
          <p>
            Questions first?{' '}
            {site.phone ? (
              <>
                Call <a href={telHref(site.phone)}>{site.phone}</a>
              </>
            ) : null}
            {site.phone && site.email ? ' or email ' : site.email ? 'Email ' : null}
            {site.email ? <a href={`mailto:${site.email}`}>{site.email}</a> : null}.
          </p>
        ) : null}
      </section>
    </>
  )
}
