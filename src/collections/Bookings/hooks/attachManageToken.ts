import type { CollectionAfterChangeHook } from 'payload'

import type {} from '../../../hooks/requestContext'

/**
 * The manage-link token appears in the create response only: the hook that made it kept it in
 * this request's context; only its SHA-256 hash is stored.
 */
export const attachManageToken: CollectionAfterChangeHook = ({ doc, operation, req }) => {
  const token = req.context.manageToken
  if (operation !== 'create' || typeof token !== 'string') return doc
  return { ...doc, manageToken: token }
}
