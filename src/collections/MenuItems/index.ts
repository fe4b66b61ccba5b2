/**
 * The hibachi menu. Anyone reads active, published items; staff see inactive ones too, editors
 * drafts and history. Prices in cents, per guest or flat. Pricing reads these through
 * src/domain/pricing. A change purges the cached menu (hooks/purgeMenu.ts); a writer that passes
 * `skipPurge` must call `purgeMenu` when done.
 * Drafts and scheduled publish (README "Content editors"): an editor's draft lives in the versions
 * table until it is published (by hand or by the `schedulePublish` job the jobs runner runs); the
 * storefront and pricing read only the published document. Live preview frames /menu in draft
 * mode (src/site/preview.ts). Must never let a draft price reach a quote or the public menu.
 */

import type { AppCollection } from '../../access/types'
import { moneyField } from '../../fields/money'
import { guardWriteBody } from '../../hooks/guardWriteBody'
import { menuItemsAccess } from './access'
import { purgeMenuAfterChange, purgeMenuAfterDelete } from './hooks/purgeMenu'
import { publishedUnlessDraft } from '../../hooks/publishedUnlessDraft'
import { livePreviewOf } from '../../site/livePreview'

export const MENU_CATEGORIES = ['protein', 'upgrade', 'add-on', 'side'] as const

export const MenuItems: AppCollection = {
  slug: 'menu-items',
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'category', 'priceCents', 'pricing', 'active', '_status'],
    group: 'Content',
    livePreview: livePreviewOf(() => '/menu'),
  },
  access: menuItemsAccess,
  defaultSort: 'sortOrder',
  versions: { drafts: { schedulePublish: true }, maxPerDoc: 50 },
  hooks: { beforeOperation: [guardWriteBody, publishedUnlessDraft], afterChange: [purgeMenuAfterChange], afterDelete: [purgeMenuAfterDelete] },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 80 },
    { name: 'description', type: 'textarea', maxLength: 500 },
    { name: 'category', type: 'select', required: true, options: MENU_CATEGORIES.map((c) => ({ label: c, value: c })) },
    moneyField('priceCents', { required: true, defaultValue: 0 }),
    {
      name: 'pricing',
      type: 'select',
      required: true,
      defaultValue: 'per_guest',
      options: [
        { label: 'Per guest', value: 'per_guest' },
        { label: 'Flat', value: 'flat' },
      ],
    },
    {
      name: 'dietaryTags',
      type: 'select',
      hasMany: true,
      options: ['vegetarian', 'vegan', 'gluten-free', 'contains-shellfish', 'contains-fish', 'dairy-free', 'nut-free'].map((t) => ({ label: t, value: t })),
    },
    { name: 'image', type: 'upload', relationTo: 'media' },
    { name: 'active', type: 'checkbox', defaultValue: true, index: true },
    { name: 'sortOrder', type: 'number', defaultValue: 0 },
  ],
  timestamps: true,
}
