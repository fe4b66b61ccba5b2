/**
 * A menu change purges the cached menu (prices and items for quotes and the storefront) and, when
 * the item is or was on the public menu, invalidates the `menu` tag: the storefront pages that
 * show the menu (home, /menu, /book) render again on their next request, on every instance.
 * Runs after the write's transaction commits (src/hooks/purgeHooks.ts). When the writer purges
 * once itself (`req.context.skipPurge`, e.g. the seed) the hooks do nothing, and it calls
 * `purgeMenu()` when it is done. Must never leave a page showing an item or price that changed.
 */
import { MENU_TAG, tagsOfMenuItemChange, type MenuItemLike } from '../../../domain/storefront-cache'
import { purgeHooks, type Change } from '../../../hooks/purgeHooks'
import { purgeAroundCommit } from '../../../infra/cache'
import { invalidateTagsTwice } from '../../../infra/page-cache/tags'

/** The cached menu, and the pages the change touches (every menu page when no change is given). */
export async function purgeMenu(change?: Change<MenuItemLike>): Promise<void> {
  await purgeAroundCommit('menu', ['active'])
  await invalidateTagsTwice(change ? tagsOfMenuItemChange(change.doc, change.previousDoc) : [MENU_TAG])
}

export const { afterChange: purgeMenuAfterChange, afterDelete: purgeMenuAfterDelete } = purgeHooks<MenuItemLike>(purgeMenu)
