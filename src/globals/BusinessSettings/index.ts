/**
 * The business's settings: time zone, hours, capacity, prices, service area, policies. One
 * document. The rules in src/domain read it only through `loadSettings` (parsed and checked);
 * a change purges the cached settings and all cached availability (hooks/purgeSettings.ts).
 * Must never be read by the rules as the raw document: fromDoc.ts parses and checks it.
 */
import type { AppGlobal } from '../../access/types'
import { businessSettingsAccess } from './access'
import { businessSettingsFields } from './fields'
import { purgeSettingsAfterChange } from './hooks/purgeSettings'
import { validateSettingsDoc } from './hooks/validateSettingsDoc'

export const BusinessSettings: AppGlobal = {
  slug: 'business-settings',
  label: 'Business settings',
  admin: { group: 'Settings' },
  access: businessSettingsAccess,
  versions: { max: 50 },
  hooks: { beforeChange: [validateSettingsDoc], afterChange: [purgeSettingsAfterChange] },
  fields: businessSettingsFields,
}
