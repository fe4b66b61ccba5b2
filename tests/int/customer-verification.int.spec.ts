/**
 * Customer accounts prove their email before they sign in, with real email: this file's Payload
 * sends through SMTP (SMTP_URL, set before the config is first imported — env() is parsed once
 * per module graph, and each spec file has its own) to a real SMTP server in the test
 * (tests/helpers/smtp-sink.ts). Every flow goes through Payload's REST handler, as a browser's.
 */
import { getPayload, type Payload, type SanitizedConfig } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { bookingRequest, uniqueEmail } from '../helpers/access-data'
import { applySettings, PASSWORD } from '../helpers/bookings-fixtures'
import { restClient, type RestResponse } from '../helpers/rest'
import { startSmtpSink, type SinkMessage, type SmtpSink } from '../helpers/smtp-sink'

let sink: SmtpSink
let rest: ReturnType<typeof restClient>
let payload: Payload

interface ErrorBody {
  errors?: { name?: string; message?: string }[]
}
interface LoginBody extends ErrorBody {
  token?: string
  user?: { id: number; email: string }
}
interface MeBody {
  user: { id: number; email: string } | null
}
interface DocBody extends ErrorBody {
  doc?: { id: number; email?: string }
}

const VERIFY_LINK = /https?:\/\/[^\s"<>]+\/account\/verify\/([a-f0-9]{40})/
const RESET_LINK = /https?:\/\/[^\s"<>]+\/account\/reset-password\/([a-f0-9]{40})/

const jwt = (token: string) => ({ headers: { Authorization: `JWT ${token}` } })
const show = (res: RestResponse<unknown>) => `${String(res.status)} ${JSON.stringify(res.body)}`

beforeAll(async () => {
  sink = await startSmtpSink()
  process.env.SMTP_URL = sink.url
  const { default: config } = (await import('../../payload.config')) as { default: Promise<SanitizedConfig> }
  rest = restClient(config)
  payload = await getPayload({ config })
  await applySettings(payload, { chefCount: 10, maxAdvanceDays: 365 })
})

afterAll(async () => {
  await sink.close()
})

/** The stored account, hidden fields included (the tokens). */
async function stored(email: string) {
  const found = await payload.find({ collection: 'customers', where: { email: { equals: email } }, overrideAccess: true, showHiddenFields: true, limit: 1 })
  const doc = found.docs[0]
  if (!doc) throw new Error(`no customer ${email}`)
  return doc
}

function linkToken(message: SinkMessage, pattern: RegExp): string {
  const match = pattern.exec(message.html)
  if (!match?.[1]) throw new Error(`no link matching ${String(pattern)} in the email "${message.subject}"`)
  return match[1]
}

function login(email: string, password = PASSWORD) {
  return rest<LoginBody>('POST', '/customers/login', { body: { email, password } })
}

async function signedIn(email: string): Promise<string> {
  const res = await login(email)
  expect(res.status, show(res)).toBe(200)
  if (!res.body.token) throw new Error('login answered without a token')
  return res.body.token
}

function expectUnverifiedRefusal(res: RestResponse<LoginBody>): void {
  expect(res.status, show(res)).toBe(403)
  expect(res.body.token).toBeUndefined()
  expect(res.body.errors?.[0]?.message ?? '').toMatch(/verify your email/i)
}

/** A customer who has proved their email, made directly (the system acting, as a test fixture). */
async function verifiedCustomer(name: string): Promise<{ id: number; email: string }> {
  const email = uniqueEmail(name)
  const doc = await payload.create({ collection: 'customers', data: { email, password: PASSWORD, name, _verified: true }, overrideAccess: true, disableVerificationEmail: true })
  return { id: doc.id, email }
}

async function staffToken(role: 'manager' | 'admin'): Promise<string> {
  const email = uniqueEmail(role)
  await payload.create({ collection: 'users', data: { email, password: PASSWORD, role, name: `${role} verification` }, overrideAccess: true })
  const res = await rest<LoginBody>('POST', '/users/login', { body: { email, password: PASSWORD } })
  expect(res.status, show(res)).toBe(200)
  if (!res.body.token) throw new Error('staff login answered without a token')
  return res.body.token
}

describe('sign-up', () => {
  it('emails a storefront confirmation link; sign-in is refused until the link is used, then works', async () => {
    const email = uniqueEmail('signup')
    const created = await rest<DocBody>('POST', '/customers', { body: { email, password: PASSWORD, name: 'Sam Signup' } })
    expect(created.status, show(created)).toBe(201)

    const mail = await sink.nextMessageTo(email)
    expect(mail.subject).toMatch(/confirm your email/i)
    expect(mail.html).toContain('Hello Sam,')
    expect(mail.html).not.toContain('/admin/')
    const token = linkToken(mail, VERIFY_LINK)
    expect((await stored(email))._verificationToken).toBe(token)

    expectUnverifiedRefusal(await login(email))

    const verified = await rest('POST', `/customers/verify/${token}`)
    expect(verified.status, show(verified)).toBe(200)
    const after = await stored(email)
    expect(after._verified).toBe(true)
    expect(after._verificationToken ?? null).toBeNull()

    const me = await rest<MeBody>('GET', '/customers/me', jwt(await signedIn(email)))
    expect(me.body.user?.email).toBe(email)

    // The link works once.
    expect((await rest('POST', `/customers/verify/${token}`)).status).toBe(403)
  })

  it('ignores _verified: true from an anonymous sign-up', async () => {
    const email = uniqueEmail('selfverify')
    const created = await rest<DocBody>('POST', '/customers', { body: { email, password: PASSWORD, name: 'Self Verified', _verified: true } })
    expect(created.status, show(created)).toBe(201)
    expect((await stored(email))._verified).toBe(false)
    expectUnverifiedRefusal(await login(email))
  })

  it('ignores _verified: true from a verified customer creating an account for another email', async () => {
    const author = await verifiedCustomer('Author')
    const victim = uniqueEmail('victim')
    const created = await rest<DocBody>('POST', '/customers', { ...jwt(await signedIn(author.email)), body: { email: victim, password: PASSWORD, name: 'Not Victim', _verified: true } })
    expect(created.status, show(created)).toBe(201)
    expect((await stored(victim))._verified).toBe(false)
    expectUnverifiedRefusal(await login(victim))
  })

  it('lets a manager create an account already verified (the field is closed to customers only)', async () => {
    const email = uniqueEmail('staffmade')
    const created = await rest<DocBody>('POST', '/customers', { ...jwt(await staffToken('manager')), body: { email, password: PASSWORD, name: 'Staff Made', _verified: true } })
    expect(created.status, show(created)).toBe(201)
    expect((await stored(email))._verified).toBe(true)
    expect((await login(email)).status).toBe(200)
  })

  it('does not let a customer clear their own verification flag either', async () => {
    const customer = await verifiedCustomer('Flag Keeper')
    const res = await rest<DocBody>('PATCH', `/customers/${String(customer.id)}`, { ...jwt(await signedIn(customer.email)), body: { _verified: false } })
    expect(res.status, show(res)).toBe(200)
    expect((await stored(customer.email))._verified).toBe(true)
  })
})

describe('an account made by a booking', () => {
  it('is unverified and has no password; forgot-password → email → reset-password verifies it and signs in', async () => {
    const email = uniqueEmail('booker')
    const booking = await rest<DocBody>('POST', '/bookings', { body: bookingRequest(email, 'Bea Booker') })
    expect(booking.status, show(booking)).toBe(201)
    const before = await stored(email)
    expect(before._verified).toBe(false)
    expect(before.hash ?? null).toBeNull()
    expect((await login(email)).status).toBe(401)

    const forgot = await rest('POST', '/customers/forgot-password', { body: { email } })
    expect(forgot.status, show(forgot)).toBe(200)
    const mail = await sink.nextMessageTo(email)
    expect(mail.subject).toMatch(/new password/i)
    expect(mail.html).toContain('Hello Bea,')
    const token = linkToken(mail, RESET_LINK)
    expect((await stored(email)).resetPasswordToken).toBe(token)

    const reset = await rest<LoginBody>('POST', '/customers/reset-password', { body: { token, password: PASSWORD } })
    expect(reset.status, show(reset)).toBe(200)
    const after = await stored(email)
    expect(after._verified).toBe(true)
    expect(after._verificationToken ?? null).toBeNull()
    // The token the reset answers with authenticates (Payload's JWT strategy demands _verified).
    expect((await rest<MeBody>('GET', '/customers/me', jwt(reset.body.token ?? ''))).body.user?.email).toBe(email)

    expect((await login(email)).status).toBe(200)
    expect((await rest('POST', '/customers/reset-password', { body: { token, password: 'another password 123' } })).status).toBe(403)
  })
})

describe('changing the email', () => {
  it('by the customer: the account is unverified at once and a confirmation goes to the new address', async () => {
    const customer = await verifiedCustomer('Mover')
    const token = await signedIn(customer.email)
    expect((await rest<MeBody>('GET', '/customers/me', jwt(token))).body.user?.id).toBe(customer.id)

    const newEmail = uniqueEmail('moved')
    const res = await rest<DocBody>('PATCH', `/customers/${String(customer.id)}`, { ...jwt(token), body: { email: newEmail } })
    expect(res.status, show(res)).toBe(200)
    const after = await stored(newEmail)
    expect(after.id).toBe(customer.id)
    expect(after._verified).toBe(false)

    // The session no longer authenticates, and signing in with the new address is refused.
    expect((await rest<MeBody>('GET', '/customers/me', jwt(token))).body.user).toBeNull()
    expect([401, 403, 404]).toContain((await rest('GET', `/customers/${String(customer.id)}`, jwt(token))).status)
    expectUnverifiedRefusal(await login(newEmail))

    const mail = await sink.nextMessageTo(newEmail)
    expect(mail.subject).toMatch(/confirm your email/i)
    expect(mail.html).toMatch(/was changed to this one/)
    const verifyToken = linkToken(mail, VERIFY_LINK)
    expect(after._verificationToken).toBe(verifyToken)
    expect(sink.received.some((m) => m.to.includes(customer.email))).toBe(false)

    expect((await rest('POST', `/customers/verify/${verifyToken}`)).status).toBe(200)
    expect((await login(newEmail)).status).toBe(200)
  })

  it('by the customer: a reset link sent to the old address stops working (it would verify the new one)', async () => {
    const customer = await verifiedCustomer('Switcher')
    expect((await rest('POST', '/customers/forgot-password', { body: { email: customer.email } })).status).toBe(200)
    const resetToken = linkToken(await sink.nextMessageTo(customer.email), RESET_LINK)

    const newEmail = uniqueEmail('switched')
    const res = await rest<DocBody>('PATCH', `/customers/${String(customer.id)}`, { ...jwt(await signedIn(customer.email)), body: { email: newEmail } })
    expect(res.status, show(res)).toBe(200)
    await sink.nextMessageTo(newEmail)

    const reset = await rest('POST', '/customers/reset-password', { body: { token: resetToken, password: 'attacker password 123' } })
    expect(reset.status, show(reset)).toBe(403)
    expect((await stored(newEmail))._verified).toBe(false)
    expectUnverifiedRefusal(await login(newEmail))
  })

  it('by a manager: the account stays verified and signs in with the new address', async () => {
    const customer = await verifiedCustomer('Staff Moved')
    const newEmail = uniqueEmail('staffmoved')
    const res = await rest<DocBody>('PATCH', `/customers/${String(customer.id)}`, { ...jwt(await staffToken('manager')), body: { email: newEmail } })
    expect(res.status, show(res)).toBe(200)
    expect((await stored(newEmail))._verified).toBe(true)
    expect((await login(newEmail)).status).toBe(200)
  })
})

// Last in the file: it stops the mail server.
describe('when the mail server is down', () => {
  interface UnavailableBody {
    errors?: { name?: string; message?: string; data?: { reason?: string } }[]
  }
  const expectMailUnavailable = (res: RestResponse<UnavailableBody>) => {
    expect(res.status, show(res)).toBe(503)
    expect(res.body.errors?.[0]).toMatchObject({ name: 'ServiceUnavailable', data: { reason: 'email_unavailable' } })
    expect(res.body.errors?.[0]?.message).toMatch(/could not send the email/i)
  }

  it('sign-up answers 503 email_unavailable within the SMTP bound and leaves no account behind (the link is not lost)', async () => {
    const existing = await verifiedCustomer('Forgot During Outage')
    await sink.close()
    const email = uniqueEmail('nomail')
    const started = Date.now()
    const res = await rest<UnavailableBody>('POST', '/customers', { body: { email, password: PASSWORD, name: 'No Mail' } })
    expectMailUnavailable(res)
    expect(Date.now() - started).toBeLessThan(15_000)
    const found = await payload.find({ collection: 'customers', where: { email: { equals: email } }, overrideAccess: true })
    expect(found.totalDocs).toBe(0)

    // A password link that cannot be sent: the same answer, and no reset token is left stored.
    expectMailUnavailable(await rest<UnavailableBody>('POST', '/customers/forgot-password', { body: { email: existing.email } }))
    expect((await stored(existing.email)).resetPasswordToken ?? null).toBeNull()
  })
})
