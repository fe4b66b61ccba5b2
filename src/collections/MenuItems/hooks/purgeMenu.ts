/**
 * A menu change purges the cached menu and revalidates the storefront pages that show it.
 * Outside a Next request (seed script, Local API in tests) there is no page cache to revalidate:
 * that is logged at debug level and is not an error. When the writer purges once itself
 * (`req.context.skipPurge`, e.g. the seed) the hooks do nothing, and it calls `purgeMenu` when it
 * is done. Must never throw for a missing Next request: the write has already happened.
 */
import { revalidatePath, revalidateTag } from 'next/cache'

import { purgeHooks } from '../../../hooks/purgeHooks'
import { purgeAroundCommit } from '../../../infra/cache'
import { logger } from '../../../server/logger'

const log = logger.child({ module: 'menu-cache' })

/** The cached active menu, and the storefront pages that show it (`/menu`, `/`). */
export async function purgeMenu(): Promise<void> {
  await purgeAroundCommit('menu', ['active'])
  try {
    revalidateTag('menu', 'max')
    revalidatePath('/menu')
    revalidatePath('/')
  } catch (err) {
    log.debug({ reason: err instanceof Error ? err.message : String(err) }, 'no Next request context: page revalidation skipped')
  }
}

export const { afterChange: purgeMenuAfterChange, afterDelete: purgeMenuAfterDelete } = purgeHooks(purgeMenu)
