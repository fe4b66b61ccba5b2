/**
 * Who may do what with the business settings: the public reads them (hours, prices, service
 * area, policies — nothing secret lives here); managers change them and read their history.
 */
import { anyone } from '../../access/anyone'
import { atLeastManager } from '../../access/atLeastManager'
import type { GlobalAccess } from '../../access/types'

export const businessSettingsAccess: GlobalAccess = {
  read: anyone,
  update: atLeastManager,
  readVersions: atLeastManager,
}
