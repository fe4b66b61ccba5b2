/**
 * Who may do what with customer accounts. Anyone may sign up (the account cannot sign in until
 * its email is verified); a verified customer reads and edits their own account; managers all.
 * Customers never use the admin panel. No versions are kept: nobody reads any.
 */
import { anyone } from '../../access/anyone'
import { atLeastManager } from '../../access/atLeastManager'
import { atLeastManagerOrOwnAccount } from '../../access/atLeastManagerOrOwnAccount'
import { nobodyInAdmin } from '../../access/anyStaff'
import { nobody } from '../../access/nobody'
import type { AuthCollectionAccess } from '../../access/types'

export const customersAccess: AuthCollectionAccess = {
  create: anyone,
  read: atLeastManagerOrOwnAccount,
  update: atLeastManagerOrOwnAccount,
  delete: atLeastManager,
  readVersions: nobody,
  unlock: atLeastManager,
  admin: nobodyInAdmin,
}
