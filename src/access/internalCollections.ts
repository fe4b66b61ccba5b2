/**
 * Payload adds collections of its own — document locks, admin preferences, the migrations table,
 * its key-value store, the jobs queue —
 * whose rules let ANY signed-in user (a freshly signed-up customer included) read, create and
 * delete them, and whose preference endpoints check only that someone is signed in. They exist
 * for the admin panel: staff only. Applied to the built config, because Payload creates these
 * collections during sanitization, after our own collections and plugins have been read.
 */
import type { Access, Endpoint, SanitizedConfig, Where } from 'payload'

import { anyStaff } from './anyStaff'
import { nobody } from './nobody'
import { isStaffUser } from './roles'

/** Staff only, and then whatever Payload's own rule says (e.g. only their own preferences). */
function staffAnd(original: Access | undefined): Access {
  return async (args) => {
    if (!isStaffUser(args.req.user)) return false
    if (!original) return true
    const result: boolean | Where = await original(args)
    return result
  }
}

/** The same endpoint, answering 403 to anyone but staff before Payload's handler runs. */
function staffOnlyEndpoint(endpoint: Endpoint): Endpoint {
  return {
    ...endpoint,
    handler: (req) => {
      if (!isStaffUser(req.user)) {
        return Response.json({ errors: [{ name: 'Forbidden', message: 'You are not allowed to perform this action.' }] }, { status: 403 })
      }
      return endpoint.handler(req)
    },
  }
}

export function lockDownInternalCollections(config: SanitizedConfig): SanitizedConfig {
  for (const collection of config.collections) {
    const a = collection.access
    switch (collection.slug) {
      case 'payload-locked-documents':
        collection.access = { ...a, create: anyStaff, read: anyStaff, update: anyStaff, delete: anyStaff, readVersions: nobody, unlock: nobody }
        break
      case 'payload-preferences':
        collection.access = { ...a, create: staffAnd(a.create), read: staffAnd(a.read), update: staffAnd(a.update), delete: staffAnd(a.delete), readVersions: nobody, unlock: nobody }
        if (Array.isArray(collection.endpoints)) collection.endpoints = collection.endpoints.map(staffOnlyEndpoint)
        break
      case 'payload-migrations':
      case 'payload-kv':
      case 'payload-jobs':
        collection.access = { ...a, create: nobody, read: nobody, update: nobody, delete: nobody, readVersions: nobody, unlock: nobody }
        break
    }
  }
  return config
}
