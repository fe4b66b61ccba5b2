/**
 * Settings shape every slot (hours, capacity, buffers, blackouts) and every storefront page
 * (name, phone, colour, prices, service area): a change purges the cached settings and all cached
 * availability, and invalidates the `settings` tag, so every storefront page renders again on its
 * next request, on every instance. Runs after the write's transaction commits
 * (src/hooks/afterCommit.ts). When the writer purges once itself (`req.context.skipPurge`, e.g.
 * the seed) the hook does nothing, and it calls `purgeSettings` when it is done. Must never purge
 * the settings without the availability built from them.
 */
import type { GlobalAfterChangeHook } from 'payload'

import { SETTINGS_TAG } from '../../../domain/storefront-cache'
import { afterCommit } from '../../../hooks/afterCommit'
import { shouldPurge } from '../../../hooks/requestContext'
import { purgeAroundCommit } from '../../../infra/cache'
import { invalidateTagsTwice } from '../../../infra/page-cache/tags'

/** The cached settings, every cached availability date, and every page (they all show the settings). */
export async function purgeSettings(): Promise<void> {
  await purgeAroundCommit('settings', ['current'])
  await purgeAroundCommit('availability', 'all')
  await invalidateTagsTwice([SETTINGS_TAG])
}

export const purgeSettingsAfterChange: GlobalAfterChangeHook = async ({ doc, req }) => {
  if (shouldPurge(req.context)) await afterCommit(req, purgeSettings)
  return doc
}
