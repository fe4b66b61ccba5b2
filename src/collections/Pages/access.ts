/**
 * Who may do what with pages: the public reads published pages only (drafts too go through
 * `read`); content editors edit and read drafts and history.
 */
import { contentEditors } from '../../access/contentEditors'
import { publishedOrContentEditors } from '../../access/publishedOrContentEditors'
import type { CollectionAccess } from '../../access/types'

export const pagesAccess: CollectionAccess = {
  create: contentEditors,
  read: publishedOrContentEditors,
  update: contentEditors,
  delete: contentEditors,
  readVersions: contentEditors,
}
