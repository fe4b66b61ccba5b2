/** Who may do what with media: public to read (the storefront shows it); content editors upload. */
import { anyone } from '../../access/anyone'
import { contentEditors } from '../../access/contentEditors'
import { nobody } from '../../access/nobody'
import type { CollectionAccess } from '../../access/types'

export const mediaAccess: CollectionAccess = {
  create: contentEditors,
  read: anyone,
  update: contentEditors,
  delete: contentEditors,
  readVersions: nobody,
}
