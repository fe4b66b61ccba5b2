/**
 * The dashboard's cached figures (src/collections/Bookings/dashboard.ts) are purged after the
 * commit of every change to what they count: bookings, payment records, messages (a new message
 * moves its thread's "unanswered" state) and threads (done / reopened). `withDashboardPurge` adds
 * the purge hooks to a collection without touching its own file (src/collections/index.ts applies
 * it). Quote counts do not purge: the conversion figure may lag by the cache's TTL.
 * Must never purge inside the write's transaction (src/hooks/afterCommit.ts).
 */
import type { CollectionConfig } from 'payload'

import { purgeAroundCommit } from '../infra/cache'
import { purgeHooks } from './purgeHooks'

/** The one cache entity the dashboard keeps (one variant per time zone and business day). */
export const DASHBOARD_ENTITY = 'figures'

export async function purgeDashboard(): Promise<void> {
  await purgeAroundCommit('dashboard', [DASHBOARD_ENTITY])
}

const hooks = purgeHooks(() => purgeDashboard())

export function withDashboardPurge<C extends CollectionConfig>(collection: C): C {
  return {
    ...collection,
    hooks: {
      ...collection.hooks,
      afterChange: [...(collection.hooks?.afterChange ?? []), hooks.afterChange],
      afterDelete: [...(collection.hooks?.afterDelete ?? []), hooks.afterDelete],
    },
  }
}
