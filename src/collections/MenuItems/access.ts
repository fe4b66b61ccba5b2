/** Who may do what with the menu: the public reads active items; content editors edit. */
import { activeOrStaff } from '../../access/activeOrStaff'
import { contentEditors } from '../../access/contentEditors'
import { nobody } from '../../access/nobody'
import type { CollectionAccess } from '../../access/types'

export const menuItemsAccess: CollectionAccess = {
  create: contentEditors,
  read: activeOrStaff,
  update: contentEditors,
  delete: contentEditors,
  readVersions: nobody,
}
