/**
 * Server-side CMS reads for the storefront pages: one published `pages` document by slug and the
 * active menu as the storefront shows it. Reads run through the Local API with
 * `overrideAccess: false`, so the public access rules apply (published pages, active items only)
 * and nothing staff-only can reach a page. Server components only: never import from a client
 * component. Each read is deduplicated per render with React `cache` (generateMetadata and the
 * page share one query) and tags the render with what it showed (src/domain/storefront-cache.ts),
 * so the cached page is rendered again exactly when one of those changes. While `next build`
 * prerenders, there is no content (./render-tags.ts).
 * In a content editor's live preview (./preview.ts) the same functions read the latest drafts as
 * that editor (`draft: true`, `user`, `overrideAccess: false`), bypassing the shared caches and
 * tagging nothing: a draft never enters a cache another visitor could be served from.
 */
import type { Metadata } from 'next'
import { cache } from 'react'

import type { Media, MenuItem, Page } from '../payload-types'
import { tagsOfMenuRead, tagsOfPageLookup } from '../domain/storefront-cache'
import { cached } from '../infra/cache'
import { previewEditor } from './preview'
import { isBuildPrerender, tagRender } from './render-tags'
import { pageMetadata } from './seo'
import { getPayloadClient, getSite } from './site'

/**
 * The published version of the page with this slug, or null; cached per slug (purged by the pages
 * and media hooks). In an editor's live preview: the latest draft, uncached.
 */
export const getPublishedPage = cache(async (slug: string): Promise<Page | null> => {
  if (isBuildPrerender()) return null
  const editor = await previewEditor()
  if (editor) {
    const payload = await getPayloadClient()
    const result = await payload.find({ collection: 'pages', where: { slug: { equals: slug } }, draft: true, depth: 1, limit: 1, pagination: false, user: editor, overrideAccess: false })
    return result.docs[0] ?? null
  }
  const page = await cached('pages', slug, 'published', async () => {
      const payload = await getPayloadClient()
      const result = await payload.find({
        collection: 'pages',
        where: { and: [{ slug: { equals: slug } }, { _status: { equals: 'published' } }] },
        draft: false,
        depth: 1,
        limit: 1,
        pagination: false,
        overrideAccess: false,
      })
      return result.docs[0] ?? null
    })
  await tagRender(tagsOfPageLookup(slug, page))
  return page
})

export interface SiteImage {
  url: string
  alt: string
  width: number
  height: number
}

/**
 * An upload's URL as a path on this site. Payload makes upload URLs absolute with its serverURL
 * (PUBLIC_SERVER_URL), which next/image refuses as a remote host, and which is wrong whenever the
 * site is reached under another origin; the file is served by this app under /api/media/file/.
 */
function sitePathOf(url: string): string {
  if (url.startsWith('/')) return url
  const parsed = URL.parse(url)
  return parsed && parsed.pathname.startsWith('/api/media/file/') ? `${parsed.pathname}${parsed.search}` : url
}

/** A populated upload → the image to show, preferring the named size; null when not usable (unpopulated, no URL, no size). */
export function imageOf(value: number | Media | null | undefined, size?: 'thumbnail' | 'card' | 'hero'): SiteImage | null {
  if (!value || typeof value !== 'object') return null
  const sized = size ? value.sizes?.[size] : undefined
  const url = sized?.url ?? value.url
  const width = sized?.url ? sized.width : value.width
  const height = sized?.url ? sized.height : value.height
  if (!url || !width || !height) return null
  return { url: sitePathOf(url), alt: value.alt ?? '', width, height }
}

const MENU_CATEGORY_ORDER = ['protein', 'upgrade', 'add-on', 'side'] as const
export type MenuCategory = (typeof MENU_CATEGORY_ORDER)[number]

/** A menu item as the storefront renders it: plain, JSON-safe (it is cached in Redis). */
export interface StorefrontMenuItem {
  id: number
  name: string
  description: string | null
  category: MenuCategory
  priceCents: number
  pricing: 'per_guest' | 'flat'
  dietaryTags: string[]
  sortOrder: number
  image: SiteImage | null
  /** The upload behind `image`, for the render's cache tags. */
  imageId: number | null
}

function storefrontItem(d: MenuItem): StorefrontMenuItem {
  return {
    id: d.id,
    name: d.name,
    description: d.description ?? null,
    category: d.category,
    priceCents: d.priceCents,
    pricing: d.pricing === 'flat' ? 'flat' : 'per_guest',
    dietaryTags: d.dietaryTags ?? [],
    sortOrder: d.sortOrder ?? 0,
    image: imageOf(d.image, 'card'),
    imageId: typeof d.image === 'object' && d.image ? d.image.id : typeof d.image === 'number' ? d.image : null,
  }
}

/**
 * Active, published menu items in sortOrder (in an editor's live preview: the latest drafts,
 * uncached). Cached as another variant of the `menu:active` entity, which the
 * menu-items hooks purge on every change (src/collections/MenuItems/hooks/purgeMenu.ts); a media change
 * purges it too (src/collections/Media/hooks/purgeContent.ts), since items embed their images.
 */
export const getStorefrontMenu = cache(async (): Promise<StorefrontMenuItem[]> => {
  if (isBuildPrerender()) return []
  const editor = await previewEditor()
  if (editor) {
    const payload = await getPayloadClient()
    const result = await payload.find({ collection: 'menu-items', where: { active: { equals: true } }, sort: 'sortOrder', draft: true, depth: 1, limit: 0, pagination: false, user: editor, overrideAccess: false })
    return result.docs.map(storefrontItem)
  }
  const items = await cached('menu', 'active', 'storefront', async () => {
      const payload = await getPayloadClient()
      const result = await payload.find({
        collection: 'menu-items',
        // Published items only (the access rule says so too): a draft never reaches the public menu.
        where: { active: { equals: true }, _status: { equals: 'published' } },
        draft: false,
        sort: 'sortOrder',
        depth: 1,
        limit: 0,
        pagination: false,
        overrideAccess: false,
      })
      return result.docs.map(storefrontItem)
    })
  await tagRender(tagsOfMenuRead(items.map((i) => ({ image: i.imageId ?? null }))))
  return items
})

/** Items grouped by category in the menu's category order; empty categories are left out. */
export function groupByCategory(items: readonly StorefrontMenuItem[]): { category: MenuCategory; items: StorefrontMenuItem[] }[] {
  return MENU_CATEGORY_ORDER.map((category) => ({
    category,
    items: items.filter((i) => i.category === category).sort((a, b) => a.sortOrder - b.sortOrder),
  })).filter((g) => g.items.length > 0)
}

/** Up to `count` items taking turns across categories, so the highlights show the range of the menu. */
export function menuHighlights(items: readonly StorefrontMenuItem[], count: number): StorefrontMenuItem[] {
  const queues = groupByCategory(items).map((g) => [...g.items])
  const out: StorefrontMenuItem[] = []
  while (out.length < count && queues.some((q) => q.length > 0)) {
    for (const q of queues) {
      const next = q.shift()
      if (next && out.length < count) out.push(next)
    }
  }
  return out
}

/**
 * Metadata of a storefront page backed by the CMS page `slug`: its title and SEO fields when
 * published, the fallbacks otherwise (`fallback: null` → a not-found page's metadata).
 */
export async function cmsPageMetadata(slug: string, path: string, fallback: { title?: string; description?: string | null } | null): Promise<Metadata> {
  const [site, page] = await Promise.all([getSite(), getPublishedPage(slug)])
  if (!page && fallback === null) return { title: 'Page not found', robots: { index: false } }
  return pageMetadata({
    siteUrl: site.siteUrl,
    siteName: site.settings.businessName,
    path,
    title: page?.title ?? fallback?.title ?? site.settings.businessName,
    metaTitle: page?.meta?.title,
    description: page?.meta?.description ?? fallback?.description ?? undefined,
    image: imageOf(page?.meta?.image, 'hero'),
  })
}
