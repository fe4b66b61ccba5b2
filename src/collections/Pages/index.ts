/**
 * Site content pages (home, menu, FAQ, policies) with Lexical rich text and drafts. The public
 * reads published pages only. SEO fields are a `meta` group (see README: plugin-seo's latest
 * release pins payload 3.90.1 exactly, so it cannot be installed beside 3.90.2). A change purges
 * the cached page (hooks/purgePages.ts). Must never show a draft to the public.
 */

import type { AppCollection } from '../../access/types'
import { guardWriteBody } from '../../hooks/guardWriteBody'
import { pagesAccess } from './access'
import { purgePageAfterChange, purgePageAfterDelete } from './hooks/purgePages'

export const Pages: AppCollection = {
  slug: 'pages',
  admin: { useAsTitle: 'title', defaultColumns: ['title', 'slug', '_status', 'updatedAt'], group: 'Content' },
  access: pagesAccess,
  versions: { drafts: true, maxPerDoc: 50 },
  hooks: { beforeOperation: [guardWriteBody], afterChange: [purgePageAfterChange], afterDelete: [purgePageAfterDelete] },
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 120 },
    {
      name: 'slug',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      validate: (v: unknown) => (typeof v === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(v) ? true : 'Lower-case letters, digits and dashes'),
    },
    { name: 'content', type: 'richText' },
    {
      name: 'meta',
      type: 'group',
      label: 'SEO',
      fields: [
        { name: 'title', type: 'text', maxLength: 70 },
        { name: 'description', type: 'textarea', maxLength: 160 },
        { name: 'image', type: 'upload', relationTo: 'media' },
      ],
    },
  ],
}
