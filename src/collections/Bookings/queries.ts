/**
 * Reads the rules need, kept in one place: overlapping bookings, menu items to price, a same-day
 * duplicate (scheduleChecksFor, raw SQL: one round trip), and the row lock a manage-link change takes. The system reads here (overrideAccess),
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

/**
 * What the calendar check of one booking write needs, in ONE round trip and without the Local
 * API's query building over the booking's whole schema (the largest cost of a booking create
 * under load): the pending and confirmed bookings whose buffered range touches [from, to), other
 * than `exceptId`, and whether another live booking (not cancelled or expired) has this email on
 * this date. The same rows as activeBookingsBetween (which availability and the chef check use).
 */
export async function scheduleChecksFor(
  req: PayloadRequest,
  q: { from: Date; to: Date; email: string; eventDate: string; exceptId?: string | number | null },
): Promise<{ others: (ActiveBooking & { chefIds: string[] })[]; sameDayDuplicate: boolean }> {
  const db = await transactionDb(req)
  const except = q.exceptId === undefined || q.exceptId === null || q.exceptId === '' ? null : Number(q.exceptId)
  const result = await db.execute<{ others: { id: number; starts_at: string; ends_at: string; chef_units: string | number | null; chef_ids: number[] | null }[]; same_day: boolean }>(sql`
    SELECT
      COALESCE((
        SELECT json_agg(json_build_object('id', b.id, 'starts_at', b.starts_at, 'ends_at', b.ends_at, 'chef_units', b.chef_units,
          'chef_ids', (SELECT json_agg(r.users_id ORDER BY r."order") FROM bookings_rels r WHERE r.parent_id = b.id AND r.path = 'assignedChefs' AND r.users_id IS NOT NULL)))
        FROM bookings b
        WHERE b.status IN ('pending', 'confirmed') AND b.blocked_from < ${q.to.toISOString()} AND b.blocked_until > ${q.from.toISOString()}
          AND (${except}::int IS NULL OR b.id <> ${except}::int)
      ), '[]'::json) AS others,
      EXISTS (
        SELECT 1 FROM bookings d
        WHERE d.contact_email = ${q.email} AND d.event_date = ${q.eventDate} AND d.status NOT IN ('cancelled', 'expired')
          AND (${except}::int IS NULL OR d.id <> ${except}::int)
      ) AS same_day`)
  const row = result.rows[0]
  return {
    others: (row?.others ?? []).map((d) => ({ id: String(d.id), startsAt: new Date(d.starts_at), endsAt: new Date(d.ends_at), chefUnits: Number(d.chef_units ?? 1), chefIds: (d.chef_ids ?? []).map(String) })),
    sameDayDuplicate: row?.same_day === true,
  }
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
