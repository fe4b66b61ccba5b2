/**
 * Server-side reads for storefront pages (server components): the Payload client and the
 * business settings as one object, read once per render (React `cache`). Public data only:
 * nothing here may hold secrets or another customer's data, because pages pass parts of it to
 * client components.
 */
import config from '@payload-config'
import { getPayload, type Payload } from 'payload'
import { cache } from 'react'

import type { BusinessSettings } from '../domain'
import { settingsFromDoc } from '../globals/BusinessSettings/fromDoc'
import { cached } from '../infra/cache'
import { siteOrigin } from '../server/env'

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

/** The settings as the storefront shows them, parsed once per settings change (cached, purged by the settings hook). */
export const getSite = cache(async (): Promise<SiteInfo> => {
  const payload = await getPayloadClient()
  const info = await cached('settings', 'current', 'storefront', async (): Promise<Omit<SiteInfo, 'siteUrl'>> => {
    const doc = (await payload.findGlobal({ slug: 'business-settings', depth: 0, overrideAccess: false })) as unknown as Record<string, unknown>
    const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null)
    return {
      settings: settingsFromDoc(doc),
      phone: text(doc.phone),
      email: text(doc.email),
      brandColor: typeof doc.brandColor === 'string' && HEX.test(doc.brandColor) ? doc.brandColor : '#b3261e',
      termsSummary: text(doc.termsSummary),
    }
  })
  return { ...info, siteUrl: siteOrigin() }
})
