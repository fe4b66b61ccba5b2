/** Who may do what with messages: nobody writes through the API (the system does); managers read all; a verified customer reads their thread. */
import { atLeastManagerOrOwnThread } from '../../access/atLeastManagerOrOwnThread'
import { nobody } from '../../access/nobody'
import type { CollectionAccess } from '../../access/types'

export const messagesAccess: CollectionAccess = {
  create: nobody,
  read: atLeastManagerOrOwnThread,
  update: nobody,
  delete: nobody,
  readVersions: nobody,
}
