/** Who may do what with messages: managers write and read all; a verified customer reads their thread. */
import { atLeastManager } from '../../access/atLeastManager'
import { atLeastManagerOrOwnThread } from '../../access/atLeastManagerOrOwnThread'
import { nobody } from '../../access/nobody'
import type { CollectionAccess } from '../../access/types'

export const messagesAccess: CollectionAccess = {
  create: atLeastManager,
  read: atLeastManagerOrOwnThread,
  update: atLeastManager,
  delete: atLeastManager,
  readVersions: nobody,
}
