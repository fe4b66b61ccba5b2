/**
 * The booking's customer as a Stripe customer (cus_…): made once, stored on the customer
 * (`stripeCustomerId`) and reused, so the card saved with the deposit is the one the balance is
 * charged to. Created with the idempotency key `customer:<id>`: two bookings of one person paying
 * at once still make one Stripe customer. Sends Stripe only the name and email it needs for
 * receipts.
 */
import type { PayloadRequest } from 'payload'
import type Stripe from 'stripe'

import type { LockedBooking } from './ledger'

export async function stripeCustomerFor(req: PayloadRequest, stripe: Stripe, booking: LockedBooking): Promise<string | undefined> {
  if (booking.customerId === null) return undefined
  const customer = await req.payload.findByID({ collection: 'customers', id: booking.customerId, req, overrideAccess: true, depth: 0, disableErrors: true })
  if (!customer) return undefined
  if (customer.stripeCustomerId) return customer.stripeCustomerId
  const created = await stripe.customers.create(
    { email: customer.email, name: customer.name, metadata: { customerId: String(customer.id) } },
    { idempotencyKey: `customer:${customer.id}` },
  )
  await req.payload.update({ collection: 'customers', id: customer.id, data: { stripeCustomerId: created.id }, req, overrideAccess: true, depth: 0 })
  return created.id
}
