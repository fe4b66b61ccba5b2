/**
 * The booking emails end to end: real Postgres, Payload's REST handler and jobs queue, Stripe faked
 * at its network boundary, and a real SMTP server (a local smtp-server sink, reached through a TCP
 * proxy a test cuts) whose mail is parsed with mailparser. A booking's change queues its email in
 * the booking's own transaction; the `sendMessage` job sends it (this file runs only its own jobs).
 * Covers: "received" with a manage link that works; staff confirming → "confirmed" with a valid
 * .ics and the reminder and thank-you scheduled; a reschedule moves them; a cancel with the
 * card refund drops them; a scheduled email run twice sends once; a rolled-back booking sends
 * nothing; a dead mail server never fails a booking; edited templates change the next mail and
 * unknown placeholders are refused with a 400 naming the field; the admin preview.
 * Books only on dateAhead(200..209), (332..341), (358..364).
 */
import { createLocalReq, initTransaction, killTransaction } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runScheduledBookingEmail } from '../../src/collections/Messages/bookingEmails'
import { sendQueuedMessage } from '../../src/collections/Messages/delivery'
import { bookingEmailKey } from '../../src/domain'
import { siteOrigin } from '../../src/server/env'
import { formatCents } from '../../src/site/format'
import { bookingMessages, makeDue, scheduledEmails, sendBookingEmails } from '../helpers/booking-mail'
import { applySettings, bookingBody, dateAhead, errorPaths, runTag, type DocResponse } from '../helpers/bookings-fixtures'
import { pendingJobIds, runJobsOf } from '../helpers/jobs'
import { bookAndPayDeposit, signInActors, type Actors } from '../helpers/paid-booking'
import { startSmtpSink, type SinkMessage, type SmtpSink } from '../helpers/smtp-sink'
import { startStripeApp, type StripeApp } from '../helpers/stripe-app'
import { proxyUrl, type TcpProxy } from '../helpers/tcp-proxy'

const HOUR_MS = 3_600_000

let app: StripeApp
let sink: SmtpSink
/** The app reaches the mail server through this proxy, which a test cuts ("SMTP down"). */
let smtpProxy: TcpProxy
let actors: Actors

beforeAll(async () => {
  sink = await startSmtpSink()
  const proxied = await proxyUrl(sink.url, 25)
  smtpProxy = proxied.proxy
  // Set before the config is first imported (startStripeApp imports it): env() is read once.
  process.env.SMTP_URL = proxied.url
  app = await startStripeApp()
  await applySettings(app.payload, { chefCount: 50 })
  actors = await signInActors(app)
})

afterAll(async () => {
  // Writes purge the availability cache 750 ms after their commit: let the last one run first.
  await new Promise((resolve) => setTimeout(resolve, 1000))
  await app.stop()
  await smtpProxy.close()
  await sink.close()
})

const email = (what: string) => `mail-${what}-${runTag()}@example.com`
const stored = (id: number) => app.payload.findByID({ collection: 'bookings', id, overrideAccess: true, depth: 0 })

async function book(days: number, to: string, headers: Record<string, string> = {}, extra: Record<string, unknown> = {}): Promise<{ id: number; token: string }> {
  const res = await app.rest<DocResponse>('POST', '/bookings', { body: { ...bookingBody(dateAhead(days), to, { startTime: '18:00' }), ...extra }, headers })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return { id: res.body.doc.id, token: String(res.body.doc.manageToken) }
}

/** Sends the booking's queued `event` email and returns it as the sink received it. */
async function mailOf(bookingId: number, to: string, event: Parameters<typeof bookingMessages>[2]): Promise<SinkMessage> {
  const ids = await sendBookingEmails(app.payload, bookingId, event)
  expect(ids, `one ${String(event)} message for booking ${bookingId}`).toHaveLength(1)
  return sink.nextMessageTo(to)
}

/** The .ics part of a mail, unfolded (RFC 5545 continuation lines joined). */
function calendarOf(mail: SinkMessage): string {
  const part = mail.parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'))
  if (!part) throw new Error('the mail has no text/calendar part')
  return part.content.toString('utf8').replace(/\r\n[ \t]/g, '')
}

const icsInstant = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')

describe('the "received" email', () => {
  it('is queued with the booking and, once sent, has the subject, the amounts and a manage link that works', async () => {
    const to = email('received')
    const b = await book(200, to)
    const [message] = await bookingMessages(app.payload, b.id, 'received')
    expect(message?.status).toBe('queued')
    expect(message?.key).toBe(bookingEmailKey(b.id, 'received'))
    expect(message?.to).toBe(to)
    // The stored message never holds the private link: only its marker, the URL sealed beside it.
    expect(message?.body).toContain('[[link:manage]]')
    expect(JSON.stringify(message)).not.toContain(b.token)
    const booking = await stored(b.id)
    expect(message?.customer).toBe(booking.customer)

    const mail = await mailOf(b.id, to, 'received')
    expect(mail.to).toEqual([to])
    expect(mail.subject).toMatch(/^We received your hibachi booking for \w+day, /)
    const total = formatCents(Number(booking.pricing?.totalCents), 'usd')
    const deposit = formatCents(Number(booking.pricing?.depositCents), 'usd')
    expect(mail.text).toContain(total)
    expect(mail.text).toContain(deposit)
    expect(mail.html).toContain(total)
    const link = `${siteOrigin()}/booking/${b.token}`
    expect(mail.text).toContain(link)
    expect(mail.html).toContain(`href="${link}"`)
    expect(mail.parsed.attachments.some((a) => a.contentType.startsWith('text/calendar'))).toBe(false)

    const token = new RegExp(`${siteOrigin()}/booking/([A-Za-z0-9_-]+)`).exec(mail.text)?.[1]
    const manage = await app.rest<{ booking: { id: number; status: string } }>('GET', `/bookings/manage/${String(token)}`)
    expect(manage.status).toBe(200)
    expect(manage.body.booking).toMatchObject({ id: b.id, status: 'pending' })
  })

  it('is not sent for a booking whose transaction rolled back', async () => {
    const req = await createLocalReq({}, app.payload)
    await initTransaction(req)
    const doc = await app.payload.create({ collection: 'bookings', data: bookingBody(dateAhead(201), email('rollback'), { startTime: '18:00' }) as never, req, overrideAccess: true })
    expect((await app.payload.find({ collection: 'messages', where: { key: { equals: bookingEmailKey(doc.id, 'received') } }, req, overrideAccess: true })).docs).toHaveLength(1)
    await killTransaction(req)
    expect((await app.payload.find({ collection: 'messages', where: { key: { equals: bookingEmailKey(doc.id, 'received') } }, overrideAccess: true })).docs).toHaveLength(0)
    expect(await pendingJobIds(app.payload, { bookingIds: [doc.id] })).toEqual([])
  })

  it('a dead mail server neither slows nor fails the booking; the email goes once it is back', async () => {
    const to = email('smtp-down')
    smtpProxy.cut()
    let b: { id: number; token: string }
    try {
      b = await book(202, to)
    } finally {
      smtpProxy.restore()
    }
    expect((await stored(b.id)).status).toBe('pending')
    const [message] = await bookingMessages(app.payload, b.id, 'received')
    expect(message?.status).toBe('queued')
    const mail = await mailOf(b.id, to, 'received')
    expect(mail.subject).toMatch(/We received your hibachi booking/)
  })
})

describe('confirming, moving and cancelling', () => {
  it('staff confirm → "confirmed" with a valid .ics at the start, and the reminder and thank-you scheduled', async () => {
    const to = email('confirm')
    const b = await book(203, to)
    const res = await app.rest('PATCH', `/bookings/${b.id}`, { body: { status: 'confirmed' }, headers: actors.headers.manager })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const booking = await stored(b.id)
    expect(booking.status).toBe('confirmed')

    const mail = await mailOf(b.id, to, 'confirmed')
    expect(mail.subject).toMatch(/^Your hibachi party on .* is confirmed$/)
    const ics = calendarOf(mail)
    expect(ics).toContain('BEGIN:VCALENDAR')
    expect(ics).toContain('BEGIN:VEVENT')
    expect(ics).toContain(`DTSTART:${icsInstant(String(booking.startsAt))}`)
    expect(ics).toContain('STATUS:CONFIRMED')
    // No manage token is known after the create: the confirmed email sends the customer to their account.
    expect(mail.text).toContain(`${siteOrigin()}/account`)

    const scheduled = await scheduledEmails(app.payload, b.id)
    expect(scheduled.map((s) => s.event).sort()).toEqual(['reminder', 'thank_you'])
    const reminder = scheduled.find((s) => s.event === 'reminder')
    expect(reminder?.waitUntil?.getTime()).toBe(new Date(String(booking.startsAt)).getTime() - 48 * HOUR_MS)
    expect(reminder?.startsAt).toBe(new Date(String(booking.startsAt)).toISOString())
    const thanks = scheduled.find((s) => s.event === 'thank_you')
    expect(thanks?.waitUntil?.getTime()).toBeGreaterThan(new Date(String(booking.endsAt)).getTime())

    // Saving the booking again (a note) sends nothing more and keeps one reminder.
    const note = await app.rest('PATCH', `/bookings/${b.id}`, { body: { specialRequests: 'Nut allergy at table 2' }, headers: actors.headers.manager })
    expect(note.status, JSON.stringify(note.body)).toBe(200)
    expect(await bookingMessages(app.payload, b.id, 'confirmed')).toHaveLength(1)
    expect((await scheduledEmails(app.payload, b.id)).map((s) => s.jobId).sort()).toEqual(scheduled.map((s) => s.jobId).sort())
  })

  it('a reschedule sends "rescheduled" with the new date and an updated invite, and moves the reminder', async () => {
    const to = email('move')
    const b = await book(204, to)
    expect((await app.rest('PATCH', `/bookings/${b.id}`, { body: { status: 'confirmed' }, headers: actors.headers.manager })).status).toBe(200)
    const before = await scheduledEmails(app.payload, b.id)
    expect(before.map((s) => s.event).sort()).toEqual(['reminder', 'thank_you'])

    const moved = await app.rest('POST', `/bookings/manage/${b.token}/reschedule`, { body: { eventDate: dateAhead(205), startTime: '17:00' } })
    expect(moved.status, JSON.stringify(moved.body)).toBe(200)
    const booking = await stored(b.id)
    expect(booking.eventDate).toBe(dateAhead(205))

    const mail = await mailOf(b.id, to, 'rescheduled')
    expect(mail.subject).toMatch(/^Your hibachi party has moved to /)
    expect(mail.text).toContain('5 pm')
    expect(mail.text).toContain('6 pm')
    expect(calendarOf(mail)).toContain(`DTSTART:${icsInstant(String(booking.startsAt))}`)
    const [message] = await bookingMessages(app.payload, b.id, 'rescheduled')
    expect(message?.key).toBe(bookingEmailKey(b.id, 'rescheduled', new Date(String(booking.startsAt)).toISOString()))

    const after = await scheduledEmails(app.payload, b.id)
    expect(after.map((s) => s.event).sort()).toEqual(['reminder', 'thank_you'])
    expect(after.some((s) => before.some((o) => o.jobId === s.jobId))).toBe(false)
    const reminder = after.find((s) => s.event === 'reminder')
    expect(reminder?.waitUntil?.getTime()).toBe(new Date(String(booking.startsAt)).getTime() - 48 * HOUR_MS)
    expect(reminder?.startsAt).toBe(new Date(String(booking.startsAt)).toISOString())
  })

  it('paying the deposit confirms; cancelling sends "cancelled" with the card refund, and the reminder job is gone', async () => {
    const to = email('cancel')
    const paid = await bookAndPayDeposit(app, 206, to)
    // The deposit webhook confirmed the booking: its confirmation is queued and the reminder scheduled.
    expect(await bookingMessages(app.payload, paid.id, 'confirmed')).toHaveLength(1)
    expect((await scheduledEmails(app.payload, paid.id)).map((s) => s.event).sort()).toEqual(['reminder', 'thank_you'])

    const cancelled = await app.rest<{ refund: { refundCents: number } }>('POST', `/bookings/manage/${paid.token}/cancel`, { body: { reason: 'Change of plans' } })
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200)
    const booking = await stored(paid.id)
    expect(booking.status).toBe('cancelled')
    // Far enough ahead for a full refund of the deposit, to the card.
    expect(cancelled.body.refund.refundCents).toBe(paid.depositCents)
    expect(booking.payment?.refundedCents).toBe(paid.depositCents)

    expect(await scheduledEmails(app.payload, paid.id)).toEqual([])
    expect(await pendingJobIds(app.payload, { bookingIds: [paid.id] })).toEqual([])

    const mail = await mailOf(paid.id, to, 'cancelled')
    expect(mail.subject).toMatch(/is cancelled$/)
    expect(mail.text).toContain(`Refund under our cancellation policy: ${formatCents(paid.depositCents, 'usd')}`)
    expect(mail.html).toContain(formatCents(paid.depositCents, 'usd'))
  })

  it('a booking staff make confirmed gets "confirmed" with its private manage link and invite', async () => {
    const to = email('staff-made')
    const b = await book(207, to, actors.headers.manager, { status: 'confirmed', source: 'phone' })
    expect((await stored(b.id)).status).toBe('confirmed')
    expect(await bookingMessages(app.payload, b.id, 'received')).toHaveLength(0)
    const mail = await mailOf(b.id, to, 'confirmed')
    expect(mail.text).toContain(`${siteOrigin()}/booking/${b.token}`)
    expect(calendarOf(mail)).toContain('BEGIN:VCALENDAR')
    expect((await scheduledEmails(app.payload, b.id)).map((s) => s.event).sort()).toEqual(['reminder', 'thank_you'])
  })
})

describe('scheduled emails', () => {
  it('a reminder run twice (a retry, a second runner) is queued once and sent once', async () => {
    const to = email('twice')
    const b = await book(208, to)
    expect((await app.rest('PATCH', `/bookings/${b.id}`, { body: { status: 'confirmed' }, headers: actors.headers.manager })).status).toBe(200)
    await sendBookingEmails(app.payload, b.id, 'confirmed')
    await sink.nextMessageTo(to)
    const reminder = (await scheduledEmails(app.payload, b.id)).find((s) => s.event === 'reminder')
    if (!reminder) throw new Error('no reminder was scheduled')

    // Due now: the real queue runs it (and only it); then the same job's handler runs again.
    await makeDue(app.payload, b.id, 'reminder')
    expect(await runJobsOf(app.payload, { bookingIds: [b.id] })).toBe(1)
    const input = { bookingId: b.id, event: 'reminder' as const, startsAt: reminder.startsAt }
    const again = await runScheduledBookingEmail(await createLocalReq({}, app.payload), input)
    expect(again).toMatch(/^already queued/)
    const messages = await bookingMessages(app.payload, b.id, 'reminder')
    expect(messages).toHaveLength(1)

    const mail = await mailOf(b.id, to, 'reminder')
    expect(mail.subject).toMatch(/^Reminder: your hibachi party is on /)
    const id = messages[0]?.id ?? 0
    expect(await sendQueuedMessage(app.payload, await createLocalReq({}, app.payload), id)).toBe('skipped')
    await new Promise((r) => setTimeout(r, 200))
    expect(sink.received.filter((m) => m.to.includes(to) && m.subject.startsWith('Reminder'))).toHaveLength(1)
  })

  it('a reminder whose booking moved or was cancelled sends nothing', async () => {
    const b = await book(209, email('stale'))
    expect((await app.rest('PATCH', `/bookings/${b.id}`, { body: { status: 'confirmed' }, headers: actors.headers.manager })).status).toBe(200)
    const booking = await stored(b.id)
    const req = await createLocalReq({}, app.payload)
    const stale = await runScheduledBookingEmail(req, { bookingId: b.id, event: 'reminder', startsAt: new Date(new Date(String(booking.startsAt)).getTime() - HOUR_MS).toISOString() })
    expect(stale).toMatch(/^skipped/)
    expect((await app.rest('PATCH', `/bookings/${b.id}`, { body: { status: 'cancelled' }, headers: actors.headers.manager })).status).toBe(200)
    const cancelled = await runScheduledBookingEmail(req, { bookingId: b.id, event: 'thank_you', startsAt: String(booking.startsAt) })
    expect(cancelled).toMatch(/^skipped/)
    expect(await bookingMessages(app.payload, b.id, 'reminder')).toEqual([])
    expect(await bookingMessages(app.payload, b.id, 'thank_you')).toEqual([])
  })
})

describe('templates staff edit', () => {
  const rich = (text: string) => ({
    root: {
      type: 'root',
      direction: 'ltr',
      format: '',
      indent: 0,
      version: 1,
      children: [{ type: 'paragraph', direction: 'ltr', format: '', indent: 0, version: 1, textFormat: 0, textStyle: '', children: [{ type: 'text', text, format: 0, detail: 0, mode: 'normal', style: '', version: 1 }] }],
    },
  })

  it('an edited thank-you template changes the next thank-you email; unknown placeholders are refused naming the field', async () => {
    const existing = await app.payload.find({ collection: 'email-templates', where: { event: { equals: 'thank_you' } }, overrideAccess: true })
    expect(existing.docs).toEqual([])
    const created = await app.rest<{ doc: { id: number } }>('POST', '/email-templates', {
      body: { event: 'thank_you', subject: 'Arigato, {{firstName}}!', body: rich('It was a pleasure cooking for {{guests}} on {{eventDate}}. — {{businessName}}') },
      headers: actors.headers.manager,
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const templateId = created.body.doc.id
    try {
      const badBody = await app.rest('PATCH', `/email-templates/${templateId}`, { body: { body: rich('Hi {{custmerName}}') }, headers: actors.headers.manager })
      expect(badBody.status).toBe(400)
      expect(errorPaths(badBody)).toEqual(['body'])
      expect(JSON.stringify(badBody.body)).toContain('{{custmerName}}')
      const badSubject = await app.rest('PATCH', `/email-templates/${templateId}`, { body: { subject: 'Pay {{balanceLink}}' }, headers: actors.headers.manager })
      expect(badSubject.status).toBe(400)
      expect(new Set(errorPaths(badSubject))).toEqual(new Set(['subject']))
      expect(JSON.stringify(badSubject.body)).toMatch(/only in the balance_due email/)
      const chef = await app.rest('PATCH', `/email-templates/${templateId}`, { body: { subject: 'Chef edit' }, headers: actors.headers.chef })
      expect(chef.status).toBe(403)
      expect((await app.payload.findByID({ collection: 'email-templates', id: templateId, overrideAccess: true })).subject).toBe('Arigato, {{firstName}}!')

      const to = email('thanks')
      const b = await book(332, to, {}, { contact: { name: 'Kiko Tanaka', email: to, phone: '212-555-0100' } })
      expect((await app.rest('PATCH', `/bookings/${b.id}`, { body: { status: 'confirmed' }, headers: actors.headers.manager })).status).toBe(200)
      await makeDue(app.payload, b.id, 'thank_you')
      // Only the thank-you is due: the reminder waits for its time.
      expect(await runJobsOf(app.payload, { bookingIds: [b.id] })).toBe(1)
      expect((await scheduledEmails(app.payload, b.id)).map((s) => s.event)).toEqual(['reminder'])
      const mail = await mailOf(b.id, to, 'thank_you')
      expect(mail.subject).toBe('Arigato, Kiko!')
      expect(mail.text).toContain('It was a pleasure cooking for 2 guests (2 adults) on ')
      expect(mail.html).toContain('Arigato, Kiko!')

      const renamed = await app.rest('PATCH', `/email-templates/${templateId}`, { body: { subject: 'Thanks again, {{ customerName }}' }, headers: actors.headers.manager })
      expect(renamed.status, JSON.stringify(renamed.body)).toBe(200)
    } finally {
      await app.payload.delete({ collection: 'email-templates', id: templateId, overrideAccess: true })
    }
  })

  it('previews a draft for managers with the values escaped; refuses others and unknown placeholders', async () => {
    const draft = { event: 'received', subject: 'Hello {{firstName}}', body: rich('Dear {{customerName}}, manage it here: {{manageLink}}') }
    const ok = await app.rest<{ subject: string; html: string; text: string }>('POST', '/email-templates/preview', { body: draft, headers: actors.headers.manager })
    expect(ok.status, JSON.stringify(ok.body)).toBe(200)
    expect(ok.body.subject).toBe('Hello Jordan')
    expect(ok.body.text).toContain('Dear Jordan Lee, manage it here: ')
    expect(ok.body.html).toMatch(/<a href="http[^"]+\/booking\/sample-manage-link"/)
    const empty = await app.rest<{ subject: string; usingDefault: { subject: boolean; body: boolean } }>('POST', '/email-templates/preview', { body: { event: 'cancelled' }, headers: actors.headers.admin })
    expect(empty.status).toBe(200)
    expect(empty.body.usingDefault).toEqual({ subject: true, body: true })
    expect(empty.body.subject).toMatch(/is cancelled$/)

    const unknown = await app.rest('POST', '/email-templates/preview', { body: { ...draft, body: rich('{{nope}}') }, headers: actors.headers.manager })
    expect(unknown.status).toBe(400)
    expect(errorPaths(unknown)).toEqual(['body'])
    for (const [who, status] of [
      ['chef', 403],
      ['editor', 403],
      ['customer', 403],
      ['anonymous', 401],
    ] as const) {
      const res = await app.rest('POST', '/email-templates/preview', { body: draft, headers: actors.headers[who] })
      expect(res.status, who).toBe(status)
    }
  })
})
