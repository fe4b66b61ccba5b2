/**
 * The storefront shell: header (business name, main navigation), footer (phone, email, service
 * area, policies), the brand colour as CSS custom properties, site-wide metadata, two small
 * client reporters (errors nothing else caught, sampled web vitals), and the "Chat with us"
 * launcher unless CHAT_ENABLED=false (the chat widget itself loads only when it is opened).
 *
 * Static: nothing here depends on the visitor (no cookies, no session; the navigation's current
 * link, the chat and the reporters are client components), so storefront pages are rendered once
 * and served from Next's cache (the README's "Caching"). Everything shown comes from the settings
 * or the CMS, whose reads tag the render; a change re-renders exactly the pages tagged with it.
 * Pages that are per visitor (/account, /booking) say `force-dynamic` themselves. An editor's live
 * preview (Next's draft mode, src/site/preview.ts) renders per request and adds the refresh-on-save
 * listener and a "Preview" banner.
 */
import type { Metadata, Viewport } from 'next'
import Link from 'next/link'
import type { CSSProperties, ReactNode } from 'react'

import { ChatLauncher } from '../../components/chat/ChatLauncher'
import { ErrorReporter } from '../../components/site/ErrorReporter'
import { InlineStyle } from '../../components/site/InlineStyle'
import { LivePreviewRefresh } from '../../components/site/LivePreviewRefresh'
import { getPublishedPage } from '../../site/content'
import { SITE_ASSETS } from '../../site/site-assets'
import { SiteNav } from '../../components/site/SiteNav'
import { brandVars } from '../../components/site/theme'
import { WebVitals } from '../../components/site/WebVitals'
import { todayInZone } from '../../domain'
import { env } from '../../server/env'
import { telHref } from '../../site/format'
import { previewEditor } from '../../site/preview'
import { getSite } from '../../site/site'

// At most an hour between renders even without a change (the footer's year, a purge that could
// not reach Redis); a change to what a page shows re-renders it at once.
export const revalidate = 3600

export async function generateMetadata(): Promise<Metadata> {
  const [site, home] = await Promise.all([getSite(), getPublishedPage('home')])
  const name = site.settings.businessName
  return {
    metadataBase: new URL(site.siteUrl),
    applicationName: name,
    title: { default: home?.meta?.title || name, template: `%s — ${name}` },
    description: home?.meta?.description || undefined,
    // Static files in public/ (scripts/make-icons.ts). The mark is public/icon.svg, not Next's
    // file-convention icon in this folder: one owner for /icon.svg, and these links are the only icons.
    icons: {
      icon: [
        { url: SITE_ASSETS.favicon, sizes: '16x16 32x32 48x48' },
        { url: SITE_ASSETS.svgIcon, type: 'image/svg+xml' },
        { url: SITE_ASSETS.icon192, type: 'image/png', sizes: '192x192' },
      ],
      apple: [{ url: SITE_ASSETS.appleTouchIcon, sizes: '180x180' }],
    },
    manifest: SITE_ASSETS.manifest,
    // The default share image; a page that sets its own openGraph replaces this whole object.
    openGraph: { siteName: name, type: 'website', locale: 'en_US', images: [{ ...SITE_ASSETS.ogImage, alt: name }] },
  }
}

export async function generateViewport(): Promise<Viewport> {
  const site = await getSite()
  return { themeColor: site.brandColor, width: 'device-width', initialScale: 1 }
}

const listFormat = new Intl.ListFormat('en-US', { style: 'long', type: 'conjunction' })

export default async function FrontendLayout({ children }: { children: ReactNode }) {
  // A content editor's live preview (src/site/preview.ts): never true for a cached render.
  const [site, preview] = await Promise.all([getSite(), previewEditor()])
  const { settings } = site
  const year = todayInZone(new Date(), settings.timezone).slice(0, 4)
  const zones = settings.serviceAreas.map((a) => a.zone)
  return (
    <html lang="en" data-scroll-behavior="smooth" style={brandVars(site.brandColor) as unknown as CSSProperties}>
      <body>
        {/* The stylesheet is in the page (src/site/inline-styles.ts): no request before the first paint. */}
        <InlineStyle name="site" />
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="container header-inner">
            <Link className="brand" href="/">
              {settings.businessName}
            </Link>
            <SiteNav />
          </div>
        </header>
        <main id="main" className="container site-main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="container footer-grid">
            <section aria-labelledby="footer-contact">
              <h2 id="footer-contact">Contact</h2>
              <ul className="plain-list">
                {site.phone ? (
                  <li>
                    Call <a href={telHref(site.phone)}>{site.phone}</a>
                  </li>
                ) : null}
                {site.email ? (
                  <li>
                    Email <a href={`mailto:${site.email}`}>{site.email}</a>
                  </li>
                ) : null}
                <li>
                  <Link href="/contact">All the ways to reach us</Link>
                </li>
              </ul>
            </section>
            {zones.length > 0 ? (
              <section aria-labelledby="footer-area">
                <h2 id="footer-area">Service area</h2>
                <p>{listFormat.format(zones)}.</p>
                <p>
                  <Link href="/contact#service-area">Travel fees by area</Link>
                </p>
              </section>
            ) : null}
            <section aria-labelledby="footer-policies">
              <h2 id="footer-policies">Before you book</h2>
              <ul className="plain-list">
                <li>
                  <Link href="/policies">Policies: deposit, cancellation and refunds</Link>
                </li>
                <li>
                  <Link href="/faq">Frequently asked questions</Link>
                </li>
                <li>
                  <Link href="/menu">Menu and prices</Link>
                </li>
              </ul>
            </section>
          </div>
          <p className="container legal">
            © {year} {settings.businessName}
          </p>
        </footer>
        {preview ? <LivePreviewRefresh /> : null}
        <ErrorReporter />
        <WebVitals />
        {env().CHAT_ENABLED ? (
          <>
            <InlineStyle name="chat-launcher" />
            <ChatLauncher businessName={settings.businessName} />
          </>
        ) : null}
      </body>
    </html>
  )
}
