/**
 * The staff inbox in Chromium, against the production build, with mail going to a real SMTP sink
 * (tests/helpers/smtp-sink-server.ts, started by playwright.config.ts) and sent by the app's own
 * job runner: a customer books (which makes their thread), the owner opens the thread in
 * /admin/inbox, replies by email; the thread shows the reply `queued`, then `sent`, and the sink
 * has it with the subject and the words typed. The view also answers axe at 1280 px and works at
 * 768 px, and a chef is told it is not for them.
 * Books on dateAhead(31..35).
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type APIRequestContext, type Page } from '@playwright/test'

import { addDaysToDate, DEFAULT_SETTINGS, todayInZone } from '../../src/domain'
import { OWNER, staffToken } from './support'

const run = Date.now().toString(36)
const sinkUrl = process.env.E2E_SMTP_SINK_URL

interface SinkMessage {
  to: string[]
  subject: string
  text: string
  messageId: string
}

const dateAhead = (days: number) => addDaysToDate(todayInZone(new Date(), DEFAULT_SETTINGS.timezone), days)

/** What the sink received for `address`, polled until `match` finds one (the job runner sends after the commit). */
async function mailTo(request: APIRequestContext, address: string, match: (m: SinkMessage) => boolean, timeoutMs = 60_000): Promise<SinkMessage> {
  let found: SinkMessage | undefined
  await expect
    .poll(
      async () => {
        const res = await request.get(`${sinkUrl}/messages?to=${encodeURIComponent(address)}`)
        const all = (await res.json()) as SinkMessage[]
        found = all.find(match)
        return Boolean(found)
      },
      { timeout: timeoutMs, message: `an email to ${address} at the SMTP sink` },
    )
    .toBe(true)
  if (!found) throw new Error('unreachable')
  return found
}

/** Books a party on the first free slot 31–35 days ahead; returns the booking id. */
async function book(request: APIRequestContext, email: string, name: string): Promise<number> {
  const from = dateAhead(31)
  const to = dateAhead(35)
  const res = await request.get(`/api/availability?from=${from}&to=${to}&guests=4`)
  expect(res.status()).toBe(200)
  const days = ((await res.json()) as { days: { date: string; slots: { time: string; available: boolean }[] }[] }).days
  for (const day of days) {
    for (const slot of day.slots.filter((s) => s.available)) {
      const created = await request.post('/api/bookings', {
        data: {
          eventDate: day.date,
          startTime: slot.time,
          guests: { adults: 4, children: 0 },
          address: { street: '1 Inbox Lane', city: 'New York', state: 'NY', zip: '10001' },
          contact: { name, email, phone: '(212) 555-0123' },
        },
      })
      if (created.status() === 201) return ((await created.json()) as { doc: { id: number } }).doc.id
    }
  }
  throw new Error(`no free slot between ${from} and ${to}`)
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/admin/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: /login/i }).click()
  await expect(page).toHaveURL(/\/admin\/?$/, { timeout: 60_000 })
}

test('a booking’s "received" email reaches the SMTP sink within 5 s, sent by the app’s own job runner, with a working manage link', async ({ request }) => {
  test.skip(!sinkUrl, 'E2E_SMTP_SINK_URL is not set: the servers under test are not ours (E2E_BASE_URL), so their mail cannot be read')
  const email = `e2e.received.${run}@example.com`
  const bookingId = await book(request, email, `Received Rae ${run}`)
  const mail = await mailTo(request, email, (m) => m.subject.startsWith('We received your hibachi booking'), 5_000)
  const link = /\/booking\/([A-Za-z0-9_-]{20,100})/.exec(mail.text)
  expect(link, 'the manage link in the text part').not.toBeNull()
  const managed = await request.get(`/api/bookings/manage/${link?.[1] ?? ''}`)
  expect(managed.status()).toBe(200)
  expect(((await managed.json()) as { booking: { id: number } }).booking.id).toBe(bookingId)
})

test('a staff reply from the admin inbox reaches the SMTP sink, and the thread shows it sent', async ({ page, request }) => {
  test.setTimeout(240_000)
  test.skip(!sinkUrl, 'E2E_SMTP_SINK_URL is not set: the servers under test are not ours (E2E_BASE_URL), so their mail cannot be read')
  const token = await staffToken(request)
  const auth = { Authorization: `JWT ${token}` }
  const email = `e2e.inbox.${run}@example.com`
  const name = `Inbox Ivy ${run}`
  const bookingId = await book(request, email, name)

  // The booking's own email makes the customer's thread (and reaches the sink).
  let threadId = 0
  await expect
    .poll(
      async () => {
        const res = await request.get(`/api/threads?where[title][like]=${encodeURIComponent(email)}&depth=0`, { headers: auth })
        threadId = ((await res.json()) as { docs: { id: number }[] }).docs[0]?.id ?? 0
        return threadId
      },
      { timeout: 60_000, message: 'the customer’s thread' },
    )
    .toBeGreaterThan(0)

  await signIn(page, OWNER.email, OWNER.password)
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.goto('/admin/inbox')
  await expect(page.getByRole('heading', { level: 1, name: 'Inbox' })).toBeVisible({ timeout: 60_000 })
  // The nav has the way in.
  await expect(page.locator('#nav-inbox')).toHaveCount(1)
  const link = page.locator(`a[data-thread-id="${threadId}"]`)
  await expect(link).toContainText(name)
  await link.click()
  await expect(page).toHaveURL(new RegExp(`thread=${threadId}`))
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible()
  // The booking beside the conversation, linked to its admin page.
  await expect(page.getByRole('link', { name: `Open booking #${bookingId}` })).toHaveAttribute('href', `/admin/collections/bookings/${bookingId}`)

  // Payload fades its loading overlay out after a navigation: axe would measure the text through it.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity))
  const results = await new AxeBuilder({ page }).include('.inbox').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary ?? ''})`).join(', ')}`),
    'axe on the inbox',
  ).toEqual([])

  // Reply by email, with the keyboard where a person would use it.
  const words = `Hello Ivy, your chef will bring the grill. (${run})`
  const subject = `Your hibachi party ${run}`
  await page.getByRole('radio', { name: 'Email' }).check()
  await page.getByLabel('Subject').fill(subject)
  await page.getByLabel('Message').fill(words)
  await page.getByLabel('About booking').selectOption(String(bookingId))
  await page.getByRole('button', { name: 'Send email' }).click()

  const reply = page.locator('.inbox-msg', { hasText: words })
  await expect(reply).toBeVisible({ timeout: 30_000 })
  await expect(page.getByRole('status').filter({ hasText: 'Email queued' })).toBeVisible()
  // The page refreshes itself while the message is queued: `sent` once the job runner has sent it.
  await expect(reply.locator('.inbox-status')).toHaveText('sent', { timeout: 60_000 })
  await expect(reply).toContainText(subject)
  await expect(reply).toContainText(`About booking #${bookingId}`)

  const mail = await mailTo(request, email, (m) => m.subject === subject)
  expect(mail.text).toContain(words)
  expect(mail.to).toEqual([email])

  // Stored as the inbox says, once.
  const stored = await request.get(`/api/messages?where[thread][equals]=${threadId}&where[subject][equals]=${encodeURIComponent(subject)}&depth=0`, { headers: auth })
  const docs = ((await stored.json()) as { docs: { status: string; booking: number; to: string }[] }).docs
  expect(docs.map((d) => [d.status, d.booking, d.to])).toEqual([['sent', bookingId, email]])
  const everything = (await (await request.get(`${sinkUrl}/messages?to=${encodeURIComponent(email)}`)).json()) as SinkMessage[]
  expect(everything.filter((m) => m.subject === subject)).toHaveLength(1)
  await page.screenshot({ path: test.info().outputPath('inbox-1280.png'), fullPage: true })

  // At 768 px the open thread takes the width; "All threads" goes back to the list.
  await page.setViewportSize({ width: 768, height: 1000 })
  await expect(page.getByRole('link', { name: 'All threads' })).toBeVisible()
  await expect(page.getByLabel('Message')).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('inbox-768.png'), fullPage: true })
  await page.getByRole('link', { name: 'All threads' }).click()
  await expect(page.locator(`a[data-thread-id="${threadId}"]`)).toBeVisible()
})

test('a chef is not let into the inbox and sees no link to it', async ({ page, request }) => {
  const token = await staffToken(request)
  const chef = { email: `e2e.chef.${run}@myhibachi.test`, password: 'correct horse battery staple' }
  const created = await request.post('/api/users', { data: { ...chef, role: 'chef', name: 'Chef Inbox' }, headers: { Authorization: `JWT ${token}` } })
  expect(created.status(), await created.text()).toBe(201)
  await signIn(page, chef.email, chef.password)
  await page.goto('/admin/inbox')
  await expect(page.getByText('Not allowed: only managers and admins')).toBeVisible({ timeout: 60_000 })
  await expect(page.locator('#nav-inbox')).toHaveCount(0)
  await expect(page.locator('.inbox-thread-list')).toHaveCount(0)
})
