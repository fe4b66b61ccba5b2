/**
 * Seeds the chefs (staff users), found by email: created when missing, updated when they differ
 * from the seed values, left alone otherwise.
 *
 * Chefs are created only when an admin already exists: Payload's first user becomes an admin
 * (`firstUserIsAdmin`), and /admin offers "create first user" only while there are no users, so
 * seeding chefs into an empty users table would either make a chef the admin or take that
 * screen away from the owner. Without an admin the seed says so and skips them (and the chef
 * assignments); run it again after the first sign-up to add them (see assignMissingChefs in
 * ./seedBookings.ts). Must never log or keep the random password a new chef gets.
 */
import { randomBytes } from 'node:crypto'

import type { Payload } from 'payload'
import type { Logger } from 'pino'

import type { Tally } from './compare'
import { CHEFS, type ChefKey } from './data'
import { upsertSeedDoc } from './upsert'

export type ChefTally = Tally & { skippedNoAdmin: boolean }

/** Seeds the chefs; returns each seed chef's id by key (empty when there is no admin yet). */
export async function seedChefs(payload: Payload, counts: ChefTally, log: Logger): Promise<Map<ChefKey, number>> {
  const ids = new Map<ChefKey, number>()
  const admins = await payload.count({ collection: 'users', where: { role: { equals: 'admin' } }, overrideAccess: true })
  if (admins.totalDocs === 0) {
    counts.skippedNoAdmin = true
    log.info('no admin user yet: chefs are not seeded (the first visitor to /admin becomes the admin); run the seed again after signing up to add them and assign them to the confirmed demo bookings')
    return ids
  }
  for (const chef of CHEFS) {
    const data = { name: chef.name, phone: chef.phone, role: 'chef' as const, active: true }
    // A random password nobody knows: staff set their own through "forgot password". Never logged.
    const createOnly = () => ({ email: chef.email, password: randomBytes(24).toString('base64url') })
    ids.set(chef.key, await upsertSeedDoc(payload, counts, { collection: 'users', where: { email: { equals: chef.email } }, data, createOnly }))
  }
  return ids
}
