/**
 * Rich-text links when saved: the editor's link feature refuses a URL the storefront would not
 * link (`javascript:`, `data:` …) with a 400 that says what is allowed, stores allowed URLs as
 * written (Payload's own hook used to percent-encode `?guests=10`), neutralises an unsafe URL in
 * a draft (Payload skips validation for drafts), and lets internal links point at pages only.
 */
import config from '@payload-config'
import { getPayload, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { safeHref, SAFE_HREF_RULE } from '../../src/domain/safe-url'
import { link, paragraph, richText, text } from '../../src/seed/lexical'
import type { Page } from '../../src/payload-types'
import { createStaff, runTag, staffAuth } from '../helpers/bookings-fixtures'
import { restClient } from '../helpers/rest'

const rest = restClient(config)
const tag = runTag()
let payload: Payload
let auth: Record<string, string> = {}
let counter = 0

type Content = NonNullable<Page['content']>

function pageWith(url: string) {
  counter += 1
  return { title: 'Links', slug: `links-${tag}-${String(counter)}`, content: richText(paragraph('See ', link('this', url))) as Content }
}

/** The URL of the first link of a stored page. */
function storedUrl(page: Page): unknown {
  const paragraphNode = page.content?.root.children[0] as { children?: { type: string; fields?: { url?: unknown } }[] } | undefined
  return paragraphNode?.children?.find((n) => n.type === 'link')?.fields?.url
}

beforeAll(async () => {
  payload = await getPayload({ config })
  const email = `links-editor-${tag}@rich-text.test`
  await createStaff(payload, email, 'editor')
  auth = await staffAuth(rest, email)
})

afterAll(async () => {
  await payload.delete({ collection: 'pages', where: { slug: { like: `links-${tag}` } }, overrideAccess: true })
})

describe('rich-text links on save', () => {
  it.each(['javascript:alert(document.cookie)', ' JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'file:///etc/passwd'])(
    'refuses a published page linking to %j with a 400 that says which links are allowed',
    async (url) => {
      const res = await rest<{ errors?: { name?: string; data?: { errors?: { path?: string; message?: string }[] } }[] }>('POST', '/pages', {
        body: { ...pageWith(url), _status: 'published' },
        headers: auth,
      })
      expect(res.status, JSON.stringify(res.body)).toBe(400)
      expect(res.body.errors?.[0]?.name).toBe('ValidationError')
      const messages = res.body.errors?.flatMap((e) => e.data?.errors ?? []).map((e) => e.message) ?? []
      expect(messages.some((m) => m?.includes(SAFE_HREF_RULE)), JSON.stringify(messages)).toBe(true)
      const { totalDocs } = await payload.count({ collection: 'pages', where: { slug: { like: `links-${tag}-${String(counter)}` } }, overrideAccess: true })
      expect(totalDocs).toBe(0)
    },
  )

  it.each([
    ['https://example.com/menu', 'https://example.com/menu'],
    ['mailto:hello@myhibachi.example', 'mailto:hello@myhibachi.example'],
    ['tel:+12125550147', 'tel:+12125550147'],
    ['/policies#refunds', '/policies#refunds'],
    ['?guests=10', '?guests=10'],
    ['/search?q=a:b,c', '/search?q=a:b,c'],
    ['//example.com/menu', '//example.com/menu'],
    ['  https://example.com/x ', 'https://example.com/x'],
  ])('stores an allowed link %j as %j', async (url, stored) => {
    const page = await payload.create({ collection: 'pages', data: { ...pageWith(url), _status: 'published' }, overrideAccess: true })
    expect(storedUrl(page)).toBe(stored)
  })

  it.each([
    ['a link node without an id (API, seed)', undefined],
    ['a link node with an id (the admin editor gives every link one)', '65f1c0ffee0000000000abcd'],
  ])('stores an unsafe link in a draft (not validated by Payload) encoded once, without a scheme: %s', async (_what, id) => {
    const data = { ...pageWith(' java\tscript:alert(1)'), _status: 'draft' as const }
    const linkNode = (data.content.root.children[0] as unknown as { children: Record<string, unknown>[] }).children[1]
    if (id !== undefined && linkNode) linkNode.id = id
    const page = await payload.create({ collection: 'pages', data, draft: true, overrideAccess: true })
    expect(storedUrl(page)).toBe('%20java%09script%3Aalert(1)')
    expect(safeHref(storedUrl(page))).toBeNull()
    // Publishing it as it is validates, and refuses.
    await expect(
      payload.update({ collection: 'pages', id: page.id, data: { _status: 'published', content: pageWith('javascript:alert(1)').content }, overrideAccess: true }),
    ).rejects.toMatchObject({ status: 400 })
  })

  it('lets an internal link point at a page, and at nothing else', async () => {
    const target = await payload.create({ collection: 'pages', data: { title: 'Target', slug: `links-${tag}-target`, _status: 'published' }, overrideAccess: true })
    const internal = (relationTo: string, value: number | string) => ({
      ...pageWith('/'),
      _status: 'published' as const,
      content: {
        root: {
          type: 'root',
          direction: 'ltr',
          format: '',
          indent: 0,
          version: 1,
          children: [
            {
              type: 'paragraph',
              direction: 'ltr',
              format: '',
              indent: 0,
              version: 1,
              textFormat: 0,
              children: [{ type: 'link', direction: 'ltr', format: '', indent: 0, version: 3, fields: { linkType: 'internal', newTab: false, doc: { relationTo, value } }, children: [text('there')] }],
            },
          ],
        },
      } as Content,
    })
    const ok = await payload.create({ collection: 'pages', data: internal('pages', target.id), overrideAccess: true })
    expect(ok.id).toBeTruthy()
    const staff = await payload.find({ collection: 'users', limit: 1, overrideAccess: true })
    const someone = staff.docs[0]?.id ?? 1
    const refused = payload.create({ collection: 'pages', data: internal('users', someone), overrideAccess: true })
    await expect(refused).rejects.toMatchObject({ status: 400, data: { errors: [{ message: expect.stringContaining('Internal links may point at pages only.') }] } })
  })
})
