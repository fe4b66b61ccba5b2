/**
 * The chef calendar (/admin/calendar) in Chromium against the production build: the owner signs
 * in once, drags chef Ana onto a booking in the day view (the booking shows in Ana's lane and the
 * database has the assignment), drags Ana onto an overlapping booking and reads the refusal in
 * words (the database unchanged), then assigns chef Ben by keyboard only (choose the booking,
 * pick the chef, Enter) and hears the result in the live region. axe finds no serious or
 * critical violation on the view; a chef is told the view is not for them. The chefs and bookings are made through REST as the owner.
 * Books on the first of dateAhead(93..99) with room for two overlapping parties.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type APIRequestContext } from '@playwright/test'

import { addDaysToDate, DEFAULT_SETTINGS, todayInZone } from '../../src/domain'
import { weekdayOf } from '../../src/domain/chefCalendar'
import { OWNER, staffToken } from './support'

const run = Date.now().toString(36)
const dateAhead = (days: number) => addDaysToDate(todayInZone(new Date(), DEFAULT_SETTINGS.timezone), days)

async function createChef(request: APIRequestContext, auth: Record<string, string>, name: string): Promise<string> {
  const res = await request.post('/api/users', { headers: auth, data: { email: `chef.${name.toLowerCase()}.${run}@myhibachi.test`, password: OWNER.password, name: `${name} ${run}`, role: 'chef' } })
  expect(res.status(), await res.text()).toBe(201)
  return String(((await res.json()) as { doc: { id: number } }).doc.id)
}

/** Two parties at 12:00 and 13:30 on one day (their held times overlap); returns the day and the ids. */
async function overlappingBookings(request: APIRequestContext, auth: Record<string, string>): Promise<{ date: string; first: string; second: string }> {
  const book = (date: string, startTime: string, name: string) =>
    request.post('/api/bookings', {
      headers: auth,
      data: {
        eventDate: date,
        startTime,
        guests: { adults: 6, children: 0 },
        address: { street: '1 Calendar Way', city: 'New York', state: 'NY', zip: '10001' },
        contact: { name, email: `cal.${name.split(' ')[0]?.toLowerCase()}.${run}@example.com`, phone: '(212) 555-0134' },
      },
    })
  for (let day = 93; day <= 99; day++) {
    const date = dateAhead(day)
    const a = await book(date, '12:00', `Noon ${run}`)
    if (a.status() !== 201) continue
    const b = await book(date, '13:30', `Later ${run}`)
    if (b.status() !== 201) continue
    const id = async (r: typeof a) => String(((await r.json()) as { doc: { id: number } }).doc.id)
    return { date, first: await id(a), second: await id(b) }
  }
  throw new Error('no day in 93–99 days ahead had room for two overlapping parties')
}

async function chefsOf(request: APIRequestContext, auth: Record<string, string>, id: string): Promise<string[]> {
  const res = await request.get(`/api/bookings/${id}?depth=0`, { headers: auth })
  expect(res.status()).toBe(200)
  return (((await res.json()) as { assignedChefs?: number[] }).assignedChefs ?? []).map(String)
}

test('staff assign chefs in the calendar by drag and by keyboard; an overlapping chef is refused in words', async ({ page, request, browser, baseURL }, testInfo) => {
  const auth = { Authorization: `JWT ${await staffToken(request)}` }
  const ana = await createChef(request, auth, 'Ana')
  const ben = await createChef(request, auth, 'Ben')
  const { date, first, second } = await overlappingBookings(request, auth)

  await page.goto('/admin/login')
  await page.getByLabel('Email').fill(OWNER.email)
  await page.getByLabel('Password').fill(OWNER.password)
  await page.getByRole('button', { name: /login/i }).click()
  await expect(page).toHaveURL(/\/admin\/?$/, { timeout: 60_000 })

  await page.getByRole('link', { name: 'Calendar' }).first().waitFor()
  await page.goto(`/admin/calendar?view=day&date=${date}`)
  const event = (id: string, lane: string) => page.locator(`.cal-event[data-booking-id="${id}"][data-lane="${lane}"]`)
  await expect(event(first, 'unassigned')).toBeVisible()
  await expect(page.locator('.rbc-time-header').getByText(`Ana ${run}`, { exact: true })).toBeVisible()

  const axe = await new AxeBuilder({ page }).include('.cal').analyze()
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), 'axe on the calendar').toEqual([])

  const status = page.locator('.cal-feedback [role="status"]')
  const alert = page.locator('.cal-feedback [role="alert"]')

  // Drag Ana onto the 12:00 party: it moves into Ana's lane, and the database has it.
  await page.locator(`.cal-chef[data-chef-id="${ana}"]`).dragTo(event(first, 'unassigned'))
  await expect(status).toContainText(`Chef Ana ${run} assigned to Noon ${run}`)
  await expect(event(first, ana)).toBeVisible()
  expect(await chefsOf(request, auth, first)).toEqual([ana])

  // Ana onto the 13:30 party, whose time overlaps: refused in words, nothing stored.
  await page.locator(`.cal-chef[data-chef-id="${ana}"]`).dragTo(event(second, 'unassigned'))
  await expect(alert).toContainText(`Chef Ana ${run} is already booked 12:00–14:00 on`)
  await expect(alert).toContainText(`booking #${first}`)
  expect(await chefsOf(request, auth, second)).toEqual([])
  await expect(event(second, 'unassigned')).toBeVisible()

  // The keyboard way: choose the 13:30 party from the list, pick Ben, press Enter.
  await page.locator(`.cal-list__booking[data-booking-id="${second}"]`).focus()
  await page.keyboard.press('Enter')
  await expect(page.locator('#cal-panel-heading')).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(page.locator('#cal-assign-chef')).toBeFocused()
  await page.locator('#cal-assign-chef').selectOption(ben)
  await page.getByRole('button', { name: 'Assign', exact: true }).focus()
  await page.keyboard.press('Enter')
  await expect(status).toContainText(`Chef Ben ${run} assigned to Later ${run}`)
  await expect(event(second, ben)).toBeVisible()
  expect(await chefsOf(request, auth, second)).toEqual([ben])

  // The week view: a row per lane and a column per day, as wide as the page (no sideways scroll).
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.goto(`/admin/calendar?view=week&date=${date}`)
  const card = (id: string, lane: string) => page.locator(`.cal-week__card[data-booking-id="${id}"][data-lane="${lane}"]`)
  await expect(card(first, ana)).toBeVisible()
  await expect(card(second, ben)).toBeVisible()
  const board = page.locator('.cal-board')
  expect(await board.evaluate((el) => el.scrollWidth - el.clientWidth), 'the week view scrolls sideways').toBeLessThanOrEqual(0)
  await page.screenshot({ path: testInfo.outputPath('calendar-week-1280.png'), fullPage: true })
  const weekAxe = await new AxeBuilder({ page }).include('.cal').analyze()
  expect(weekAxe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id), 'axe on the week view').toEqual([])
  // A card dropped on another day is refused in words; into the Unassigned row on its day, the chef comes off.
  const otherDay = addDaysToDate(date, weekdayOf(date) === 0 ? 1 : -1)
  await card(first, ana).dragTo(page.locator(`tr[data-lane="unassigned"] td[data-day="${otherDay}"]`))
  await expect(alert).toContainText('The calendar changes chefs, not dates or times')
  expect(await chefsOf(request, auth, first)).toEqual([ana])
  await card(first, ana).dragTo(page.locator(`tr[data-lane="unassigned"] td[data-day="${date}"]`))
  await expect(status).toContainText(`Chef Ana ${run} taken off Noon ${run}`)
  await expect(card(first, 'unassigned')).toBeVisible()
  expect(await chefsOf(request, auth, first)).toEqual([])

  // A chef signed in is told the calendar is not for them (and sees no booking).
  const chefContext = await browser.newContext({ baseURL })
  const login = await chefContext.request.post('/api/users/login', { data: { email: `chef.ana.${run}@myhibachi.test`, password: OWNER.password } })
  expect(login.status()).toBe(200)
  const chefPage = await chefContext.newPage()
  await chefPage.goto('/admin/calendar')
  await expect(chefPage.locator('.cal-denied')).toContainText('Not allowed')
  await expect(chefPage.locator('.rbc-calendar')).toHaveCount(0)
  await chefContext.close()
})
