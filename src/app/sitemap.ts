/**
 * /sitemap.xml: the public storefront pages with absolute URLs from the site URL. Private
 * booking pages (/booking/<token>) are never listed. Per request, because the site URL comes
 * from the configuration the server runs with.
 */
import type { MetadataRoute } from 'next'

import { SITEMAP_PATHS } from '../site/seo'
import { getSite } from '../site/site'

export const dynamic = 'force-dynamic'

const PRIORITY: Record<(typeof SITEMAP_PATHS)[number], number> = {
  '/': 1,
  '/menu': 0.9,
  '/book': 0.9,
  '/faq': 0.7,
  '/contact': 0.6,
  '/policies': 0.5,
}

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const { siteUrl } = await getSite()
  return SITEMAP_PATHS.map((path) => ({
    url: path === '/' ? `${siteUrl}/` : `${siteUrl}${path}`,
    changeFrequency: path === '/book' ? 'daily' : 'weekly',
    priority: PRIORITY[path],
  }))
}
