/**
 * Reads the rules need, kept in one place: overlapping bookings, menu items to price, a same-day
 * duplicate, and the row lock a manage-link change takes. The system reads here (overrideAccess),
 * always inside the caller's request/transaction. No business decisions in this file.
 */
import type { PayloadRequest, Where } from 'payload'

import { idOf, isBookingStatus, type ActiveBooking, type BookingStatus, type MenuItemForPricing } from '../../domain'
import { sql, transactionDb } from '../../infra/db'
import { pricingItem } from '../MenuItems/activeMenu'

type Row = Record<string, unknown>

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

/** A booking for this email on this date that is not cancelled or expired (other than `exceptId`), if any. */
export async function sameDayBookingFor(req: PayloadRequest, email: string, eventDate: string, exceptId?: string | number): Promise<boolean> {
  const and: Where[] = [{ 'contact.email': { equals: email } }, { eventDate: { equals: eventDate } }, { status: { not_in: ['cancelled', 'expired'] } }]
  if (exceptId !== undefined) and.push({ id: { not_equals: exceptId } })
  const found = await req.payload.count({ collection: 'bookings', where: { and }, req, overrideAccess: true })
  return found.totalDocs > 0
}

/**
 * Inside the caller's transaction (`req.transactionID`): locks the booking row until commit, so
 * changes through manage links are decided one at a time on fresh data, and returns what the
 * decision needs. undefined when the booking is gone.
 */
export async function lockBookingForChange(
  req: PayloadRequest,
  id: number,
): Promise<{ status: BookingStatus; eventDate: string; startTime: string; startsAt: Date } | undefined> {
  const db = await transactionDb(req)
  const result = await db.execute<{ status: string; event_date: string; start_time: string; starts_at: string | Date }>(
    sql`SELECT status, event_date, start_time, starts_at FROM bookings WHERE id = ${id} FOR UPDATE`,
  )
  const row = result.rows[0]
  if (!row) return undefined
  if (!isBookingStatus(row.status)) throw new Error(`booking ${id} has an unknown status`)
  return { status: row.status, eventDate: row.event_date, startTime: row.start_time, startsAt: new Date(row.starts_at) }
}
