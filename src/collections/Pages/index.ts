/**
 * Site content pages (home, menu, FAQ, policies) with Lexical rich text and drafts. The public
 * reads published pages only. SEO fields are a `meta` group (see README: plugin-seo's latest
 * release pins payload 3.90.1 exactly, so it cannot be installed beside 3.90.2).
 */
import type { Access, CollectionConfig } from 'payload'

import { hasRole } from '../../access/roles'
import { isEditor } from '../../access/staff'
import { purgePageAfterChange, purgePageAfterDelete } from './purge'

const publishedOrStaff: Access = ({ req }) => (hasRole(req.user, 'admin', 'manager', 'editor') ? true : { _status: { equals: 'published' } })

export const Pages: CollectionConfig = {
  slug: 'pages',
  admin: { useAsTitle: 'title', defaultColumns: ['title', 'slug', '_status', 'updatedAt'], group: 'Content' },
  access: { read: publishedOrStaff, create: isEditor, update: isEditor, delete: isEditor },
  versions: { drafts: true, maxPerDoc: 50 },
  hooks: { afterChange: [purgePageAfterChange], afterDelete: [purgePageAfterDelete] },
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
