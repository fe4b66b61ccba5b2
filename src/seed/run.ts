/**
 * Writes the demo data of ./data through Payload's Local API, idempotently:
 * - settings global, menu items (by name), chefs (by email) and pages (by slug) are upserted:
 *   created when missing, updated when they differ from the seed values, left alone otherwise
 *   (so a second run writes nothing and adds no versions);
 * - bookings are keyed by contact email (each seed booking has its own email; the spec's
 *   "email + event date" key would re-create them on another day because their dates are
 *   relative to today): an existing one is skipped; the only change ever made to one is
 *   assigning the chefs to a confirmed demo booking that was seeded before the chefs existed.
 *
 * Bookings go through the same `prepareBooking` hook as any other booking (lead time, start
 * window, service area, capacity, chef overlap, one booking per email per date, lifecycle):
 * `overrideAccess: true` only lifts collection/field ACCESS (there is no signed-in user here);
 * the hook and the database triggers run as always. Status changes are the allowed transitions
 * pending → confirmed | cancelled and confirmed → cancelled, one update each.
 *
 * Chefs are created only when an admin already exists: Payload's first user becomes an admin
 * (`firstUserIsAdmin`), and /admin offers "create first user" only while there are no users, so
 * seeding chefs into an empty users table would either make a chef the admin or take that
 * screen away from the owner. Without an admin the seed says so and skips them (and the chef
 * assignments); run it again after the first sign-up to add them (see assignMissingChefs).
 */
import { randomBytes } from 'node:crypto'

import { APIError, type Payload } from 'payload'
import type { Logger } from 'pino'

import { todayInZone } from '../domain'
import { bookingConflictFromDatabase } from '../collections/Bookings/databaseErrors'
import {
  blackoutDates,
  BOOKINGS,
  CHEFS,
  FALLBACK_STARTS,
  MENU_ITEMS,
  pagesData,
  planSlots,
  settingsData,
  TIMEZONE,
  type ChefKey,
  type SeedBooking,
} from './data'

export interface Tally {
  created: number
  updated: number
  unchanged: number
}

export interface SeedSummary {
  skipped: boolean
  settings: 'written' | 'unchanged' | 'skipped'
  menuItems: Tally
  chefs: Tally & { skippedNoAdmin: boolean }
  pages: Tally
  bookings: { created: number; existing: number; moved: number; chefsAssigned: number; chefsDropped: number; byStatus: Record<string, number> }
}

export interface SeedOptions {
  /** Seed only when there are no menu items and no bookings at all. */
  ifEmpty?: boolean
  /** The clock (tests); defaults to now. */
  now?: Date
  log: Logger
}

const tally = (): Tally => ({ created: 0, updated: 0, unchanged: 0 })

/**
 * True when every value in `expected` is present and equal in `actual` (objects compared key by
 * key, so ids and timestamps Payload adds are ignored; arrays element by element, same length).
 */
export function isSubset(expected: unknown, actual: unknown): boolean {
  if (expected === null || expected === undefined) return actual === null || actual === undefined
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => isSubset(e, actual[i]))
  }
  if (typeof expected === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return false
    const a = actual as Record<string, unknown>
    return Object.entries(expected as Record<string, unknown>).every(([k, v]) => isSubset(v, a[k]))
  }
  return expected === actual
}

/** The machine reason of a 409 from the booking rules or the database, if `err` is one. */
export function conflictReason(err: unknown): string | undefined {
  if (err instanceof APIError && err.status === 409) {
    const data = err.data as { reason?: unknown } | undefined
    return typeof data?.reason === 'string' ? data.reason : 'conflict'
  }
  return bookingConflictFromDatabase(err)?.reason
}

async function seedSettings(payload: Payload, today: string): Promise<'written' | 'unchanged'> {
  const desired = settingsData(today)
  const current = await payload.findGlobal({ slug: 'business-settings', depth: 0, overrideAccess: true })
  if (isSubset(desired, current)) return 'unchanged'
  await payload.updateGlobal({ slug: 'business-settings', data: desired, overrideAccess: true })
  return 'written'
}

async function seedMenu(payload: Payload, counts: Tally): Promise<Map<string, number>> {
  const ids = new Map<string, number>()
  for (const item of MENU_ITEMS) {
    const data = { ...item, dietaryTags: [...item.dietaryTags], active: true }
    const found = await payload.find({ collection: 'menu-items', where: { name: { equals: item.name } }, limit: 1, depth: 0, overrideAccess: true })
    const existing = found.docs[0]
    if (!existing) {
      const created = await payload.create({ collection: 'menu-items', data, overrideAccess: true })
      ids.set(item.name, created.id)
      counts.created++
    } else {
      if (isSubset(data, existing)) counts.unchanged++
      else {
        await payload.update({ collection: 'menu-items', id: existing.id, data, overrideAccess: true })
        counts.updated++
      }
      ids.set(item.name, existing.id)
    }
  }
  return ids
}

async function seedChefs(payload: Payload, counts: SeedSummary['chefs'], log: Logger): Promise<Map<ChefKey, number>> {
  const ids = new Map<ChefKey, number>()
  const admins = await payload.count({ collection: 'users', where: { role: { equals: 'admin' } }, overrideAccess: true })
  if (admins.totalDocs === 0) {
    counts.skippedNoAdmin = true
    log.info('no admin user yet: chefs are not seeded (the first visitor to /admin becomes the admin); run the seed again after signing up to add them and assign them to the confirmed demo bookings')
    return ids
  }
  for (const chef of CHEFS) {
    const data = { name: chef.name, phone: chef.phone, role: 'chef' as const, active: true }
    const found = await payload.find({ collection: 'users', where: { email: { equals: chef.email } }, limit: 1, depth: 0, overrideAccess: true })
    const existing = found.docs[0]
    if (!existing) {
      // A random password nobody knows: staff set their own through "forgot password". Never logged.
      const password = randomBytes(24).toString('base64url')
      const created = await payload.create({ collection: 'users', data: { ...data, email: chef.email, password }, overrideAccess: true })
      ids.set(chef.key, created.id)
      counts.created++
    } else {
      if (isSubset(data, existing)) counts.unchanged++
      else {
        await payload.update({ collection: 'users', id: existing.id, data, overrideAccess: true })
        counts.updated++
      }
      ids.set(chef.key, existing.id)
    }
  }
  return ids
}

async function seedPages(payload: Payload, counts: Tally): Promise<void> {
  for (const page of pagesData()) {
    const data = { title: page.title, slug: page.slug, content: page.content, meta: page.meta, _status: 'published' as const }
    const found = await payload.find({ collection: 'pages', where: { slug: { equals: page.slug } }, limit: 1, depth: 0, overrideAccess: true })
    const existing = found.docs[0]
    if (!existing) {
      await payload.create({ collection: 'pages', data, overrideAccess: true })
      counts.created++
    } else if (isSubset(data, existing)) {
      counts.unchanged++
    } else {
      await payload.update({ collection: 'pages', id: existing.id, data, overrideAccess: true })
      counts.updated++
    }
  }
}

interface BookingContext {
  payload: Payload
  log: Logger
  menuIds: Map<string, number>
  chefIds: Map<ChefKey, number>
  summary: SeedSummary['bookings']
}

/** Creates the booking at the planned time, or at a fallback time the same day if that one is full. */
async function createBooking(ctx: BookingContext, spec: SeedBooking, eventDate: string, plannedStart: string): Promise<number> {
  const menu = spec.menu.map((m) => {
    const item = ctx.menuIds.get(m.item)
    if (item === undefined) throw new Error(`seed menu item missing: ${m.item}`)
    return { item, quantity: m.quantity }
  })
  const times = [plannedStart, ...FALLBACK_STARTS.filter((t) => t !== plannedStart)]
  for (const startTime of times) {
    try {
      const doc = await ctx.payload.create({
        collection: 'bookings',
        data: {
          eventDate,
          startTime,
          status: 'pending',
          contact: spec.contact,
          guests: spec.guests,
          address: spec.address,
          menu,
          ...(spec.specialRequests ? { specialRequests: spec.specialRequests } : {}),
          ...(spec.dietaryNotes ? { dietaryNotes: spec.dietaryNotes } : {}),
        },
        overrideAccess: true,
      })
      if (startTime !== plannedStart) {
        ctx.summary.moved++
        ctx.log.warn({ eventDate, plannedStart, startTime }, 'planned time was full; booked another time the same day')
      }
      return doc.id
    } catch (err) {
      if (conflictReason(err) !== 'slot_full') throw err
    }
  }
  throw new Error(`no free start time on ${eventDate} for a seed booking of ${spec.guests.adults + spec.guests.children} guests`)
}

async function confirm(ctx: BookingContext, id: number, spec: SeedBooking, withChefs: boolean): Promise<void> {
  const chefs = withChefs ? (spec.chefs ?? []).flatMap((k) => ctx.chefIds.get(k) ?? []) : []
  try {
    await ctx.payload.update({
      collection: 'bookings',
      id,
      data: { status: 'confirmed', source: spec.source, ...(chefs.length > 0 ? { assignedChefs: chefs } : {}) },
      overrideAccess: true,
    })
  } catch (err) {
    if (chefs.length === 0 || conflictReason(err) !== 'chef_unavailable') throw err
    ctx.summary.chefsDropped++
    ctx.log.warn({ bookingId: id }, 'chef already busy at that time; confirmed without a chef')
    await ctx.payload.update({ collection: 'bookings', id, data: { status: 'confirmed', source: spec.source }, overrideAccess: true })
  }
}

async function cancel(ctx: BookingContext, id: number, spec: SeedBooking): Promise<void> {
  await ctx.payload.update({
    collection: 'bookings',
    id,
    data: { status: 'cancelled', source: spec.source },
    context: { cancelReason: spec.cancelReason },
    overrideAccess: true,
  })
}

/**
 * The one change made to an existing seed booking: when it was seeded before any admin (so
 * before the chefs) and is still confirmed with nobody assigned, the seed's chefs are assigned
 * now, through the same rules (overlap check). Running again finds them assigned and does nothing.
 */
async function assignMissingChefs(
  ctx: BookingContext,
  doc: { id: number; status?: string | null; assignedChefs?: unknown[] | null },
  spec: SeedBooking,
): Promise<void> {
  const chefs = (spec.chefs ?? []).flatMap((k) => ctx.chefIds.get(k) ?? [])
  if (spec.outcome !== 'confirmed' || chefs.length === 0 || doc.status !== 'confirmed' || (doc.assignedChefs ?? []).length > 0) return
  try {
    await ctx.payload.update({ collection: 'bookings', id: doc.id, data: { assignedChefs: chefs }, overrideAccess: true })
    ctx.summary.chefsAssigned++
  } catch (err) {
    if (conflictReason(err) !== 'chef_unavailable') throw err
    ctx.summary.chefsDropped++
    ctx.log.warn({ bookingId: doc.id }, 'chef already busy at that time; left the booking without a chef')
  }
}

async function seedBookings(ctx: BookingContext, today: string, blackouts: string[]): Promise<void> {
  const slots = planSlots(today, blackouts, BOOKINGS.length)
  const found = await ctx.payload.find({
    collection: 'bookings',
    where: { 'contact.email': { in: BOOKINGS.map((b) => b.contact.email) } },
    select: { contact: true, status: true, assignedChefs: true },
    depth: 0,
    limit: 0,
    pagination: false,
    overrideAccess: true,
  })
  const seeded = new Map(found.docs.map((d) => [d.contact?.email?.toLowerCase(), d]))
  for (const [i, spec] of BOOKINGS.entries()) {
    const slot = slots[i]
    if (!slot) throw new Error('fewer planned slots than seed bookings')
    const existing = seeded.get(spec.contact.email)
    if (existing) {
      ctx.summary.existing++
      await assignMissingChefs(ctx, existing, spec)
      continue
    }
    const t0 = performance.now()
    const id = await createBooking(ctx, spec, slot.eventDate, slot.startTime)
    ctx.summary.created++
    const t1 = performance.now()
    switch (spec.outcome) {
      case 'pending':
        if (spec.source !== 'web') await ctx.payload.update({ collection: 'bookings', id, data: { source: spec.source }, overrideAccess: true })
        break
      case 'confirmed':
        await confirm(ctx, id, spec, true)
        break
      case 'cancelled-from-pending':
        await cancel(ctx, id, spec)
        break
      case 'cancelled-from-confirmed':
        await confirm(ctx, id, spec, false)
        await cancel(ctx, id, spec)
        break
    }
    const status = spec.outcome.startsWith('cancelled') ? 'cancelled' : spec.outcome
    ctx.summary.byStatus[status] = (ctx.summary.byStatus[status] ?? 0) + 1
    ctx.log.debug({ bookingId: id, status, createMs: Math.round(t1 - t0), transitionMs: Math.round(performance.now() - t1) }, 'booking seeded')
  }
}

export async function runSeed(payload: Payload, opts: SeedOptions): Promise<SeedSummary> {
  const { log } = opts
  const summary: SeedSummary = {
    skipped: false,
    settings: 'skipped',
    menuItems: tally(),
    chefs: { ...tally(), skippedNoAdmin: false },
    pages: tally(),
    bookings: { created: 0, existing: 0, moved: 0, chefsAssigned: 0, chefsDropped: 0, byStatus: {} },
  }
  if (opts.ifEmpty) {
    const [menu, bookings] = await Promise.all([
      payload.count({ collection: 'menu-items', overrideAccess: true }),
      payload.count({ collection: 'bookings', overrideAccess: true }),
    ])
    if (menu.totalDocs > 0 || bookings.totalDocs > 0) return { ...summary, skipped: true }
  }
  const today = todayInZone(opts.now ?? new Date(), TIMEZONE)
  let mark = performance.now()
  const phase = (name: string) => {
    const at = performance.now()
    log.debug({ phase: name, ms: Math.round(at - mark) }, 'seed phase done')
    mark = at
  }
  summary.settings = await seedSettings(payload, today)
  phase('settings')
  const menuIds = await seedMenu(payload, summary.menuItems)
  phase('menu')
  const chefIds = await seedChefs(payload, summary.chefs, log)
  phase('chefs')
  await seedPages(payload, summary.pages)
  phase('pages')
  const blackouts = blackoutDates(today).map((b) => b.date)
  await seedBookings({ payload, log, menuIds, chefIds, summary: summary.bookings }, today, blackouts)
  phase('bookings')
  return summary
}
