/**
 * /robots.txt: crawl everything public; keep crawlers out of the admin, the API and private
 * booking pages (/booking/<token> holds a customer's manage link). Points to the sitemap.
 */
import type { MetadataRoute } from 'next'

import { getSite } from '../site/site'

export const dynamic = 'force-dynamic'

export default async function robots(): Promise<MetadataRoute.Robots> {
  const { siteUrl } = await getSite()
  return {
    rules: [{ userAgent: '*', allow: '/', disallow: ['/admin', '/api', '/booking/', '/account/'] }],
    sitemap: `${siteUrl}/sitemap.xml`,
  }
}
