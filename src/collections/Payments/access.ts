/**
 * Who may do what with payment records. They are the money's audit trail: nobody edits or deletes
 * one (a mistake is corrected by a refund record). Managers read them all and record offline
 * payments (cash, check, transfer); card payments and refunds are written by the system only
 * (webhooks, the refund endpoint, jobs). Customers see their money on the manage page, not here.
 */
import { atLeastManager } from '../../access/atLeastManager'
import { nobody } from '../../access/nobody'
import type { CollectionAccess } from '../../access/types'

export const paymentsAccess: CollectionAccess = {
  create: atLeastManager,
  read: atLeastManager,
  update: nobody,
  delete: nobody,
  readVersions: nobody,
}
