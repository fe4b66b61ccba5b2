/**
 * Seeds the business-settings global: written when it differs from the seed values, left alone
 * otherwise. Writes with `skipPurge` (the run purges once at the end, src/seed/purge.ts). Must
 * never write when nothing differs: a second run must add no settings version.
 */
import type { Payload } from 'payload'

import { isSubset } from './compare'
import { settingsData } from './data'

export async function seedSettings(payload: Payload, today: string): Promise<'written' | 'unchanged'> {
  const desired = settingsData(today)
  const current = await payload.findGlobal({ slug: 'business-settings', depth: 0, overrideAccess: true })
  if (isSubset(desired, current)) return 'unchanged'
  await payload.updateGlobal({ slug: 'business-settings', data: desired, overrideAccess: true, context: { skipPurge: true } })
  return 'written'
}
