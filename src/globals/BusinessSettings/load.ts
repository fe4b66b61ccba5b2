import type { PayloadRequest } from 'payload'

import type { BusinessSettings } from '../../domain'
import { cached } from '../../infra/cache'
import type {} from '../../hooks/requestContext'
import { settingsFromDoc } from './fromDoc'

/**
 * The current settings, read inside the caller's transaction (the system reads them, not a user),
 * once per request: the booking hook and the cache-purge hook of one write share the read.
 */
export async function loadSettings(req: PayloadRequest): Promise<BusinessSettings> {
  const memo = req.context.settings
  if (memo) return memo
  const loading = req.payload
    .findGlobal({ slug: 'business-settings', req, overrideAccess: true, depth: 0 })
    .then((doc) => settingsFromDoc(doc as unknown as Record<string, unknown>))
  req.context.settings = loading
  try {
    return await loading
  } catch (err) {
    // A failed read must not be remembered: the next caller tries again.
    req.context.settings = undefined
    throw err
  }
}

/**
 * The settings for read-only answers (availability, quotes): cached, purged when the settings
 * change. Writes (the booking hook) use loadSettings, inside their transaction.
 */
export async function loadSettingsCached(req: PayloadRequest): Promise<BusinessSettings> {
  // The parsed settings are cached (plain data), so the zod check runs once per change, not per request.
  return cached('settings', 'current', 'parsed', () => loadSettings(req))
}
