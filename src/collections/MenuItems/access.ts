/** Who may do what with the menu: the public reads active, published items; content editors edit, read drafts and history. */
import { activeOrStaff } from '../../access/activeOrStaff'
import { contentEditors } from '../../access/contentEditors'
import type { CollectionAccess } from '../../access/types'

export const menuItemsAccess: CollectionAccess = {
  create: contentEditors,
  read: activeOrStaff,
  update: contentEditors,
  delete: contentEditors,
  readVersions: contentEditors,
}
