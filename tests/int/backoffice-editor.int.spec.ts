/**
 * Content editors' drafts, scheduled publish and live preview, against real Postgres and Redis:
 * - the live-preview entry (/next/preview's decision) lets content editors in and refuses
 *   everyone else, and never leaves the site;
 * - drafts of menu items never reach the storefront's reads or the prices a quote uses;
 * - a scheduled publish is a `schedulePublish` job on the queue the jobs runner drains; run the
 *   way the runner runs it, it publishes the draft as the editor who scheduled it, and its hooks
 *   purge the cached menu and the storefront's `menu` tag.
 * REST/GraphQL/versions access of drafts is in the access matrix (tests/int/access-matrix.int.spec.ts).
 */
import { randomBytes } from 'node:crypto'

import config from '@payload-config'
import { getPayload, type Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { activeMenu } from '../../src/collections/MenuItems/activeMenu'
import { MENU_TAG } from '../../src/domain/storefront-cache'
import { tagsInvalidatedAt } from '../../src/infra/page-cache/tags'
import { JOBS_QUEUE } from '../../src/jobs/runner'
import { getStorefrontMenu } from '../../src/site/content'
import { decidePreview } from '../../src/site/preview'

const RUN = randomBytes(4).toString('hex')
const PASSWORD = 'correct horse battery staple'
let payload: Payload
const tokens = new Map<string, string>()

async function staff(role: 'chef' | 'editor' | 'manager' | 'admin'): Promise<{ id: number; token: string }> {
  const email = `${role}-${RUN}@backoffice-editor.test`
  const user = await payload.create({ collection: 'users', data: { email, password: PASSWORD, role, name: `${role} ${RUN}` }, overrideAccess: true })
  expect(user.role).toBe(role)
  const login = await payload.login({ collection: 'users', data: { email, password: PASSWORD } })
  if (!login.token) throw new Error(`no token for ${role}`)
  return { id: user.id, token: login.token }
}

/** Settles the purge's second round (src/infra/page-cache/tags.ts repeats it after 750 ms). */
const settle = () => new Promise((r) => setTimeout(r, 900))

let editorId = 0

beforeAll(async () => {
  payload = await getPayload({ config })
  // The admin first: the first user of an empty database is made an admin, whatever it asked for.
  for (const role of ['admin', 'manager', 'editor', 'chef'] as const) {
    const { id, token } = await staff(role)
    tokens.set(role, token)
    if (role === 'editor') editorId = id
  }
  const email = `customer-${RUN}@backoffice-editor.test`
  await payload.create({ collection: 'customers', data: { email, password: PASSWORD, name: 'Cus Tomer', _verified: true }, overrideAccess: true, disableVerificationEmail: true })
  const login = await payload.login({ collection: 'customers', data: { email, password: PASSWORD } })
  tokens.set('customer', login.token ?? '')
})

const headersOf = (who: string): Headers => {
  const token = tokens.get(who)
  return new Headers(token ? { Authorization: `JWT ${token}` } : {})
}

describe('the live-preview entry (/next/preview)', () => {
  it('turns draft mode on for content editors (editor, manager, admin) only', async () => {
    for (const who of ['editor', 'manager', 'admin']) expect(await decidePreview(headersOf(who), '/menu'), who).toEqual({ ok: true, path: '/menu' })
    for (const who of ['anonymous', 'customer', 'chef']) expect(await decidePreview(headersOf(who), '/menu'), who).toMatchObject({ ok: false, status: 403 })
  })

  it('opens storefront paths only: 400 naming `path` for anything else, even for an editor', async () => {
    for (const path of [null, '//evil.example', 'https://evil.example/', '/menu?x=1', '/\\evil.example']) {
      expect(await decidePreview(headersOf('editor'), path), String(path)).toMatchObject({ ok: false, status: 400, field: 'path' })
    }
  })
})

describe('menu drafts', () => {
  it('never reach the storefront menu nor the prices of a quote', async () => {
    const published = await payload.create({ collection: 'menu-items', data: { name: `Published ${RUN}`, category: 'side', priceCents: 500, pricing: 'flat', active: true }, overrideAccess: true })
    expect(published._status, 'a create that says nothing of drafts publishes, as before drafts existed').toBe('published')
    await payload.update({ collection: 'menu-items', id: published.id, data: { priceCents: 900 }, draft: true, overrideAccess: true })
    const draftOnly = await payload.create({ collection: 'menu-items', data: { name: `Draft only ${RUN}`, category: 'side', priceCents: 100, pricing: 'flat', active: true }, draft: true, overrideAccess: true })
    expect(draftOnly._status).toBe('draft')
    await settle()

    const storefront = await getStorefrontMenu()
    expect(storefront.find((i) => i.id === published.id)?.priceCents, 'the storefront shows the published price').toBe(500)
    expect(storefront.some((i) => i.id === draftOnly.id), 'a draft-only item is not on the storefront').toBe(false)
    const pricing = await activeMenu(payload)
    expect(pricing.find((i) => i.id === String(published.id))?.priceCents, 'quotes use the published price').toBe(500)
    expect(pricing.some((i) => i.id === String(draftOnly.id)), 'a draft-only item cannot be priced').toBe(false)
    const raw = await payload.findByID({ collection: 'menu-items', id: draftOnly.id, depth: 0, overrideAccess: true })
    expect(raw.name).toBe(`Draft only ${RUN}`)
  })

  it('a published item must be complete: the database refuses one without a price', async () => {
    const item = await payload.create({ collection: 'menu-items', data: { name: `Complete ${RUN}`, category: 'side', priceCents: 100, pricing: 'flat' }, overrideAccess: true })
    const db = payload.db as unknown as { pool: { query: (q: string, v: unknown[]) => Promise<unknown> } }
    await expect(db.pool.query('UPDATE menu_items SET price_cents = NULL WHERE id = $1', [item.id])).rejects.toThrow(/menu_items_published_complete/)
  })
})

describe('scheduled publish', () => {
  it('runs on the runner’s queue, publishes the draft as its editor, and purges the menu caches', async () => {
    const item = await payload.create({ collection: 'menu-items', data: { name: `Scheduled ${RUN}`, category: 'side', priceCents: 600, pricing: 'flat', active: true }, overrideAccess: true })
    await payload.update({ collection: 'menu-items', id: item.id, data: { priceCents: 1600 }, draft: true, overrideAccess: true })
    await settle()
    expect((await getStorefrontMenu()).find((i) => i.id === item.id)?.priceCents, 'cached with the published price').toBe(600)
    expect((await activeMenu(payload)).find((i) => i.id === String(item.id))?.priceCents).toBe(600)

    // What the admin's "Schedule publish" queues (@payloadcms/ui schedulePublishHandler), due now.
    const job = await payload.jobs.queue({
      task: 'schedulePublish',
      input: { type: 'publish', doc: { relationTo: 'menu-items', value: item.id }, user: { relationTo: 'users', value: editorId } },
      waitUntil: new Date(Date.now() - 1_000),
    })
    expect(job.queue ?? 'default', 'the scheduled publish waits on the queue the jobs runner drains').toBe(JOBS_QUEUE)
    const before = (await tagsInvalidatedAt([MENU_TAG])) ?? 0

    // As the runner's drainQueue runs it (src/jobs/runner.ts), limited to this job.
    const result = await payload.jobs.run({ queue: JOBS_QUEUE, where: { id: { equals: job.id } }, limit: 1, silent: { error: true } })
    expect(Object.values(result.jobStatus ?? {}), JSON.stringify(result)).toEqual([{ status: 'success' }])

    const after = await payload.findByID({ collection: 'menu-items', id: item.id, depth: 0, overrideAccess: true })
    expect(after._status).toBe('published')
    expect(after.priceCents).toBe(1600)
    const history = await payload.findVersions({ collection: 'menu-items', where: { parent: { equals: item.id } }, sort: '-updatedAt', limit: 1, depth: 0, overrideAccess: true })
    expect(history.docs[0]?.version._status, 'the latest version is the published one').toBe('published')
    await settle()
    expect((await tagsInvalidatedAt([MENU_TAG])) ?? 0, 'the storefront pages showing the menu render again').toBeGreaterThan(before)
    expect((await getStorefrontMenu()).find((i) => i.id === item.id)?.priceCents, 'the storefront shows the new price').toBe(1600)
    expect((await activeMenu(payload)).find((i) => i.id === String(item.id))?.priceCents, 'quotes use the new price').toBe(1600)
  })
})
