/**
 * Storefront page cache: a published page is read once and then served from the cache; a
 * change to the page (publish, rename, delete) or to any media purges it, so the storefront never
 * shows an old version after the write. Drafts never reach the storefront. A bulk writer (the
 * seed) passes `skipPurge` and purges once itself.
 */
import config from '@payload-config'
import { getPayload, type Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { purgeAllPages } from '../../src/collections/Pages/hooks/purgePages'
import { cacheStats } from '../../src/infra/cache'
import { getPublishedPage } from '../../src/site/content'
import { runTag } from '../helpers/bookings-fixtures'

let payload: Payload
const tag = runTag()
const slug = `cache-test-${tag}`

async function read(s: string): Promise<{ title: string | null; hits: number; misses: number }> {
  const before = await cacheStats('pages')
  const page = await getPublishedPage(s)
  const after = await cacheStats('pages')
  return { title: page?.title ?? null, hits: after.hits - before.hits, misses: after.misses - before.misses }
}

/** The second purge runs 750 ms after a write (src/infra/cache.ts): let it pass before reading. */
const settle = () => new Promise((r) => setTimeout(r, 900))

beforeAll(async () => {
  payload = await getPayload({ config })
})

describe('storefront page cache', () => {
  let id: number | string

  it('reads a published page once, then from the cache', async () => {
    const created = await payload.create({ collection: 'pages', data: { title: 'First title', slug, _status: 'published' }, overrideAccess: true })
    id = created.id
    await settle()
    expect(await read(slug)).toEqual({ title: 'First title', hits: 0, misses: 1 })
    expect(await read(slug)).toEqual({ title: 'First title', hits: 1, misses: 0 })
  })

  it('shows a newly published version at once, and ignores a draft', async () => {
    await payload.update({ collection: 'pages', id, data: { title: 'Second title', _status: 'published' }, overrideAccess: true })
    expect((await read(slug)).title).toBe('Second title')
    await payload.update({ collection: 'pages', id, data: { title: 'Draft title' }, draft: true, overrideAccess: true })
    await settle()
    expect((await read(slug)).title).toBe('Second title')
  })

  it('purges the old slug when a page is renamed, and the page when it is deleted', async () => {
    const renamed = `${slug}-renamed`
    await payload.update({ collection: 'pages', id, data: { slug: renamed, _status: 'published' }, overrideAccess: true })
    expect((await read(slug)).title).toBeNull()
    expect((await read(renamed)).title).toBe('Draft title')
    await payload.delete({ collection: 'pages', id, overrideAccess: true })
    expect((await read(renamed)).title).toBeNull()
  })

  it('purges every cached page when a media item changes', async () => {
    const other = await payload.create({ collection: 'pages', data: { title: 'Media test', slug: `${slug}-media`, _status: 'published' }, overrideAccess: true })
    await settle()
    await read(`${slug}-media`)
    expect((await read(`${slug}-media`)).hits).toBe(1)
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
    const media = await payload.create({
      collection: 'media',
      data: { alt: 'A dot' },
      file: { data: png, mimetype: 'image/png', name: `dot-${tag}.png`, size: png.length },
      overrideAccess: true,
    })
    expect((await read(`${slug}-media`)).misses).toBe(1)
    await payload.delete({ collection: 'media', id: media.id, overrideAccess: true })
    await payload.delete({ collection: 'pages', id: other.id, overrideAccess: true })
    await settle()
  })

  it('leaves the purge to a writer that passes skipPurge, until it purges once', async () => {
    const bulk = await payload.create({ collection: 'pages', data: { title: 'Bulk one', slug: `${slug}-bulk`, _status: 'published' }, overrideAccess: true })
    await settle()
    expect((await read(`${slug}-bulk`)).title).toBe('Bulk one')
    await payload.update({ collection: 'pages', id: bulk.id, data: { title: 'Bulk two', _status: 'published' }, overrideAccess: true, context: { skipPurge: true } })
    await settle()
    expect(await read(`${slug}-bulk`)).toEqual({ title: 'Bulk one', hits: 1, misses: 0 })
    await purgeAllPages()
    expect(await read(`${slug}-bulk`)).toEqual({ title: 'Bulk two', hits: 0, misses: 1 })
    await payload.delete({ collection: 'pages', id: bulk.id, overrideAccess: true })
    await settle()
  })
})
