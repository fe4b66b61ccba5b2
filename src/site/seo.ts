/**
 * Search-engine helpers for the storefront: the schema.org FoodEstablishment JSON-LD, its safe
 * serialisation for a <script> tag, and per-page Next metadata (canonical URL, Open Graph).
 * Pure functions of their inputs (no CMS reads, no env): pages pass in what they loaded.
 * serializeJsonLd must stay the only way JSON-LD reaches the HTML, because CMS text flows into it.
 */
import type { Metadata } from 'next'
import { SITE_ASSETS } from './site-assets'

/**
 * Price band from the per-adult price, the way diners read "$"–"$$$$" for a meal per person:
 * under 25 → $, under 75 → $$, under 150 → $$$, else $$$$ (currency units). A judgement call for
 * in-home dining; the symbols are a convention, not the business currency.
 */
export function priceRangeFor(adultPriceCents: number): string {
  const units = adultPriceCents / 100
  if (units < 25) return '$'
  if (units < 75) return '$$'
  if (units < 150) return '$$$'
  return '$$$$'
}

export interface FoodEstablishmentInput {
  name: string
  /** Absolute site origin, e.g. https://myhibachi.example */
  url: string
  telephone?: string | null
  email?: string | null
  adultPriceCents: number
  /** Service-area zone names, in display order. */
  areas: readonly string[]
  description?: string | null
  /** Absolute URL of a representative image. */
  image?: string | null
}

export type JsonLd = Record<string, unknown>

/** schema.org FoodEstablishment for the home page; empty optional values are left out. */
export function foodEstablishmentJsonLd(input: FoodEstablishmentInput): JsonLd {
  const ld: JsonLd = {
    '@context': 'https://schema.org',
    '@type': 'FoodEstablishment',
    name: input.name,
    url: input.url,
    servesCuisine: ['Japanese', 'Hibachi'],
    priceRange: priceRangeFor(input.adultPriceCents),
    areaServed: input.areas.map((name) => ({ '@type': 'Place', name })),
  }
  if (input.description) ld.description = input.description
  if (input.telephone) ld.telephone = input.telephone
  if (input.email) ld.email = input.email
  if (input.image) ld.image = input.image
  return ld
}

/**
 * JSON for an inline <script type="application/ld+json">: `<`, `>` and `&` are written as
 * \u escapes so CMS text such as "</script><script>…" cannot end the tag, and U+2028/U+2029
 * are escaped for old JavaScript parsers. The result is still valid JSON with the same value.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

export interface PageMetadataInput {
  /** Absolute site origin without trailing slash. */
  siteUrl: string
  siteName: string
  /** Path of the page, starting with '/'. */
  path: string
  /** The page's own title; combined with the layout's title template. */
  title: string
  /** A full title from the CMS SEO group: used as is, without the template. */
  metaTitle?: string | null
  description?: string | null
  /** Absolute or site-relative image URL for Open Graph. */
  image?: { url: string; width?: number | null; height?: number | null; alt?: string | null } | null
}

/** Next metadata for one storefront page: title, description, canonical URL and Open Graph. */
export function pageMetadata(input: PageMetadataInput): Metadata {
  const url = `${input.siteUrl}${input.path === '/' ? '/' : input.path}`
  const ogTitle = input.metaTitle || input.title
  const description = input.description || undefined
  const meta: Metadata = {
    title: input.metaTitle ? { absolute: input.metaTitle } : input.title,
    description,
    alternates: { canonical: url },
    openGraph: {
      type: 'website',
      locale: 'en_US',
      siteName: input.siteName,
      url,
      title: ogTitle,
      description,
    },
  }
  // A page without an image of its own shares the site's default image (public/og-image.png).
  const image = input.image ?? { ...SITE_ASSETS.ogImage, alt: input.siteName }
  if (meta.openGraph) {
    meta.openGraph.images = [
      {
        url: image.url,
        width: image.width ?? undefined,
        height: image.height ?? undefined,
        alt: image.alt ?? undefined,
      },
    ]
  }
  return meta
}

/** The public pages listed in the sitemap, in priority order. Booking manage links are private. */
export const SITEMAP_PATHS = ['/', '/menu', '/book', '/faq', '/contact', '/policies'] as const
