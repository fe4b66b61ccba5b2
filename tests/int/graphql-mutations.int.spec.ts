/**
 * GraphQL mutations are staff-only (src/access/graphqlMutations.ts): through the very handler the
 * Next route src/app/(payload)/api/graphql/route.ts exports, anonymous callers and signed-in
 * customers are refused every mutation — booking, sign-up, password reset, sign-in — before
 * anything runs (nothing written, no mail), while staff mutations and everyone's queries work.
 * The public writes through REST, where the rate limits and Idempotency-Key apply.
 */
import { randomBytes } from 'node:crypto'

import config from '@payload-config'
import { getPayload, type Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { GRAPHQL_MUTATIONS_REFUSED } from '../../src/access/graphqlMutations'
import { applySettings, bookingBody, dateAhead, PASSWORD } from '../helpers/bookings-fixtures'
import { graphqlClient } from '../helpers/graphql'

interface Answer {
  status: number
  data?: Record<string, unknown> | null
  errors?: { message: string }[]
}

const client = graphqlClient(config)
const run = randomBytes(4).toString('hex')
let payload: Payload
let staffToken = ''
let staffId: number | string = 0
let customerToken = ''
const customerEmail = `gql-customer-${run}@example.com`

async function graphql(query: string, token?: string): Promise<Answer> {
  return client(query, token ? { headers: { Authorization: `JWT ${token}` } } : {})
}

function expectRefused(answer: Answer): void {
  expect(answer.errors?.map((e) => e.message)).toEqual([GRAPHQL_MUTATIONS_REFUSED])
  expect(answer.data ?? null).toBeNull()
}

async function customersWithEmail(email: string): Promise<number> {
  return (await payload.count({ collection: 'customers', where: { email: { equals: email } }, overrideAccess: true })).totalDocs
}

async function bookingsWithEmail(email: string): Promise<number> {
  return (await payload.count({ collection: 'bookings', where: { 'contact.email': { equals: email } }, overrideAccess: true })).totalDocs
}

function bookingMutation(email: string): string {
  const b = bookingBody(dateAhead(230), email)
  return `mutation {
    createBooking(data: {
      eventDate: "${b.eventDate}", startTime: "${b.startTime}", status: pending,
      guests: { adults: ${b.guests.adults}, children: 0 },
      address: { street: "${b.address.street}", city: "${b.address.city}", state: "${b.address.state}", zip: "${b.address.zip}" },
      contact: { name: "${b.contact.name}", email: "${email}", phone: "${b.contact.phone}" }
    }) { id }
  }`
}

beforeAll(async () => {
  payload = await getPayload({ config })
  await applySettings(payload, { chefCount: 10 })
  const staffEmail = `gql-staff-${run}@example.com`
  const staff = await payload.create({ collection: 'users', data: { email: staffEmail, password: PASSWORD, name: 'GraphQL Staff', role: 'admin' }, overrideAccess: true })
  staffId = staff.id
  staffToken = (await payload.login({ collection: 'users', data: { email: staffEmail, password: PASSWORD } })).token ?? ''
  // A customer who proved their email (verification may be on for customers), created by the system.
  await payload.create({
    collection: 'customers',
    // `_verified` is Payload's field when customers verify their email; harmless when they do not.
    data: { email: customerEmail, password: PASSWORD, name: 'GraphQL Customer', _verified: true } as { email: string; password: string; name: string },
    overrideAccess: true,
    disableVerificationEmail: true,
  })
  customerToken = (await payload.login({ collection: 'customers', data: { email: customerEmail, password: PASSWORD } })).token ?? ''
  expect(staffToken).not.toBe('')
  expect(customerToken).not.toBe('')
})

describe('GraphQL mutations from the public', () => {
  it('refuses createBooking to anonymous callers and to a signed-in customer, and books nothing', async () => {
    const email = `gql-booking-${run}@example.com`
    expectRefused(await graphql(bookingMutation(email)))
    expectRefused(await graphql(bookingMutation(email), customerToken))
    expect(await bookingsWithEmail(email)).toBe(0)
  })

  it('refuses sign-up (createCustomer) and creates no account', async () => {
    const email = `gql-signup-${run}@example.com`
    expectRefused(await graphql(`mutation { createCustomer(data: { email: "${email}", password: "${PASSWORD}", name: "Sneaky" }) { id } }`))
    expect(await customersWithEmail(email)).toBe(0)
  })

  it('refuses forgotPasswordCustomer and starts no reset', async () => {
    expectRefused(await graphql(`mutation { forgotPasswordCustomer(email: "${customerEmail}") }`))
    const found = await payload.find({ collection: 'customers', where: { email: { equals: customerEmail } }, overrideAccess: true, showHiddenFields: true })
    expect((found.docs[0] as { resetPasswordToken?: string | null } | undefined)?.resetPasswordToken ?? null).toBeNull()
  })

  it('refuses loginCustomer even with the right password, and hands out no token', async () => {
    const answer = await graphql(`mutation { loginCustomer(email: "${customerEmail}", password: "${PASSWORD}") { token } }`)
    expectRefused(answer)
    expect(JSON.stringify(answer)).not.toContain('"token"')
  })

  it('refuses a customer editing their own account over GraphQL too (REST is the way)', async () => {
    expectRefused(await graphql(`mutation { refreshTokenCustomer { refreshedToken } }`, customerToken))
  })

  it('refuses a batch of aliased mutations hidden beside a query', async () => {
    const email = `gql-batch-${run}@example.com`
    const answer = await graphql(`
      query Menu { MenuItems(limit: 1) { totalDocs } }
      mutation Many {
        a: forgotPasswordCustomer(email: "${customerEmail}")
        b: createCustomer(data: { email: "${email}", password: "${PASSWORD}", name: "Batch" }) { id }
      }`)
    expect(answer.errors?.map((e) => e.message)).toContain(GRAPHQL_MUTATIONS_REFUSED)
    expect(await customersWithEmail(email)).toBe(0)
  })
})

describe('GraphQL for staff and for reads', () => {
  it("still runs a staff user's mutation", async () => {
    const name = `Renamed ${run}`
    const answer = await graphql(`mutation { updateUser(id: ${String(staffId)}, data: { name: "${name}" }) { name } }`, staffToken)
    expect(answer.errors).toBeUndefined()
    expect(answer.data).toEqual({ updateUser: { name } })
    expect((await payload.findByID({ collection: 'users', id: staffId, overrideAccess: true })).name).toBe(name)
  })

  it('still answers queries for anonymous callers and customers, under the access rules', async () => {
    const menu = await graphql('{ MenuItems(limit: 1) { totalDocs } }')
    expect(menu.errors).toBeUndefined()
    expect(menu.data).toHaveProperty('MenuItems.totalDocs')
    const own = await graphql('{ Customers { docs { email } } }', customerToken)
    expect(own.errors).toBeUndefined()
    expect(own.data).toEqual({ Customers: { docs: [{ email: customerEmail }] } })
  })
})
