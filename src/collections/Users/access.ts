/**
 * Who may do what with staff accounts: admins manage them; managers see the whole staff (to
 * assign chefs); everyone else only their own record. Only staff use the admin panel.
 */
import { adminsOnly } from '../../access/adminsOnly'
import { adminsOrSelf } from '../../access/adminsOrSelf'
import { anyStaffInAdmin } from '../../access/anyStaff'
import { atLeastManagerOrSelf } from '../../access/atLeastManagerOrSelf'
import { nobody } from '../../access/nobody'
import type { AuthCollectionAccess } from '../../access/types'

export const usersAccess: AuthCollectionAccess = {
  create: adminsOnly,
  read: atLeastManagerOrSelf,
  update: adminsOrSelf,
  delete: adminsOnly,
  readVersions: nobody,
  unlock: adminsOnly,
  admin: anyStaffInAdmin,
}
