/**
 * Uploaded images (menu photos, page images), resized by sharp. Public to read; editors upload.
 * Raster images only (JPEG, PNG, WebP, AVIF, GIF), judged by content: never SVG or HTML, whatever
 * the file's name or declared type (hooks/acceptRasterImagesOnly.ts).
 */

import type { AppCollection } from '../../access/types'
import { mediaAccess } from './access'
import { acceptRasterImagesOnly } from './hooks/acceptRasterImagesOnly'
import { purgeContentAfterMediaChange, purgeContentAfterMediaDelete } from './hooks/purgeContent'
import { RASTER_IMAGE_TYPES } from '../../domain/raster-image'

export const Media: AppCollection = {
  slug: 'media',
  admin: { group: 'Content' },
  access: mediaAccess,
  hooks: {
    beforeOperation: [acceptRasterImagesOnly],
    afterChange: [purgeContentAfterMediaChange],
    afterDelete: [purgeContentAfterMediaDelete],
  },
  upload: {
    staticDir: 'media',
    // Also Payload's own content check (file-type sniffing) and the admin file picker's `accept`.
    mimeTypes: [...RASTER_IMAGE_TYPES],
    // A stored file opened on its own must never run anything, nor be sniffed as another type.
    modifyResponseHeaders: ({ headers }) => {
      headers.set('X-Content-Type-Options', 'nosniff')
      headers.set('Content-Security-Policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'")
      return headers
    },
    imageSizes: [
      { name: 'thumbnail', width: 320, height: 240, position: 'centre' },
      { name: 'card', width: 768, height: 512, position: 'centre' },
      { name: 'hero', width: 1600 },
    ],
    adminThumbnail: 'thumbnail',
  },
  fields: [{ name: 'alt', type: 'text', required: true, maxLength: 200 }],
}
