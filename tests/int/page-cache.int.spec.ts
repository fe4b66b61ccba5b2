/**
 * The storefront page cache's shared state, against real Postgres and Redis (when REDIS_URL is
 * set, as in CI): a content change invalidates exactly its tags, only once its transaction has
 * COMMITTED (nothing while it is open, nothing after a rollback); the invalidation is in Redis,
 * where another instance reads it; and a page entry one instance stored is served by another and
 * dropped by both once a tag it carries is invalidated elsewhere.
 * Rendered pages served from the cache over HTTP are tried in tests/e2e/page-cache.e2e.spec.ts.
 */
import config from '@payload-config'
import { Redis } from 'ioredis'
import { createLocalReq, getPayload, initTransaction, killTransaction, commitTransaction, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { MENU_TAG, SETTINGS_TAG, mediaTag, pageTag } from '../../src/domain/storefront-cache'
import { RedisEntryStore } from '../../src/infra/page-cache/entries'
import { PageCacheHandler } from '../../src/infra/page-cache/handler'
import { tagsInvalidatedAt, tagsKey } from '../../src/infra/page-cache/tags'
import { sharedRedis } from '../../src/infra/redis'
import { env } from '../../src/server/env'
import { runTag } from '../helpers/bookings-fixtures'

let payload: Payload
const tag = runTag()
const hasRedis = Boolean(process.env.REDIS_URL)
/** A second connection: what another instance sees in Redis. */
let other: Redis | undefined

const at = async (t: string) => (await tagsInvalidatedAt([t])) ?? -1
const inRedis = async (t: string) => Number((await other?.hget(tagsKey(), t)) ?? 0)

beforeAll(async () => {
  payload = await getPayload({ config })
  if (hasRedis) other = new Redis(String(process.env.REDIS_URL))
})

afterAll(async () => {
  await other?.quit()
})

describe('content changes invalidate their storefront tags after the commit', () => {
  it('a menu item: nothing while the transaction is open, the menu tag once it commits', async () => {
    const before = await at(MENU_TAG)
    const req = await createLocalReq({}, payload)
    await initTransaction(req)
    await payload.create({ collection: 'menu-items', data: { name: `Tag test ${tag}`, category: 'side', priceCents: 500, pricing: 'per_guest', active: true }, req, overrideAccess: true })
    expect(await at(MENU_TAG)).toBe(before)
    const committedAfter = Date.now()
    await commitTransaction(req)
    expect(await at(MENU_TAG)).toBeGreaterThanOrEqual(committedAfter)
    if (hasRedis) expect(await inRedis(MENU_TAG)).toBeGreaterThanOrEqual(committedAfter)
  })

  it('nothing at all when the transaction rolls back', async () => {
    const slug = `rolled-back-${tag}`
    const req = await createLocalReq({}, payload)
    await initTransaction(req)
    await payload.create({ collection: 'pages', data: { title: 'Never', slug, _status: 'published' }, req, overrideAccess: true })
    await killTransaction(req)
    // Past the repeat (750 ms after a purge): neither run happened.
    await new Promise((r) => setTimeout(r, 900))
    expect(await at(pageTag(slug))).toBe(0)
    if (hasRedis) expect(await inRedis(pageTag(slug))).toBe(0)
  })

  it('a published page its slug, a renamed one both slugs, a draft of a draft nothing', async () => {
    const slug = `tagged-${tag}`
    const start = Date.now()
    const page = await payload.create({ collection: 'pages', data: { title: 'Tagged', slug, _status: 'published' }, overrideAccess: true })
    expect(await at(pageTag(slug))).toBeGreaterThanOrEqual(start)
    const renamedAt = Date.now()
    await payload.update({ collection: 'pages', id: page.id, data: { slug: `${slug}-2`, _status: 'published' }, overrideAccess: true })
    expect(await at(pageTag(slug))).toBeGreaterThanOrEqual(renamedAt)
    expect(await at(pageTag(`${slug}-2`))).toBeGreaterThanOrEqual(renamedAt)
    const draftOnly = await payload.create({ collection: 'pages', data: { title: 'Draft', slug: `${slug}-draft` }, draft: true, overrideAccess: true })
    await payload.update({ collection: 'pages', id: draftOnly.id, data: { title: 'Still a draft' }, draft: true, overrideAccess: true })
    expect(await at(pageTag(`${slug}-draft`))).toBe(0)
    await payload.delete({ collection: 'pages', id: page.id, overrideAccess: true })
    await payload.delete({ collection: 'pages', id: draftOnly.id, overrideAccess: true })
  })

  it('an upload its own media tag, and the settings the settings tag', async () => {
    const start = Date.now()
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
    const media = await payload.create({ collection: 'media', data: { alt: 'A dot' }, file: { data: png, mimetype: 'image/png', name: `tag-dot-${tag}.png`, size: png.length }, overrideAccess: true })
    expect(await at(mediaTag(media.id))).toBeGreaterThanOrEqual(start)
    await payload.delete({ collection: 'media', id: media.id, overrideAccess: true })
    const settings = await payload.findGlobal({ slug: 'business-settings', overrideAccess: true })
    const settingsAt = Date.now()
    await payload.updateGlobal({ slug: 'business-settings', data: { phone: (settings as { phone?: string | null }).phone ?? null }, overrideAccess: true })
    expect(await at(SETTINGS_TAG)).toBeGreaterThanOrEqual(settingsAt)
  })
})

describe.runIf(hasRedis)('several instances share pages and invalidations through Redis', () => {
  const page = (tags: string[]) => ({ kind: 'APP_PAGE', html: `<p>${tags.join(' ')}</p>`, rscData: Buffer.from('rsc'), headers: { 'x-next-cache-tags': tags.join(',') }, status: 200, segmentData: undefined })

  it('serves what one instance stored from another, and both miss once a tag is invalidated elsewhere', async () => {
    const namespace = `${env().REDIS_KEY_PREFIX}next:test-${tag}:variant:`
    const a = new PageCacheHandler(new RedisEntryStore(sharedRedis, namespace))
    const b = new PageCacheHandler(new RedisEntryStore(sharedRedis, namespace))
    const t = `shared-${tag}`
    expect(await a.get('/menu')).toBeNull()
    await a.set('/menu', page([t]), { cacheControl: { revalidate: 3600 } })
    const fromB = await b.get('/menu')
    expect((fromB?.value as { html: string }).html).toBe(`<p>${t}</p>`)
    // A third instance invalidates the tag: only Redis knows (not this process's own record).
    await other?.hset(tagsKey(), t, String(Date.now() + 1))
    await new Promise((r) => setTimeout(r, 5))
    expect(await a.get('/menu')).toBeNull()
    expect(await b.get('/menu')).toBeNull()
  })

  it('takes another instance’s fresher copy when its own went stale', async () => {
    const namespace = `${env().REDIS_KEY_PREFIX}next:test-${tag}:fresher:`
    const a = new PageCacheHandler(new RedisEntryStore(sharedRedis, namespace))
    const b = new PageCacheHandler(new RedisEntryStore(sharedRedis, namespace))
    const t = `fresher-${tag}`
    await a.get('/faq')
    await a.set('/faq', page([t, 'old']), {})
    expect(await a.get('/faq')).not.toBeNull()
    await other?.hset(tagsKey(), t, String(Date.now()))
    await new Promise((r) => setTimeout(r, 5))
    // Instance B renders the page again after the change and stores it.
    expect(await b.get('/faq')).toBeNull()
    await b.set('/faq', page([t, 'new']), {})
    const fromA = await a.get('/faq')
    expect((fromA?.value as { html: string }).html).toBe(`<p>${t} new</p>`)
  })
})
