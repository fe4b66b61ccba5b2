/**
 * The demo-data seed (scripts/seed.ts) as a user runs it: a child process against this run's
 * throw-away database, twice (then once with --if-empty). The second and third runs must change
 * nothing. Other test files share the database, so only seed-owned data is counted (seed
 * names, emails and slugs), and what the seed created is removed afterwards so later files see
 * the database as they would without this one.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { randomBytes } from 'node:crypto'

import config from '@payload-config'
import { getPayload, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { daysBetweenDates, findServiceZone, todayInZone } from '../../src/domain'
import { settingsFromDoc } from '../../src/globals/BusinessSettings/fromDoc'
import { CHEFS, MENU_ITEMS, pagesData, SEED_BOOKING_EMAILS } from '../../src/seed/data'

const SEED_TIMEOUT_MS = 240_000
const MENU_NAMES: string[] = MENU_ITEMS.map((m) => m.name)
const CHEF_EMAILS: string[] = CHEFS.map((c) => c.email)
const EMAILS = [...SEED_BOOKING_EMAILS]
const SLUGS = pagesData().map((p) => p.slug)

let payload: Payload
/** Seed-owned documents that existed before this file ran (left in place afterwards). */
const before = { menu: new Set<number>(), pages: new Set<number>(), chefs: new Set<number>(), bookings: new Set<number>(), customers: new Set<number>() }
let createdAdminId: number | undefined

function runSeed(...args: string[]) {
  // Node and tsx directly (no npx in between): the exit code is the script's own.
  const result = spawnSync(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), 'scripts/seed.ts', ...args], { env: process.env, encoding: 'utf8', timeout: SEED_TIMEOUT_MS })
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` }
}

async function ids(collection: 'menu-items' | 'pages' | 'users' | 'bookings' | 'customers', field: string, values: string[]): Promise<number[]> {
  const found = await payload.find({ collection, where: { [field]: { in: values } }, depth: 0, limit: 0, pagination: false, overrideAccess: true })
  return found.docs.map((d) => d.id)
}

/** Everything the seed owns, with update stamps, so two snapshots are equal only if nothing was rewritten. */
async function snapshot() {
  const [menu, pages, chefs, bookings, customers, settings] = await Promise.all([
    payload.find({ collection: 'menu-items', where: { name: { in: MENU_NAMES } }, depth: 0, limit: 0, pagination: false, sort: 'name', overrideAccess: true }),
    payload.find({ collection: 'pages', where: { slug: { in: SLUGS } }, depth: 0, limit: 0, pagination: false, sort: 'slug', overrideAccess: true }),
    payload.find({ collection: 'users', where: { email: { in: CHEF_EMAILS } }, depth: 0, limit: 0, pagination: false, sort: 'email', overrideAccess: true }),
    payload.find({ collection: 'bookings', where: { 'contact.email': { in: EMAILS } }, depth: 0, limit: 0, pagination: false, sort: 'id', overrideAccess: true }),
    payload.count({ collection: 'customers', where: { email: { in: EMAILS } }, overrideAccess: true }),
    payload.findGlobal({ slug: 'business-settings', depth: 0, overrideAccess: true }),
  ])
  return {
    menu: menu.docs.map((d) => ({ id: d.id, name: d.name, priceCents: d.priceCents, pricing: d.pricing, updatedAt: d.updatedAt })),
    pages: pages.docs.map((d) => ({ id: d.id, slug: d.slug, status: d._status, updatedAt: d.updatedAt })),
    chefs: chefs.docs.map((d) => ({ id: d.id, email: d.email, role: d.role, updatedAt: d.updatedAt })),
    bookings: bookings.docs.map((d) => ({
      id: d.id,
      email: d.contact.email,
      eventDate: d.eventDate,
      startTime: d.startTime,
      status: d.status,
      chefs: (d.assignedChefs ?? []).map((c) => (typeof c === 'number' ? c : c.id)),
      totalCents: d.pricing?.totalCents,
      updatedAt: d.updatedAt,
    })),
    customers: customers.totalDocs,
    settings: { timezone: settings.timezone, updatedAt: settings.updatedAt, serviceAreas: settings.serviceAreas },
  }
}

beforeAll(async () => {
  payload = await getPayload({ config })
  const admins = await payload.count({ collection: 'users', where: { role: { equals: 'admin' } }, overrideAccess: true })
  if (admins.totalDocs === 0) {
    // Chefs are seeded only once an admin exists (see src/seed/seedChefs.ts).
    const admin = await payload.create({
      collection: 'users',
      data: { email: 'seed-test-admin@myhibachi.test', password: randomBytes(18).toString('base64url'), role: 'admin', name: 'Seed Test Admin' },
      overrideAccess: true,
    })
    createdAdminId = admin.id
  }
  for (const id of await ids('menu-items', 'name', MENU_NAMES)) before.menu.add(id)
  for (const id of await ids('pages', 'slug', SLUGS)) before.pages.add(id)
  for (const id of await ids('users', 'email', CHEF_EMAILS)) before.chefs.add(id)
  for (const id of await ids('bookings', 'contact.email', EMAILS)) before.bookings.add(id)
  for (const id of await ids('customers', 'email', EMAILS)) before.customers.add(id)
})

afterAll(async () => {
  // Bookings first: they reference menu items, chefs and customers.
  const removeNew = async (collection: 'bookings' | 'customers' | 'menu-items' | 'pages' | 'users', field: string, values: string[], keep: Set<number>) => {
    // One by one: Payload's bulk delete runs its queries concurrently on one pg client (a pg deprecation warning).
    for (const id of (await ids(collection, field, values)).filter((i) => !keep.has(i))) await payload.delete({ collection, id, overrideAccess: true })
  }
  await removeNew('bookings', 'contact.email', EMAILS, before.bookings)
  await removeNew('customers', 'email', EMAILS, before.customers)
  await removeNew('menu-items', 'name', MENU_NAMES, before.menu)
  await removeNew('pages', 'slug', SLUGS, before.pages)
  await removeNew('users', 'email', CHEF_EMAILS, before.chefs)
  if (createdAdminId !== undefined) await payload.delete({ collection: 'users', id: createdAdminId, overrideAccess: true })
}, SEED_TIMEOUT_MS)

describe('demo-data seed (scripts/seed.ts)', () => {
  let first: Awaited<ReturnType<typeof snapshot>>

  it('seeds, and a second run (and an --if-empty run) change nothing', async () => {
    const run1 = runSeed()
    expect(run1.status, run1.output).toBe(0)
    first = await snapshot()

    const run2 = runSeed()
    expect(run2.status, run2.output).toBe(0)
    expect(await snapshot()).toEqual(first)

    const run3 = runSeed('--if-empty')
    expect(run3.status, run3.output).toBe(0)
    expect(await snapshot()).toEqual(first)
  }, SEED_TIMEOUT_MS * 3)

  it('writes the menu, the published pages and the settings', () => {
    expect(first.menu.length).toBeGreaterThanOrEqual(10)
    expect(first.menu.map((m) => m.name).sort()).toEqual([...MENU_NAMES].sort())
    expect(first.pages.map((p) => [p.slug, p.status])).toEqual([
      ['contact', 'published'],
      ['faq', 'published'],
      ['home', 'published'],
      ['menu', 'published'],
      ['policies', 'published'],
    ])
    expect(first.settings.timezone).toBe('America/New_York')
  })

  it('serves ZIPs 10001 to 10299 and not 10300', async () => {
    const settings = settingsFromDoc((await payload.findGlobal({ slug: 'business-settings', depth: 0, overrideAccess: true })) as unknown as Record<string, unknown>)
    expect(findServiceZone(settings, '10001')).not.toBeNull()
    expect(findServiceZone(settings, '10299')).not.toBeNull()
    expect(findServiceZone(settings, '10300')).toBeNull()
    expect(findServiceZone(settings, '10000')).toBeNull()
  })

  it('creates two chefs and twenty priced bookings in several states', () => {
    expect(first.chefs.map((c) => c.role)).toEqual(['chef', 'chef'])
    expect(first.bookings).toHaveLength(20)
    expect(new Set(first.bookings.map((b) => b.email)).size).toBe(20)
    expect(first.customers).toBe(20)
    const states = new Set(first.bookings.map((b) => b.status))
    expect(states.size).toBeGreaterThanOrEqual(3)
    expect([...states].sort()).toEqual(['cancelled', 'confirmed', 'pending'])
    for (const b of first.bookings) expect(b.totalCents).toBeGreaterThan(0)
    expect(first.bookings.some((b) => b.chefs.length > 0)).toBe(true)
  })

  it('never gives a chef two overlapping active bookings', async () => {
    const active = await payload.find({
      collection: 'bookings',
      where: { and: [{ status: { in: ['pending', 'confirmed'] } }, { assignedChefs: { exists: true } }] },
      depth: 0,
      limit: 0,
      pagination: false,
      overrideAccess: true,
    })
    const byChef = new Map<number, { from: number; until: number; id: number }[]>()
    for (const b of active.docs) {
      for (const c of b.assignedChefs ?? []) {
        const chef = typeof c === 'number' ? c : c.id
        const list = byChef.get(chef) ?? []
        list.push({ id: b.id, from: Date.parse(String(b.blockedFrom)), until: Date.parse(String(b.blockedUntil)) })
        byChef.set(chef, list)
      }
    }
    expect(byChef.size).toBeGreaterThan(0)
    for (const [chef, list] of byChef) {
      list.sort((a, b) => a.from - b.from)
      for (let i = 1; i < list.length; i++) {
        const prev = list[i - 1]
        const cur = list[i]
        if (prev && cur) expect(cur.from, `chef ${chef}: bookings ${prev.id} and ${cur.id} overlap`).toBeGreaterThanOrEqual(prev.until)
      }
    }
  })

  it('puts every booking 2 to 8 weeks ahead, in the start window, off the blackout dates', async () => {
    const settings = settingsFromDoc((await payload.findGlobal({ slug: 'business-settings', depth: 0, overrideAccess: true })) as unknown as Record<string, unknown>)
    const today = todayInZone(new Date(), settings.timezone)
    for (const b of first.bookings) {
      // 13: the seed may have run just before midnight.
      expect(daysBetweenDates(today, b.eventDate)).toBeGreaterThanOrEqual(13)
      expect(daysBetweenDates(today, b.eventDate)).toBeLessThanOrEqual(56)
      expect(settings.blackoutDates).not.toContain(b.eventDate)
      expect(b.startTime >= '11:00' && b.startTime <= '22:00').toBe(true)
    }
  })
})
