/**
 * Seeds the demo bookings. They are keyed by contact email (each seed booking has its own email;
 * the spec's "email + event date" key would re-create them on another day because their dates
 * are relative to today): an existing one is skipped; the only change ever made to one is
 * assigning the chefs to a confirmed demo booking that was seeded before the chefs existed.
 *
 * Bookings go through the same `prepareBooking` hook as any other booking (lead time, start
 * window, service area, capacity, chef overlap, one booking per email per date, lifecycle):
 * `overrideAccess: true` only lifts collection/field ACCESS (there is no signed-in user here);
 * the hook and the database triggers run as always. Status changes are the allowed transitions
 * pending → confirmed | cancelled and confirmed → cancelled, one update each. Writes carry
 * `skipPurge` (the run purges all availability once at the end) and `skipBookingEmails` (made-up
 * customers get no booking emails). Must never bypass those rules.
 */
import { APIError, type Payload } from 'payload'
import type { Logger } from 'pino'

import { bookingConflictFromDatabase } from '../collections/Bookings/databaseErrors'
import { BOOKINGS, FALLBACK_STARTS, planSlots, type ChefKey, type SeedBooking } from './data'

/**
 * Every seed write's context: the caller purges the cache once at the end, and demo bookings email
 * no one. A fresh object each time: hooks keep per-request values on it (settings, the manage token).
 */
const seedContext = () => ({ skipPurge: true, skipBookingEmails: true })

export interface BookingTally {
  created: number
  existing: number
  moved: number
  chefsAssigned: number
  chefsDropped: number
  byStatus: Record<string, number>
}

export const bookingTally = (): BookingTally => ({ created: 0, existing: 0, moved: 0, chefsAssigned: 0, chefsDropped: 0, byStatus: {} })

export interface BookingContext {
  payload: Payload
  log: Logger
  menuIds: Map<string, number>
  chefIds: Map<ChefKey, number>
  summary: BookingTally
}

/** The machine reason of a 409 from the booking rules or the database, if `err` is one. */
export function conflictReason(err: unknown): string | undefined {
  if (err instanceof APIError && err.status === 409) {
    const data = err.data as { reason?: unknown } | undefined
    return typeof data?.reason === 'string' ? data.reason : 'conflict'
  }
  return bookingConflictFromDatabase(err)?.reason
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
        context: seedContext(),
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
      context: seedContext(),
    })
  } catch (err) {
    if (chefs.length === 0 || conflictReason(err) !== 'chef_unavailable') throw err
    ctx.summary.chefsDropped++
    ctx.log.warn({ bookingId: id }, 'chef already busy at that time; confirmed without a chef')
    await ctx.payload.update({ collection: 'bookings', id, data: { status: 'confirmed', source: spec.source }, overrideAccess: true, context: seedContext() })
  }
}

async function cancel(ctx: BookingContext, id: number, spec: SeedBooking): Promise<void> {
  await ctx.payload.update({
    collection: 'bookings',
    id,
    data: { status: 'cancelled', source: spec.source },
    context: { ...seedContext(), cancelReason: spec.cancelReason },
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
    await ctx.payload.update({ collection: 'bookings', id: doc.id, data: { assignedChefs: chefs }, overrideAccess: true, context: seedContext() })
    ctx.summary.chefsAssigned++
  } catch (err) {
    if (conflictReason(err) !== 'chef_unavailable') throw err
    ctx.summary.chefsDropped++
    ctx.log.warn({ bookingId: doc.id }, 'chef already busy at that time; left the booking without a chef')
  }
}

export async function seedBookings(ctx: BookingContext, today: string, blackouts: string[]): Promise<void> {
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
        if (spec.source !== 'web') await ctx.payload.update({ collection: 'bookings', id, data: { source: spec.source }, overrideAccess: true, context: seedContext() })
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
