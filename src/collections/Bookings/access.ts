/**
 * Who may do what with bookings. Anonymous visitors book from the storefront (what they may set
 * is limited field by field in index.ts); the manage link acts for its holder through its own
 * endpoints. History (versions) holds every customer's contact and address: managers only.
 */
import { adminsOnly } from '../../access/adminsOnly'
import { anyone } from '../../access/anyone'
import { atLeastManager } from '../../access/atLeastManager'
import { atLeastManagerAssignedChefOrOwner } from '../../access/atLeastManagerAssignedChefOrOwner'
import type { CollectionAccess } from '../../access/types'

export const bookingsAccess: CollectionAccess = {
  create: anyone,
  read: atLeastManagerAssignedChefOrOwner,
  update: atLeastManager,
  delete: adminsOnly,
  readVersions: atLeastManager,
}
