/**
 * Server-side reads for storefront pages (server components): the Payload client and the
 * business settings as one object, read once per render (React `cache`), tagging the render with
 * `settings` so a settings change renders the cached pages again (./render-tags.ts). While
 * `next build` prerenders, the defaults stand in (the build has no content and its pages are never
 * served). Public data only: nothing here may hold secrets or another customer's data, because
 * pages pass parts of it to client components.
 */
import config from '@payload-config'
import { getPayload, type Payload } from 'payload'
import { cache } from 'react'

import type { BusinessSettings } from '../domain'
import { SETTINGS_TAG } from '../domain/storefront-cache'
import { settingsFromDoc } from '../globals/BusinessSettings/fromDoc'
import { cached } from '../infra/cache'
import { siteOrigin } from '../server/env'
import { isBuildPrerender, tagRender } from './render-tags'

export const getPayloadClient = cache((): Promise<Payload> => getPayload({ config }))

export interface SiteInfo {
  settings: BusinessSettings
  phone: string | null
  email: string | null
  brandColor: string
  termsSummary: string | null
  /** Absolute origin of the public site, e.g. https://myhibachi.example (no trailing slash). */
  siteUrl: string
}

const HEX = /^#[0-9a-fA-F]{6}$/
const DEFAULT_BRAND = '#b3261e'

/** The settings as the storefront shows them, parsed once per settings change (cached, purged by the settings hook). */
export const getSite = cache(async (): Promise<SiteInfo> => {
  if (isBuildPrerender()) return { settings: settingsFromDoc({}), phone: null, email: null, brandColor: DEFAULT_BRAND, termsSummary: null, siteUrl: siteOrigin() }
  const payload = await getPayloadClient()
  const info = await cached('settings', 'current', 'storefront', async (): Promise<Omit<SiteInfo, 'siteUrl'>> => {
    const doc = (await payload.findGlobal({ slug: 'business-settings', depth: 0, overrideAccess: false })) as unknown as Record<string, unknown>
    const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null)
    return {
      settings: settingsFromDoc(doc),
      phone: text(doc.phone),
      email: text(doc.email),
      brandColor: typeof doc.brandColor === 'string' && HEX.test(doc.brandColor) ? doc.brandColor : DEFAULT_BRAND,
      termsSummary: text(doc.termsSummary),
    }
  })
  await tagRender([SETTINGS_TAG])
  return { ...info, siteUrl: siteOrigin() }
})
