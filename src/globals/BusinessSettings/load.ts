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
  return remember(req, () => readSettings(req))
}

function readSettings(req: PayloadRequest): Promise<BusinessSettings> {
  return req.payload.findGlobal({ slug: 'business-settings', req, overrideAccess: true, depth: 0 }).then((doc) => settingsFromDoc(doc as unknown as Record<string, unknown>))
}

/** The request's one settings read: the first caller's `load` decides, later callers share it. */
async function remember(req: PayloadRequest, load: () => Promise<BusinessSettings>): Promise<BusinessSettings> {
  const memo = req.context.settings
  if (memo) return memo
  const loading = load()
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
 * The settings from the shared cache (src/infra/cache.ts), purged on every instance when the
 * settings change (hooks/purgeSettings.ts, after the change commits): read-only answers
 * (availability, quotes) and the booking hook, where one settings read per request was among the
 * largest costs of a booking create. Remembered for the request like loadSettings, so the
 * booking's purge and email hooks use the same settings. What the database must decide from the
 * settings (capacity: the chef count; the date locks: the time zone) its triggers read themselves.
 */
export async function loadSettingsCached(req: PayloadRequest): Promise<BusinessSettings> {
  // The parsed settings are cached (plain data), so the zod check runs once per change, not per request.
  return remember(req, () => cached('settings', 'current', 'parsed', () => readSettings(req)))
}
