/** Uploaded images (menu photos, page images), resized by sharp. Public to read; editors upload. */
import type { CollectionConfig } from 'payload'

import { isEditor } from '../../access/staff'
import { purgeContentAfterMediaChange, purgeContentAfterMediaDelete } from './purge'

export const Media: CollectionConfig = {
  slug: 'media',
  admin: { group: 'Content' },
  access: { read: () => true, create: isEditor, update: isEditor, delete: isEditor },
  hooks: { afterChange: [purgeContentAfterMediaChange], afterDelete: [purgeContentAfterMediaDelete] },
  upload: {
    staticDir: 'media',
    mimeTypes: ['image/*'],
    imageSizes: [
      { name: 'thumbnail', width: 320, height: 240, position: 'centre' },
      { name: 'card', width: 768, height: 512, position: 'centre' },
      { name: 'hero', width: 1600 },
    ],
    adminThumbnail: 'thumbnail',
  },
  fields: [{ name: 'alt', type: 'text', required: true, maxLength: 200 }],
}
