import type { PayloadRequest } from 'payload'

import { cached } from '../../lib/cache'

import type { BusinessSettings } from '../../domain'
import { settingsFromDoc } from './toDomain'

/** The current settings, read inside the caller's transaction (the system reads them, not a user). */
export async function loadSettings(req: PayloadRequest): Promise<BusinessSettings> {
  const doc = await req.payload.findGlobal({ slug: 'business-settings', req, overrideAccess: true, depth: 0 })
  return settingsFromDoc(doc as unknown as Record<string, unknown>)
}

/**
 * The settings for read-only answers (availability, quotes): cached, purged when the settings
 * change. Writes (the booking hook) use loadSettings, inside their transaction.
 */
export async function loadSettingsCached(req: PayloadRequest): Promise<BusinessSettings> {
  // The parsed settings are cached (plain data), so the zod check runs once per change, not per request.
  return cached('settings', 'current', 'parsed', () => loadSettings(req))
}
