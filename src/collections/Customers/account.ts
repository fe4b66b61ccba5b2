/**
 * What a signed-in customer does on their account page (/account), in one place for the page and
 * the /api/customers/me/* endpoints:
 * - reads of their bookings and messages go through the collections' own access AS the customer
 *   (`overrideAccess: false`): a verified customer sees only their bookings and their thread, and
 *   never staff notes or delivery internals — access decides, not this file;
 * - a new manage link for one of their active bookings (the old one stops working: only one hash
 *   is stored), a reply into their thread, a deletion request, and the data download.
 * Must never return a token hash, a password hash or a session, and never log a token or a body.
 */
import type { Payload, PayloadRequest, TypedUser, Where } from 'payload'

import {
  ACCOUNT_THREAD_LIMIT,
  accountExport,
  assertManageLinkAllowed,
  deletionDueBy,
  DELETION_COMPLETION_DAYS,
  type AccountExport,
  type AccountMessageInput,
} from '../../domain/account'
import { NotFoundError, ValidationError } from '../../domain/errors'
import { isBookingStatus } from '../../domain/lifecycle'
import { inTransaction, sql, transactionDb } from '../../infra/db'
import { siteOrigin } from '../../server/env'
import type { Booking, Message } from '../../payload-types'
import { manageUrl, mintManageToken } from '../Bookings/manageTokens'
import { MANAGE_READ } from '../Bookings/manageView'
import { recordInbound } from '../Messages/store'

/** Who is asking: the signed-in customer (the page passes `user`, an endpoint its `req`). */
export type AsCustomer = { payload: Payload; user: TypedUser; req?: undefined } | { payload: Payload; req: PayloadRequest; user?: undefined }

function asCustomer(who: AsCustomer): { overrideAccess: false; user?: TypedUser; req?: PayloadRequest } {
  return who.req ? { overrideAccess: false, req: who.req } : { overrideAccess: false, user: who.user }
}

/** A booking as the account page lists it: the manage view's fields (no customer, chefs or token hash). */
export type AccountBooking = Omit<Booking, 'customer' | 'assignedChefs' | 'manageTokenHash'>

/** The customer's bookings (access: a verified customer's own), newest event first. */
export async function ownBookings(who: AsCustomer): Promise<AccountBooking[]> {
  const found = await who.payload.find({
    collection: 'bookings',
    ...asCustomer(who),
    ...MANAGE_READ,
    sort: '-startsAt',
    limit: 0,
    pagination: false,
  })
  return found.docs as unknown as AccountBooking[]
}

/** Their thread's messages (access: own, no staff notes), newest first, at most `limit`. */
export async function ownMessages(who: AsCustomer, limit = ACCOUNT_THREAD_LIMIT): Promise<Message[]> {
  const found = await who.payload.find({
    collection: 'messages',
    ...asCustomer(who),
    depth: 0,
    sort: '-createdAt',
    ...(limit > 0 ? { limit } : { limit: 0, pagination: false }),
  })
  return found.docs
}

/**
 * A new manage link for one of the customer's active bookings, replacing the stored hash (links
 * sent before stop working). NotFound for a booking that is not theirs (the same as one that does
 * not exist); a Conflict for one that is over. The row is locked so a concurrent change is decided
 * after this one.
 */
export async function mintOwnManageLink(req: PayloadRequest, customerId: number, bookingId: number): Promise<string> {
  return inTransaction(req, async () => {
    const db = await transactionDb(req)
    const found = await db.execute<{ status: string; customer_id: number | null }>(sql`SELECT status, customer_id FROM bookings WHERE id = ${bookingId} FOR UPDATE`)
    const row = found.rows[0]
    if (!row || row.customer_id !== customerId) throw new NotFoundError('You have no booking with that number.')
    if (!isBookingStatus(row.status)) throw new Error(`booking ${bookingId} has an unknown status`)
    assertManageLinkAllowed(row.status)
    const { token, hash } = mintManageToken()
    // Only the hash column: the booking's rules and history are not about who holds the link.
    await db.execute(sql`UPDATE bookings SET manage_token_hash = ${hash} WHERE id = ${bookingId}`)
    return manageUrl(siteOrigin(), token)
  })
}

/** A message as the account page shows it. */
export interface AccountMessage {
  id: number
  createdAt: string
  channel: Message['channel']
  direction: Message['direction']
  status: Message['status']
  subject: string | null
  body: string
  booking: number | null
}

/**
 * A reply from the account page: an inbound `web` message in their thread (staff see it in the
 * inbox as unread), about one of their bookings when `bookingId` is given (a 400 on `bookingId`
 * when it is not theirs).
 */
export async function postAccountMessage(req: PayloadRequest, customer: { id: number; email: string }, input: AccountMessageInput): Promise<AccountMessage> {
  return inTransaction(req, async () => {
    const bookingId = input.bookingId ?? null
    if (bookingId !== null) {
      const db = await transactionDb(req)
      const owned = await db.execute<{ id: number }>(sql`SELECT id FROM bookings WHERE id = ${bookingId} AND customer_id = ${customer.id}`)
      if (owned.rows.length === 0) throw ValidationError.single('bookingId', 'Choose one of your own bookings, or none')
    }
    const recorded = await recordInbound(req, { channel: 'web', owner: { customerId: customer.id }, bookingId, from: customer.email, body: input.body })
    const stored = await req.payload.findByID({ collection: 'messages', id: recorded.id, req, overrideAccess: false, depth: 0 })
    return { id: stored.id, createdAt: stored.createdAt, channel: stored.channel, direction: stored.direction, status: stored.status, subject: stored.subject ?? null, body: stored.body, booking: bookingId }
  })
}

export interface DeletionRequest {
  requestedAt: string
  /** When staff will have completed it at the latest. */
  dueBy: string
  /** false when it had been asked for before (the first date is kept). */
  first: boolean
}

/**
 * "Delete my account": records when it was asked (the first time only) and tells staff in the
 * customer's thread, as a message from the customer, so it shows unread in the inbox.
 */
export async function requestDeletion(req: PayloadRequest, customer: { id: number; email: string }): Promise<DeletionRequest> {
  return inTransaction(req, async () => {
    const db = await transactionDb(req)
    const current = await db.execute<{ at: Date | string | null }>(sql`SELECT deletion_requested_at AS at FROM customers WHERE id = ${customer.id} FOR UPDATE`)
    const row = current.rows[0]
    if (!row) throw new NotFoundError('Your account is gone.')
    if (row.at !== null) {
      const at = new Date(row.at)
      return { requestedAt: at.toISOString(), dueBy: deletionDueBy(at).toISOString(), first: false }
    }
    const updated = await db.execute<{ at: Date | string }>(sql`UPDATE customers SET deletion_requested_at = now(), updated_at = now() WHERE id = ${customer.id} RETURNING deletion_requested_at AS at`)
    const at = new Date(updated.rows[0]?.at ?? Date.now())
    await recordInbound(req, {
      channel: 'web',
      owner: { customerId: customer.id },
      from: customer.email,
      subject: 'Account deletion request',
      body: `Please delete my account and my personal data. (Sent from the account page: staff complete it within ${DELETION_COMPLETION_DAYS} days by anonymising the account in the admin.)`,
    })
    return { requestedAt: at.toISOString(), dueBy: deletionDueBy(at).toISOString(), first: true }
  })
}

/**
 * "Download my data": the account, their bookings, the payments of those bookings (amounts, dates,
 * kinds) and their messages (private links masked, no staff notes), shaped field by field by the
 * domain's whitelist (src/domain/account.ts).
 */
export async function exportAccount(req: PayloadRequest, customerId: number, now: Date): Promise<AccountExport> {
  const account = await req.payload.findByID({ collection: 'customers', id: customerId, req, overrideAccess: false, depth: 0 })
  const bookings = await ownBookings({ payload: req.payload, req })
  const bookingIds = bookings.map((b) => b.id)
  const paymentsOf: Where = bookingIds.length > 0 ? { or: [{ customer: { equals: customerId } }, { booking: { in: bookingIds } }] } : { customer: { equals: customerId } }
  // Payment records are staff-only through the API; the system reads the customer's own here,
  // and the whitelist keeps only amounts, dates and kinds (no Stripe ids, no staff notes).
  const payments = await req.payload.find({ collection: 'payments', where: paymentsOf, req, overrideAccess: true, depth: 0, sort: 'occurredAt', limit: 0, pagination: false })
  const messages = await ownMessages({ payload: req.payload, req }, 0)
  return accountExport(
    {
      account: account as unknown as Record<string, unknown>,
      bookings: bookings as unknown as Record<string, unknown>[],
      payments: payments.docs as unknown as Record<string, unknown>[],
      messages: [...messages].reverse() as unknown as Record<string, unknown>[],
    },
    now,
  )
}
