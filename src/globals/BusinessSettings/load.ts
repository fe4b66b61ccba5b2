import type { PayloadRequest } from 'payload'

import type { BusinessSettings } from '../../domain'
import { settingsFromDoc } from './toDomain'

/** The current settings, read inside the caller's transaction (the system reads them, not a user). */
export async function loadSettings(req: PayloadRequest): Promise<BusinessSettings> {
  const doc = await req.payload.findGlobal({ slug: 'business-settings', req, overrideAccess: true, depth: 0 })
  return settingsFromDoc(doc as unknown as Record<string, unknown>)
}
