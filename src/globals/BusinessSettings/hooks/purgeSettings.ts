/**
 * Settings shape every slot (hours, capacity, buffers, blackouts): a change purges the cached
 * settings and all cached availability, around the commit (src/infra/cache.ts). When the writer
 * purges once itself (`req.context.skipPurge`, e.g. the seed) the hook does nothing, and it calls
 * `purgeSettings` when it is done. Must never purge the settings without the availability built
 * from them.
 */
import type { GlobalAfterChangeHook } from 'payload'

import { shouldPurge } from '../../../hooks/requestContext'
import { purgeAroundCommit } from '../../../infra/cache'

/** The cached settings and every cached availability date. */
export async function purgeSettings(): Promise<void> {
  await purgeAroundCommit('settings', ['current'])
  await purgeAroundCommit('availability', 'all')
}

export const purgeSettingsAfterChange: GlobalAfterChangeHook = async ({ doc, req }) => {
  if (shouldPurge(req.context)) await purgeSettings()
  return doc
}
