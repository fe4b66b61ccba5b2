/**
 * The page cache handler (src/infra/page-cache/) on its in-memory store, without Redis: what Next
 * stores comes back byte for byte; an entry is served until one of its tags (or the page's path
 * tags) is invalidated; a render that started before an invalidation is stale as soon as it is
 * stored; the LRU stays bounded. The shared Redis store is tried in tests/int/page-cache.int.spec.ts.
 */
import { describe, expect, it } from 'vitest'

import { MemoryEntryStore } from '../../src/infra/page-cache/entries'
import { PageCacheHandler } from '../../src/infra/page-cache/handler'
import { deserialize, serialize } from '../../src/infra/page-cache/serialize'
import { invalidateTags } from '../../src/infra/page-cache/tags'

// The tag times live in this process here (no Redis); env() still wants its required variables.
process.env.DATABASE_URI ??= 'postgres://unit@127.0.0.1:5432/unused'
delete process.env.REDIS_URL

let clock = 1_000_000
const now = () => clock
const unique = () => `t${Math.random().toString(36).slice(2)}`

function page(tags: string[]) {
  return {
    kind: 'APP_PAGE',
    html: '<h1>Menu</h1>',
    rscData: Buffer.from([0, 1, 2, 255]),
    headers: { 'x-next-cache-tags': tags.join(',') },
    status: 200,
    segmentData: new Map([['/_tree', Buffer.from('tree')]]),
  }
}

describe('serialisation for Redis', () => {
  it('round-trips Buffers and Maps byte for byte', () => {
    const value = page(['menu'])
    const back = deserialize(serialize(value)) as typeof value
    expect(back.rscData.equals(value.rscData)).toBe(true)
    expect(back.segmentData.get('/_tree')?.toString()).toBe('tree')
    expect(back.html).toBe(value.html)
  })
})

describe('PageCacheHandler', () => {
  it('serves a stored page until one of its tags is invalidated, then misses', async () => {
    const tag = unique()
    const handler = new PageCacheHandler(new MemoryEntryStore(), now)
    expect(await handler.get('/menu')).toBeNull()
    clock += 10
    await handler.set('/menu', page([tag, 'settings-x']), { cacheControl: { revalidate: 3600 } })
    const hit = await handler.get('/menu')
    expect(hit?.lastModified).toBe(clock - 10)
    expect(hit?.cacheControl).toEqual({ revalidate: 3600 })
    clock += 10
    await invalidateTags([tag], clock)
    expect(await handler.get('/menu')).toBeNull()
  })

  it('checks the path tags Next passes with a data entry, and the entry tags of unstable_cache', async () => {
    const tag = unique()
    const path = `_N_T_/${unique()}`
    const handler = new PageCacheHandler(new MemoryEntryStore(), now)
    await handler.get('fetch-key')
    await handler.set('fetch-key', { kind: 'FETCH', data: { body: '1' }, revalidate: 60 }, { fetchCache: true, tags: [tag] })
    expect(await handler.get('fetch-key', { softTags: [path] })).not.toBeNull()
    clock += 5
    await invalidateTags([path], clock)
    expect(await handler.get('fetch-key', { softTags: [path] })).toBeNull()
  })

  it('stamps an entry with the start of its render: one that read before an invalidation is stale once stored', async () => {
    const tag = unique()
    const handler = new PageCacheHandler(new MemoryEntryStore(), now)
    expect(await handler.get('/')).toBeNull() // the render starts now
    clock += 100
    await invalidateTags([tag], clock) // a commit purges while it still renders
    clock += 100
    await handler.set('/', page([tag]), {}) // and it stores what it read before
    expect(await handler.get('/')).toBeNull()
  })

  it('ends revalidateTag() and revalidatePath() calls from Next in the same invalidation', async () => {
    const tag = unique()
    const handler = new PageCacheHandler(new MemoryEntryStore(), now)
    await handler.get('/faq')
    await handler.set('/faq', page([tag]), {})
    clock += 1
    // revalidateTag stamps with the real clock, which is past this test's.
    await handler.revalidateTag(tag)
    expect(await handler.get('/faq')).toBeNull()
  })

  it('keeps at most its bound of entries, dropping the least recently read', async () => {
    const store = new MemoryEntryStore(2)
    const entry = { value: 1, lastModified: 1, tags: [] }
    await store.set('a', entry)
    await store.set('b', entry)
    await store.get('a')
    await store.set('c', entry)
    expect(await store.get('b')).toBeUndefined()
    expect(await store.get('a')).toBeDefined()
    expect(await store.get('c')).toBeDefined()
  })
})
