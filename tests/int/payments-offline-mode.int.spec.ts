/**
 * Online payment switched off (no STRIPE_* variables): the config is imported only after they are
 * removed (env() is parsed once per module graph, and each spec file has its own). The deposit and
 * the webhook endpoints answer 503 `payments_not_configured`, a web booking holds nothing (staff
 * confirm it and take the deposit) and the manage view offers no online payment.
 */
import { getPayload, handleEndpoints, type Payload, type SanitizedConfig } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { applySettings, bookingBody, conflictReason, createStaff, dateAhead, runTag, staffAuth, type DocResponse } from '../helpers/bookings-fixtures'
import { restClient } from '../helpers/rest'
import { signStripeEvent, TEST_WEBHOOK_SECRET } from '../helpers/stripe-webhook'

let config: Promise<SanitizedConfig>
let rest: ReturnType<typeof restClient>
let payload: Payload

interface ManageAnswer {
  booking: { status: string; payment: { online: boolean; holdExpiresAt: string | null }; canPayDeposit: boolean; canPayBalance: boolean }
}

beforeAll(async () => {
  delete process.env.STRIPE_SECRET_KEY
  delete process.env.STRIPE_WEBHOOK_SECRET
  delete process.env.STRIPE_API_BASE
  config = ((await import('../../payload.config')) as { default: Promise<SanitizedConfig> }).default
  rest = restClient(config)
  payload = await getPayload({ config })
  await applySettings(payload, { chefCount: 10 })
})

afterAll(async () => {
  // Writes purge the availability cache again 750 ms later (src/infra/cache.ts): let the last one
  // run before the file's teardown closes Redis.
  await new Promise((resolve) => setTimeout(resolve, 1000))
})

async function book(days: number): Promise<{ id: number; token: string }> {
  const res = await rest<DocResponse>('POST', '/bookings', { body: bookingBody(dateAhead(days), `offline-${runTag()}@example.com`) })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return { id: res.body.doc.id, token: String(res.body.doc.manageToken) }
}

describe('payments offline', () => {
  it('answers a deposit request with 503 payments_not_configured', async () => {
    const { id, token } = await book(107)
    const res = await rest('POST', `/bookings/manage/${token}/deposit`, { body: {} })
    expect(res.status).toBe(503)
    expect(conflictReason(res)).toBe('payments_not_configured')
    const after = await payload.findByID({ collection: 'bookings', id, overrideAccess: true, depth: 0 })
    expect(after.payment?.depositSessionId ?? null).toBeNull()
  })

  it('answers the webhook with 503, whatever it carries', async () => {
    const body = JSON.stringify({ id: `evt_${runTag()}`, object: 'event', type: 'checkout.session.completed', data: { object: { id: 'cs_test_x' } } })
    const request = new Request('http://localhost:3000/api/stripe/webhook', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signStripeEvent(body, TEST_WEBHOOK_SECRET) },
      body,
    })
    const res = await handleEndpoints({ config: await config, path: '/api/stripe/webhook', request })
    expect(res.status).toBe(503)
    const answer = (await res.json()) as { errors?: { data?: { reason?: string } }[] }
    expect(answer.errors?.[0]?.data?.reason).toBe('payments_not_configured')
  })

  it('holds nothing for a web booking: deposit unpaid, no hold end', async () => {
    const { id } = await book(108)
    const doc = await payload.findByID({ collection: 'bookings', id, overrideAccess: true, depth: 0 })
    expect(doc.source).toBe('web')
    expect(doc.status).toBe('pending')
    expect(doc.pricing?.depositCents).toBeGreaterThan(0)
    expect(doc.payment?.holdExpiresAt ?? null).toBeNull()
    expect(doc.paymentState).toBe('deposit_unpaid')
  })

  it('offers no online payment in the manage view', async () => {
    const { token } = await book(109)
    const res = await rest<ManageAnswer>('GET', `/bookings/manage/${token}`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.booking.status).toBe('pending')
    expect(res.body.booking.payment.online).toBe(false)
    expect(res.body.booking.payment.holdExpiresAt).toBeNull()
    expect(res.body.booking.canPayDeposit).toBe(false)
    expect(res.body.booking.canPayBalance).toBe(false)
  })

  it('tells staff, in their words, to take the payment by hand when they ask for a refund or a balance link', async () => {
    const { id } = await book(108)
    const email = `offline-manager-${runTag()}@example.com`
    await createStaff(payload, email, 'manager')
    const auth = await staffAuth(rest, email)
    const refund = await rest<{ errors: { name: string; message: string; data: { reason: string } }[] }>('POST', '/payments/refund', {
      body: { booking: id, amountCents: 100, reason: 'Goodwill gesture' },
      headers: auth,
    })
    const link = await rest<{ errors: { name: string; message: string; data: { reason: string } }[] }>('POST', `/bookings/${id}/balance-link`, { body: {}, headers: auth })
    for (const res of [refund, link]) {
      expect(res.status, JSON.stringify(res.body)).toBe(503)
      expect(res.body.errors[0]?.data.reason).toBe('payments_not_configured')
      expect(res.body.errors[0]?.message).toMatch(/record it under Payments/)
    }
  })
})
