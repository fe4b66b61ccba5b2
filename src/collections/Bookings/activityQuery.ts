/**
 * What the booking's Activity panel reads, as plain entries for src/domain/bookingActivity.ts:
 * the booking's saved versions (who saved each: `changedBy`), its payment records and its
 * messages, with the names of the staff, chefs and menu items they point at. Every read goes
 * through the Local API AS THE SIGNED-IN USER (`user`, overrideAccess: false): versions and
 * payments are managers' and admins' only, so anyone else gets `null` (the panel then says so).
 * Never writes.
 */
import type { Payload, TypedUser } from 'payload'

import { hasRole } from '../../access/roles'
import type { BookingSnapshot, MessageEntry, PaymentEntry, VersionEntry, Actor } from '../../domain/bookingActivity'
import type { PaymentState } from '../../domain/paymentState'
import type { Booking, Message, Payment } from '../../payload-types'

/** The most versions, payments and messages the panel reads (versions keep at most 100 anyway). */
export const ACTIVITY_LIMIT = 100

const idOf = (v: unknown): number | null => {
  if (typeof v === 'number') return v
  if (typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'number') return (v as { id: number }).id
  return null
}
const text = (v: unknown): string => (typeof v === 'string' ? v : '')
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0)

export interface ActivitySources {
  versions: VersionEntry[]
  payments: PaymentEntry[]
  messages: MessageEntry[]
}

export async function loadActivity(payload: Payload, user: TypedUser | null | undefined, bookingId: number): Promise<ActivitySources | null> {
  if (!user || !hasRole(user, 'admin', 'manager')) return null
  const asUser = { user, overrideAccess: false } as const
  const [versions, payments, messages] = await Promise.all([
    payload.findVersions({ collection: 'bookings', where: { parent: { equals: bookingId } }, sort: '-updatedAt', limit: ACTIVITY_LIMIT, depth: 0, ...asUser }),
    payload.find({ collection: 'payments', where: { booking: { equals: bookingId } }, sort: '-createdAt', limit: ACTIVITY_LIMIT, depth: 0, ...asUser }),
    payload.find({
      collection: 'messages',
      where: { booking: { equals: bookingId } },
      sort: '-createdAt',
      limit: ACTIVITY_LIMIT,
      depth: 0,
      select: { channel: true, direction: true, status: true, event: true, subject: true, author: true, sentAt: true, createdAt: true },
      ...asUser,
    }),
  ])
  const bookingsOf = versions.docs.map((v) => v.version as Booking)
  const userIds = new Set<number>()
  const itemIds = new Set<number>()
  for (const b of bookingsOf) {
    const by = idOf(b.changedBy)
    if (by !== null) userIds.add(by)
    for (const c of b.assignedChefs ?? []) {
      const id = idOf(c)
      if (id !== null) userIds.add(id)
    }
    for (const line of b.menu ?? []) {
      const id = idOf(line.item)
      if (id !== null) itemIds.add(id)
    }
  }
  for (const p of payments.docs as Payment[]) {
    const id = idOf(p.recordedBy)
    if (id !== null) userIds.add(id)
  }
  for (const m of messages.docs as Message[]) {
    const id = idOf(m.author)
    if (id !== null) userIds.add(id)
  }
  const [users, items] = await Promise.all([
    userIds.size === 0 ? { docs: [] } : payload.find({ collection: 'users', where: { id: { in: [...userIds] } }, select: { name: true, email: true, role: true }, limit: userIds.size, pagination: false, depth: 0, ...asUser }),
    itemIds.size === 0 ? { docs: [] } : payload.find({ collection: 'menu-items', where: { id: { in: [...itemIds] } }, select: { name: true }, limit: itemIds.size, pagination: false, depth: 0, ...asUser }),
  ])
  const actors = new Map<number, Actor>(users.docs.map((u) => [u.id, { name: u.name || u.email || `#${u.id}`, role: u.role ?? 'staff' }]))
  const itemNames = new Map<number, string>(items.docs.map((i) => [i.id, i.name]))
  const actor = (v: unknown): Actor | null => {
    const id = idOf(v)
    return id === null ? null : (actors.get(id) ?? { name: `#${id}`, role: 'staff' })
  }

  const snapshot = (b: Booking): BookingSnapshot => ({
    status: text(b.status),
    eventDate: text(b.eventDate),
    startTime: text(b.startTime),
    durationMinutes: typeof b.durationMinutes === 'number' ? b.durationMinutes : null,
    adults: num(b.guests?.adults),
    children: num(b.guests?.children),
    contactName: text(b.contact?.name),
    contactEmail: text(b.contact?.email),
    contactPhone: text(b.contact?.phone),
    street: text(b.address?.street),
    city: text(b.address?.city),
    state: text(b.address?.state),
    zip: text(b.address?.zip),
    specialRequests: text(b.specialRequests),
    dietaryNotes: text(b.dietaryNotes),
    chefs: (b.assignedChefs ?? []).map((c) => actor(c)?.name ?? '?'),
    menu: (b.menu ?? []).map((line) => {
      const id = idOf(line.item)
      return `${(id !== null ? itemNames.get(id) : undefined) ?? `item #${id ?? '?'}`} ×${num(line.quantity)}`
    }),
    totalCents: typeof b.pricing?.totalCents === 'number' ? b.pricing.totalCents : null,
    currency: text(b.pricing?.currency) || 'usd',
    paymentState: (b.paymentState ?? null) as PaymentState | null,
    cancellationReason: text(b.cancellation?.reason),
  })

  return {
    versions: versions.docs.map((v) => ({ at: v.updatedAt, by: actor((v.version as Booking).changedBy), snapshot: snapshot(v.version as Booking) })),
    payments: (payments.docs as Payment[]).map((p) => ({
      at: p.occurredAt ?? p.createdAt,
      kind: p.kind,
      method: p.method,
      status: p.status ?? null,
      amountCents: num(p.amountCents),
      currency: text(p.currency) || 'usd',
      by: actor(p.recordedBy),
    })),
    messages: (messages.docs as Message[]).map((m) => ({
      at: m.sentAt ?? m.createdAt,
      channel: m.channel,
      direction: m.direction,
      status: m.status,
      event: m.event ?? null,
      subject: m.subject ?? null,
      by: actor(m.author),
    })),
  }
}
