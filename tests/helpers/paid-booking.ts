/**
 * Fixtures for the payment integration tests (tests/int/payments-*.int.spec.ts) on top of
 * startStripeApp: a web booking whose deposit was paid the way a customer pays it (the manage
 * link's deposit endpoint, the fake's Checkout page, a signed `checkout.session.completed`
 * webhook), the people who call the endpoints (staff of every role, a signed-in customer), and
 * raw reads of the payment rows. They throw with a reason when a step does not go as expected, so
 * a test that depends on them fails at the step that broke.
 */
import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'

import type { Payment } from '../../src/payload-types'
import { bookingBody, createStaff, dateAhead, PASSWORD, runTag, staffAuth, type DocResponse } from './bookings-fixtures'
import type { StripeApp } from './stripe-app'

export interface PaidBooking {
  id: number
  token: string
  email: string
  depositCents: number
  totalCents: number
  /** The deposit's PaymentIntent at the fake. */
  paymentIntentId: string
  /** The deposit's payment row. */
  depositPaymentId: number
}

/** Books `days` ahead (web, held), pays the deposit through the fake's Checkout and the webhook. */
export async function bookAndPayDeposit(app: StripeApp, days: number, email = `pay-${runTag()}@example.com`): Promise<PaidBooking> {
  const created = await app.rest<DocResponse>('POST', '/bookings', { body: bookingBody(dateAhead(days), email) })
  if (created.status !== 201) throw new Error(`booking: HTTP ${created.status} ${JSON.stringify(created.body)}`)
  const id = created.body.doc.id
  const token = String(created.body.doc.manageToken)
  const pay = await app.rest<{ url: string }>('POST', `/bookings/manage/${token}/deposit`, { body: {} })
  if (pay.status !== 200) throw new Error(`deposit: HTTP ${pay.status} ${JSON.stringify(pay.body)}`)
  const session = app.fake.sessions().find((s) => s.url === pay.body.url)
  if (!session) throw new Error('the deposit URL is no session of the fake')
  const paid = app.fake.paySession(session.id)
  const delivered = await app.webhook(JSON.stringify(app.fake.event('checkout.session.completed', paid)))
  if (delivered.status !== 200) throw new Error(`webhook: HTTP ${delivered.status} ${JSON.stringify(delivered.body)}`)
  const booking = await app.payload.findByID({ collection: 'bookings', id, overrideAccess: true, depth: 0 })
  if (booking.status !== 'confirmed') throw new Error(`the paid booking is ${booking.status}, not confirmed`)
  const rows = await paymentRows(app, id)
  const deposit = rows.find((p) => p.kind === 'deposit' && p.status === 'succeeded')
  if (!deposit || !paid.payment_intent) throw new Error('no deposit payment was recorded')
  return {
    id,
    token,
    email,
    depositCents: Number(booking.pricing?.depositCents),
    totalCents: Number(booking.pricing?.totalCents),
    paymentIntentId: paid.payment_intent,
    depositPaymentId: deposit.id,
  }
}

/** The booking's payment rows, oldest first. */
export async function paymentRows(app: StripeApp, bookingId: number): Promise<Payment[]> {
  const found = await app.payload.find({ collection: 'payments', where: { booking: { equals: bookingId } }, sort: 'createdAt', overrideAccess: true, depth: 0, limit: 0, pagination: false })
  return found.docs
}

/** Every payment row (for "nothing was written"). */
export async function paymentCount(app: StripeApp): Promise<number> {
  return (await app.payload.count({ collection: 'payments', overrideAccess: true })).totalDocs
}

/** Runs raw SQL on the app's own connection (moving a booking in time, reading hidden columns). */
export async function rawSql<T extends Record<string, unknown>>(app: StripeApp, query: ReturnType<typeof sql>): Promise<T[]> {
  const db = (app.payload.db as unknown as PostgresAdapter).drizzle
  const result = await db.execute(query)
  return result.rows as T[]
}

export { sql }

export type Role = 'admin' | 'manager' | 'chef' | 'editor'

export interface Actors {
  ids: Record<Role | 'customer', number>
  /** Authorization headers; `anonymous` sends none. */
  headers: Record<Role | 'customer' | 'anonymous', Record<string, string>>
  customerEmail: string
}

/** A signed-in user of every staff role and a signed-in customer (verified account). */
export async function signInActors(app: StripeApp): Promise<Actors> {
  const tag = runTag()
  const ids = {} as Actors['ids']
  const headers = { anonymous: {} } as Actors['headers']
  for (const role of ['admin', 'manager', 'chef', 'editor'] as const) {
    const email = `${role}-${tag}@myhibachi.test`
    ids[role] = await createStaff(app.payload, email, role)
    headers[role] = await staffAuth(app.rest, email)
  }
  const customerEmail = `customer-${tag}@example.com`
  const customer = await app.payload.create({
    collection: 'customers',
    data: { email: customerEmail, password: PASSWORD, name: 'Pat Customer', _verified: true },
    overrideAccess: true,
    disableVerificationEmail: true,
  })
  ids.customer = customer.id
  const login = await app.rest<{ token?: string }>('POST', '/customers/login', { body: { email: customerEmail, password: PASSWORD } })
  if (login.status !== 200 || typeof login.body.token !== 'string') throw new Error(`customer login: HTTP ${login.status}`)
  headers.customer = { Authorization: `JWT ${login.body.token}` }
  return { ids, headers, customerEmail }
}
