/**
 * The booking rules on every create and update (REST, admin panel, Local API), in beforeValidate:
 * after field access has stripped what the caller may not set, so everything set here is the
 * server's word. This hook only loads and writes: it reads the settings (a create from the shared
 * cache), asks the domain's plan
 * (src/domain/booking/plan.ts) what the write means, loads what the plan needs checked (menu
 * items to price, overlapping bookings, a same-day duplicate), lets the domain decide, and writes
 * the result, the customer, the manage token and the cancellation.
 * The database re-checks capacity, chef overlap and duplicates in the same transaction.
 */
import type { CollectionBeforeValidateHook, PayloadRequest } from 'payload'

import { hasRole, isCustomerUser } from '../../../access/roles'
import {
  assertBookable,
  assertChefsFree,
  balanceDueAt,
  holdExpiresAt,
  idOf,
  needsOnlineDeposit,
  paymentStateOf,
  planBookingWrite,
  priceSchedule,
  scheduleFields,
  type BookingPlan,
  type BookingStatus,
  type BusinessSettings,
  type SchedulePlan,
  centsOrZero,
} from '../../../domain'
import { loadSettings, loadSettingsCached } from '../../../globals/BusinessSettings/load'
import { toPayloadError } from '../../../http/errors'
import { paymentsEnabled } from '../../../infra/stripe'
import type {} from '../../../hooks/requestContext'
import { findOrCreateCustomerByEmail } from '../../Customers/findOrCreateByEmail'
import { mintManageToken } from '../manageTokens'
import { activeBookingsBetween, menuItemsByIds, scheduleChecksFor } from '../queries'

type Data = Record<string, unknown>

/**
 * Menu rows with the relationship's id type: the API accepts menu item ids as strings or numbers,
 * the relationship field wants numbers on Postgres (or Payload calls "6" an invalid relationship).
 */
function menuRowsForPayload(menu: unknown): Data[] {
  return (Array.isArray(menu) ? (menu as Data[]) : []).map((row) => {
    const id = idOf(row.item)
    return { ...row, item: /^\d+$/.test(id) ? Number(id) : id }
  })
}

/** Loads what the calendar check needs, lets the domain decide, and returns the fields to write. */
async function checkSchedule(req: PayloadRequest, plan: SchedulePlan, bookingId: unknown): Promise<Data> {
  const settings = await loadSettings(req)
  // Priced first: a menu the customer may not order is named before the calendar is asked.
  const price = plan.reprice ? priceSchedule(settings, plan, await menuItemsByIds(req, plan.reprice.menuItemIds)) : null
  const { others, sameDayDuplicate } = await scheduleChecksFor(req, {
    from: plan.blocked.start,
    to: plan.blocked.end,
    email: plan.input.contact.email,
    eventDate: plan.input.eventDate,
    exceptId: bookingId as string | number | undefined,
  })
  assertBookable(settings, plan, { others, sameDayDuplicate })
  return scheduleFields(plan, price)
}

async function checkChefs(req: PayloadRequest, check: NonNullable<BookingPlan['chefCheck']>, bookingId: unknown): Promise<void> {
  const overlapping = await activeBookingsBetween(req, check.range.start, check.range.end)
  assertChefsFree(
    overlapping.filter((b) => b.id !== String(bookingId)),
    check.chefIds,
  )
}

const group = (v: unknown): Data => (v && typeof v === 'object' ? (v as Data) : {})
const cents = centsOrZero

/**
 * The payment fields every write leaves right: the balance's due time follows the start, an
 * online booking's unpaid hold is stamped on create, and the payment state the admin list filters
 * on is recomputed from the money and the status.
 */
function stampPayment(data: Data, original: Data, settings: BusinessSettings, now: Date, isCreate: boolean): void {
  const payment = { ...group(original.payment), ...group(data.payment) }
  const pricing = group(data.pricing ?? original.pricing)
  const startsAt = data.startsAt ?? original.startsAt
  if (startsAt) payment.balanceDueAt = balanceDueAt(settings, new Date(String(startsAt))).toISOString()
  if (isCreate && needsOnlineDeposit({ source: String(data.source), depositCents: cents(pricing.depositCents), paymentsEnabled: paymentsEnabled() })) {
    payment.holdExpiresAt = holdExpiresAt(settings, now).toISOString()
  }
  const status = String(data.status ?? original.status ?? 'pending') as BookingStatus
  // A booking that is no longer pending holds nothing.
  if (status !== 'pending') payment.holdExpiresAt = null
  data.payment = payment
  data.paymentState = paymentStateOf({
    status,
    totalCents: cents(pricing.totalCents),
    depositCents: cents(pricing.depositCents),
    depositPaidCents: cents(payment.depositPaidCents),
    balancePaidCents: cents(payment.balancePaidCents),
    refundedCents: cents(payment.refundedCents),
  })
}

async function applyRules(args: Parameters<CollectionBeforeValidateHook>[0]): Promise<Data> {
  const { operation, req } = args
  const data = (args.data ?? {}) as Data
  const original = (args.originalDoc ?? {}) as Data
  const byStaff = hasRole(req.user, 'admin', 'manager')
  // A create reads the shared settings cache (purged when the settings change): the per-request
  // settings read was one of the largest costs of a booking create. A change to a stored booking
  // reads them in its transaction, as before. Either way every later hook of this write gets the same.
  const settings = operation === 'create' ? await loadSettingsCached(req) : await loadSettings(req)
  const now = new Date()
  const plan = planBookingWrite({ operation, byStaff, incoming: data, original, settings, now })

  delete data.repriceNow
  data.status = plan.status
  if (plan.schedule) {
    Object.assign(data, await checkSchedule(req, plan.schedule, original.id))
    if ('menu' in data) data.menu = menuRowsForPayload(data.menu)
  } else if (plan.chefCheck) {
    await checkChefs(req, plan.chefCheck, original.id)
  }

  if (plan.create) {
    const contact = data.contact as { name: string; email: string; phone: string }
    if (!plan.create.customerFromStaff) data.customer = isCustomerUser(req.user) && req.user ? req.user.id : await findOrCreateCustomerByEmail(req, contact)
    data.source = plan.create.source
    const { token, hash } = mintManageToken()
    data.manageTokenHash = hash
    req.context.manageToken = token
    data.payment = { depositPaidCents: 0, balancePaidCents: 0, refundedCents: 0, depositAttempt: 0 }
  }

  if (plan.cancellation) {
    data.cancellation = { ...plan.cancellation, cancelledAt: plan.cancellation.cancelledAt.toISOString(), reason: req.context.cancelReason }
  }
  stampPayment(data, original, settings, now, operation === 'create')
  return data
}

export const prepareBooking: CollectionBeforeValidateHook = async (args) => {
  try {
    return await applyRules(args)
  } catch (err) {
    throw toPayloadError(err)
  }
}
