/**
 * Payload's live preview for the content collections: the admin frames the storefront path a
 * document is shown on, through /next/preview (src/app/(frontend)/next/preview/route.ts), which
 * turns on Next's draft mode for a signed-in content editor only and then shows that path with the
 * latest drafts (src/site/preview.ts). Two widths: a phone (375) and a desktop (1280). Relative
 * URLs: the admin and the storefront are one origin, the only one allowed to frame the storefront.
 */
import type { CollectionConfig } from 'payload'

type LivePreview = NonNullable<NonNullable<CollectionConfig['admin']>['livePreview']>

export const PREVIEW_ROUTE = '/next/preview'

export const PREVIEW_BREAKPOINTS = [
  { name: 'phone', label: 'Phone (375)', width: 375, height: 812 },
  { name: 'desktop', label: 'Desktop (1280)', width: 1280, height: 800 },
]

/** The storefront path of a CMS page: home is '/', every other page is shown under its slug. */
export function pathOfPageSlug(slug: unknown): string {
  if (typeof slug !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) return '/'
  return slug === 'home' ? '/' : `/${slug}`
}

/** The preview route for a storefront path. */
export function previewUrl(path: string): string {
  return `${PREVIEW_ROUTE}?${new URLSearchParams({ path }).toString()}`
}

/** A collection's live-preview config: `pathOf` gives the storefront path of the edited document. */
export function livePreviewOf(pathOf: (data: Record<string, unknown>) => string): LivePreview {
  return {
    url: ({ data }) => previewUrl(pathOf(data as Record<string, unknown>)),
    breakpoints: PREVIEW_BREAKPOINTS,
  }
}
