/**
 * Reads the rules need, kept in one place. The system reads here (overrideAccess), always inside
 * the caller's request/transaction. No business decisions in this file.
 */
import type { PayloadRequest, Where } from 'payload'

import type { ActiveBooking, MenuItemForPricing } from '../../domain'
import { pricingItem } from '../MenuItems/activeMenu'

type Row = Record<string, unknown>
const idOf = (v: unknown): string => (v && typeof v === 'object' && 'id' in v ? String((v as { id: unknown }).id) : String(v))

/** Pending and confirmed bookings whose buffered range touches [from, to). */
export async function activeBookingsBetween(req: PayloadRequest, from: Date, to: Date): Promise<(ActiveBooking & { chefIds: string[] })[]> {
  const where: Where = {
    and: [
      { status: { in: ['pending', 'confirmed'] } },
      { blockedFrom: { less_than: to.toISOString() } },
      { blockedUntil: { greater_than: from.toISOString() } },
    ],
  }
  const result = await req.payload.find({
    collection: 'bookings',
    where,
    req,
    overrideAccess: true,
    depth: 0,
    limit: 0,
    pagination: false,
    select: { startsAt: true, endsAt: true, chefUnits: true, assignedChefs: true },
  })
  return (result.docs as unknown as Row[]).map((d) => ({
    id: String(d.id),
    startsAt: new Date(String(d.startsAt)),
    endsAt: new Date(String(d.endsAt)),
    chefUnits: Number(d.chefUnits ?? 1),
    chefIds: Array.isArray(d.assignedChefs) ? d.assignedChefs.map(idOf) : [],
  }))
}

export async function menuItemsByIds(req: PayloadRequest, ids: string[]): Promise<MenuItemForPricing[]> {
  if (ids.length === 0) return []
  const result = await req.payload.find({
    collection: 'menu-items',
    where: { id: { in: ids } },
    req,
    overrideAccess: true,
    depth: 0,
    limit: ids.length,
    pagination: false,
  })
  return result.docs.map(pricingItem)
}

/** A non-cancelled booking for this email on this date (other than `exceptId`), if any. */
export async function sameDayBookingFor(req: PayloadRequest, email: string, eventDate: string, exceptId?: string | number): Promise<boolean> {
  const and: Where[] = [{ 'contact.email': { equals: email } }, { eventDate: { equals: eventDate } }, { status: { not_equals: 'cancelled' } }]
  if (exceptId !== undefined) and.push({ id: { not_equals: exceptId } })
  const found = await req.payload.count({ collection: 'bookings', where: { and }, req, overrideAccess: true })
  return found.totalDocs > 0
}

export { idOf }
