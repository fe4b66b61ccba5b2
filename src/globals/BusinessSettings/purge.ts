import type { GlobalAfterChangeHook } from 'payload'

import { purgeAroundCommit } from '../../infra/cache'

/** Settings shape every slot (hours, capacity, buffers, blackouts): the cached settings and all cached availability go. */
export const purgeAllAvailability: GlobalAfterChangeHook = async ({ doc }) => {
  await purgeAroundCommit('settings', ['current'])
  await purgeAroundCommit('availability', 'all')
  return doc
}
