import type { CollectionBeforeChangeHook } from 'payload'

/**
 * The very first staff user (created through /admin's create-first-user form) becomes an admin,
 * whatever role the form sent; later users keep the role an admin gave them.
 */
export const firstUserIsAdmin: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const existing = await req.payload.count({ collection: 'users', req, overrideAccess: true })
  if (existing.totalDocs === 0) return { ...data, role: 'admin' }
  return data
}
