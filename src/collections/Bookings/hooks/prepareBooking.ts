/**
 * The booking rules, applied on every create and update (REST, admin panel, Local API):
 * shape and business validation, lifecycle transitions, the server's price, computed instants,
 * capacity and chef checks, the duplicate check, customer find-or-create, the manage token, and
 * the refund on cancellation. Runs in beforeValidate, after field access has stripped what the
 * caller may not set, so everything set here is the server's word.
 * The database re-checks capacity, chef overlap and duplicates in the same transaction.
 */
import { randomBytes } from 'node:crypto'

import type { CollectionBeforeValidateHook, PayloadRequest } from 'payload'

import { hasRole, isCustomerUser } from '../../../access/roles'
import {
  assertTransition,
  blockedRange,
  chefsNeeded,
  computeQuote,
  ConflictError,
  decideDuration,
  grandfatheredItems,
  needsRepricing,
  refundBasis,
  fromZodError,
  localToInstant,
  refundForCancellation,
  remainingUnitsAt,
  validateEventRequest,
  type BookingStatus,
  type BusinessSettings,
} from '../../../domain'
import { bookingCreateSchema } from '../../../domain/schemas'
import { loadSettings } from '../../../globals/BusinessSettings/load'
import { sql, transactionDb } from '../../../infra/db'
import { toPayloadError } from '../../../http/errors'
import { hashManageToken } from '../manage'
import { activeBookingsBetween, idOf, menuItemsByIds, sameDayBookingFor } from '../queries'

type Data = Record<string, unknown>

const SCHEDULE_KEYS = ['eventDate', 'startTime', 'durationMinutes', 'guests', 'address', 'menu'] as const

/** A field's value reduced to what the rules read (ids for relations, no row ids or nulls). */
function comparable(key: string, value: unknown): unknown {
  if (key === 'menu') {
    return (Array.isArray(value) ? (value as Data[]) : []).map((row) => ({ item: idOf(row.item), quantity: row.quantity }))
  }
  if (value && typeof value === 'object') {
    const g = value as Data
    return Object.fromEntries(Object.keys(g).filter((k) => k !== 'id').sort().map((k) => [k, g[k] ?? null]))
  }
  return value ?? null
}

/** No assigned chef may already work another of the overlapping bookings. */
function assertChefsFree(overlapping: { chefIds: string[] }[], assignedChefs: unknown): void {
  const chefIds = (Array.isArray(assignedChefs) ? assignedChefs : []).map(idOf)
  if (overlapping.some((b) => b.chefIds.some((c) => chefIds.includes(c)))) {
    throw new ConflictError('That chef already has a booking at an overlapping time.', 'chef_unavailable')
  }
}

function group(v: unknown): Data {
  return v && typeof v === 'object' ? (v as Data) : {}
}

/** The business fields of a booking as the rules see them (explicit fields only). */
function businessInput(merged: Data) {
  const guests = group(merged.guests)
  const address = group(merged.address)
  const contact = group(merged.contact)
  const menu = Array.isArray(merged.menu) ? (merged.menu as Data[]) : []
  return {
    eventDate: merged.eventDate,
    startTime: merged.startTime,
    ...(typeof merged.durationMinutes === 'number' ? { durationMinutes: merged.durationMinutes } : {}),
    guests: { adults: guests.adults, children: guests.children ?? 0 },
    address: { street: address.street, city: address.city, state: address.state, zip: address.zip },
    menu: menu.map((row) => ({ item: idOf(row.item), quantity: row.quantity })),
    contact: { name: contact.name, email: contact.email, phone: contact.phone },
    ...(merged.specialRequests ? { specialRequests: merged.specialRequests } : {}),
    ...(merged.dietaryNotes ? { dietaryNotes: merged.dietaryNotes } : {}),
  }
}

/**
 * The customer for a booking, found or created by email in ONE statement inside the booking's
 * transaction: INSERT … ON CONFLICT (email) DO NOTHING waits for a concurrent insert of the same
 * email and then finds its row, so two simultaneous first bookings never race into a unique
 * violation. The account is created without a password (no slow hashing while the transaction
 * holds a connection); the customer sets one through the forgot-password flow.
 */
async function findOrCreateCustomer(req: PayloadRequest, contact: { name: string; email: string; phone: string }): Promise<string | number> {
  if (isCustomerUser(req.user) && req.user) return req.user.id
  const db = await transactionDb(req)
  const inserted = await db.execute<{ id: number }>(
    // Unverified: a booking form proves nothing about the email (the account gets in by a reset link).
    sql`INSERT INTO customers (email, name, phone, _verified) VALUES (${contact.email}, ${contact.name}, ${contact.phone}, false) ON CONFLICT (email) DO NOTHING RETURNING id`,
  )
  const created = inserted.rows[0]
  if (created) return created.id
  const found = await db.execute<{ id: number }>(sql`SELECT id FROM customers WHERE email = ${contact.email}`)
  const existing = found.rows[0]
  if (!existing) throw new Error('customer row vanished between insert and select')
  return existing.id
}

async function applyRules(args: Parameters<CollectionBeforeValidateHook>[0]): Promise<Data> {
  const { operation, req } = args
  const data = (args.data ?? {}) as Data
  const original = (args.originalDoc ?? {}) as Data
  const staff = hasRole(req.user, 'admin', 'manager')
  const settings: BusinessSettings = await loadSettings(req)
  const now = new Date()
  const merged: Data = operation === 'update' ? { ...original, ...data } : { ...data }

  // Lifecycle.
  const from = (original.status ?? 'pending') as BookingStatus
  let to: BookingStatus = operation === 'create' ? ((staff && typeof data.status === 'string' ? data.status : 'pending') as BookingStatus) : ((data.status ?? from) as BookingStatus)
  if (operation === 'create' && to !== 'pending' && to !== 'confirmed') to = 'pending'
  if (operation === 'update') assertTransition(from, to)
  data.status = to

  // The admin panel sends every field on save: compare values, not keys.
  const changed = (key: string) => key in data && JSON.stringify(comparable(key, data[key])) !== JSON.stringify(comparable(key, original[key]))
  const whenChanged = operation === 'create' || changed('eventDate') || changed('startTime') || changed('durationMinutes')
  const scheduleChanged = whenChanged || SCHEDULE_KEYS.some(changed) || changed('contact')
  const repriceRequested = staff && data.repriceNow === true
  delete data.repriceNow
  if ((scheduleChanged || repriceRequested) && (to === 'pending' || to === 'confirmed')) {
    const parsed = bookingCreateSchema.omit({ source: true }).safeParse(businessInput(merged))
    if (!parsed.success) throw fromZodError(parsed.error)
    const input = parsed.data
    const duration = decideDuration(settings, {
      byStaff: staff,
      requested: 'durationMinutes' in data ? input.durationMinutes : undefined,
      stored: operation === 'update' ? (original.durationMinutes as number | null | undefined) : undefined,
      guests: input.guests,
    })
    validateEventRequest(settings, { ...input, durationMinutes: duration }, now, { checkWhen: whenChanged, onSlotGrid: !staff })

    // The price is fixed when booked: only a new party or menu, or staff asking, re-prices it.
    const reprice = needsRepricing({ creating: operation === 'create', partyChanged: changed('guests'), menuChanged: changed('menu'), staffAskedToReprice: repriceRequested })
    let quote: ReturnType<typeof computeQuote> | undefined
    if (reprice) {
      const kept = grandfatheredItems(operation === 'update' ? (comparable('menu', original.menu) as { item: string }[]) : [])
      const items = (await menuItemsByIds(req, [...new Set(input.menu.map((m) => m.item))])).map((item) => (kept.has(item.id) ? { ...item, active: true } : item))
      quote = computeQuote(settings, { guests: { adults: input.guests.adults, children: input.guests.children }, zip: input.address.zip, menu: input.menu }, items)
    }

    const startsAt = localToInstant(input.eventDate, input.startTime, settings.timezone)
    const endsAt = new Date(startsAt.getTime() + duration * 60_000)
    const blocked = blockedRange(settings, startsAt, duration)
    const units = chefsNeeded(settings, { adults: input.guests.adults, children: input.guests.children })

    const overlapping = await activeBookingsBetween(req, blocked.start, blocked.end)
    const others = overlapping.filter((b) => b.id !== String(original.id ?? ''))
    if (remainingUnitsAt(settings, others, startsAt, duration) < units) {
      throw new ConflictError('That time is fully booked. Please choose another time.', 'slot_full')
    }
    assertChefsFree(others, merged.assignedChefs)

    if (await sameDayBookingFor(req, input.contact.email, input.eventDate, original.id as string | number | undefined)) {
      throw new ConflictError('There is already a booking for this email on that date.', 'duplicate_booking')
    }

    if ('menu' in data) {
      // The API accepts menu item ids as strings or numbers; the relationship field wants the
      // collection's id type (numbers on Postgres), or Payload calls "6" an invalid relationship.
      data.menu = (Array.isArray(data.menu) ? (data.menu as Data[]) : []).map((row) => {
        const id = idOf(row.item)
        return { ...row, item: /^\d+$/.test(id) ? Number(id) : id }
      })
    }
    const previousBasis = operation === 'update' ? (original.refundBasisStartsAt ?? original.startsAt) : undefined
    Object.assign(data, {
      contact: input.contact,
      guests: input.guests,
      address: input.address,
      durationMinutes: duration,
      guestsTotal: input.guests.adults + input.guests.children,
      title: `${input.eventDate} ${input.startTime} · ${input.contact.name}`,
      ...(quote ? { pricing: quote } : {}),
      refundBasisStartsAt: refundBasis(previousBasis ? new Date(String(previousBasis)) : null, startsAt).toISOString(),
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      blockedFrom: blocked.start.toISOString(),
      blockedUntil: blocked.end.toISOString(),
      chefUnits: units,
    })
  } else if (operation === 'update' && 'assignedChefs' in data && (to === 'pending' || to === 'confirmed')) {
    const overlapping = await activeBookingsBetween(req, new Date(String(original.blockedFrom)), new Date(String(original.blockedUntil)))
    assertChefsFree(
      overlapping.filter((b) => b.id !== String(original.id)),
      data.assignedChefs,
    )
  }

  if (operation === 'create') {
    const contact = group(data.contact) as { name: string; email: string; phone: string }
    data.customer = staff && data.customer ? data.customer : await findOrCreateCustomer(req, contact)
    data.source = staff ? (data.source ?? 'admin') : 'web'
    const token = randomBytes(24).toString('base64url')
    data.manageTokenHash = hashManageToken(token)
    req.context.manageToken = token
    data.payment = { depositPaidCents: 0, refundedCents: 0 }
  }

  if (operation === 'update' && to === 'cancelled' && from !== 'cancelled') {
    const payment = group(original.payment)
    const refund = refundForCancellation(settings, {
      // Counted from the earliest start the booking has had: moving it later buys no bigger refund.
      eventStartsAt: new Date(String(original.refundBasisStartsAt ?? original.startsAt)),
      paidCents: Number(payment.depositPaidCents ?? 0),
      now,
    })
    data.cancellation = {
      cancelledAt: now.toISOString(),
      reason: req.context.cancelReason,
      refundPercent: refund.refundPercent,
      refundCents: refund.refundCents,
    }
  }
  return data
}

export const prepareBooking: CollectionBeforeValidateHook = async (args) => {
  try {
    return await applyRules(args)
  } catch (err) {
    throw toPayloadError(err)
  }
}
