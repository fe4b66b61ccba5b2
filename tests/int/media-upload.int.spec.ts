/**
 * Media uploads through Payload's real REST handler, as an editor: raster images are stored;
 * anything else is refused by its content — whatever its name or declared type — with a 400 that
 * names the file, and leaves nothing behind (no document, no file in the media directory).
 */
import { readdir, rm, stat } from 'node:fs/promises'
import path from 'node:path'

import config from '@payload-config'
import { getPayload, handleEndpoints, type Payload } from 'payload'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createStaff, runTag, staffAuth } from '../helpers/bookings-fixtures'
import { restClient } from '../helpers/rest'

const rest = restClient(config)
const tag = `mu${runTag()}`
let payload: Payload
let auth: Record<string, string> = {}
let mediaDir = ''
const created: (number | string)[] = []

interface ErrorBody {
  errors?: { name?: string; message?: string; data?: { errors?: { path?: string; message?: string }[] } }[]
}
interface MediaDoc {
  id: number | string
  filename: string
  mimeType: string
  width: number
  height: number
  sizes?: Record<string, { filename?: string | null }>
}

/** POST /api/media (or PATCH /api/media/:id) as multipart, the way the admin panel uploads. */
async function upload(name: string, type: string, bytes: Uint8Array, alt = `${tag} ${name}`, replacing?: number | string) {
  const form = new FormData()
  form.append('file', new File([Buffer.from(bytes)], name, { type }))
  form.append('_payload', JSON.stringify({ alt }))
  const route = replacing === undefined ? '/api/media' : `/api/media/${String(replacing)}`
  const request = new Request(`http://localhost:3000${route}`, { method: replacing === undefined ? 'POST' : 'PATCH', headers: auth, body: form })
  const response = await handleEndpoints({ config, path: route, request })
  const body = (await response.json()) as ErrorBody & { doc?: MediaDoc }
  if (body.doc) created.push(body.doc.id)
  return { status: response.status, body }
}

/** The per-field messages of a Payload ValidationError answer. */
function fieldErrors(body: ErrorBody): { path?: string; message?: string }[] {
  return body.errors?.flatMap((e) => e.data?.errors ?? []) ?? []
}

async function leftovers(): Promise<string[]> {
  const names = await readdir(mediaDir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [] as string[]
    throw err
  })
  return names.filter((n) => n.includes(tag))
}

async function storedCount(): Promise<number> {
  const { totalDocs } = await payload.count({ collection: 'media', where: { alt: { contains: tag } }, overrideAccess: true })
  return totalDocs
}

const png = () => sharp({ create: { width: 400, height: 300, channels: 3, background: '#c33' } }).png().toBuffer()
const SVG_WITH_SCRIPT = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script></svg>'
const HTML_PAGE = '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>'

beforeAll(async () => {
  payload = await getPayload({ config })
  const upload = payload.collections.media.config.upload
  mediaDir = path.resolve(upload.staticDir ?? 'media')
  const email = `editor-${tag}@media-upload.test`
  await createStaff(payload, email, 'editor')
  auth = await staffAuth(rest, email)
})

afterAll(async () => {
  // Deleting a media document deletes its files and sizes; anything else this run left is removed too.
  for (const id of created) await payload.delete({ collection: 'media', id, overrideAccess: true })
  for (const name of await leftovers()) await rm(path.join(mediaDir, name), { force: true })
  await payload.delete({ collection: 'users', where: { email: { equals: `editor-${tag}@media-upload.test` } }, overrideAccess: true })
  // A media change purges caches again 750 ms later (src/infra/cache.ts): let that run before Redis closes.
  await new Promise((resolve) => setTimeout(resolve, 900))
})

describe('media upload', () => {
  it('stores a PNG (201) with its sizes, and serves it as an image that cannot be sniffed as anything else', async () => {
    const res = await upload(`grill-${tag}.png`, 'image/png', await png())
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const doc = res.body.doc
    expect(doc).toMatchObject({ filename: `grill-${tag}.png`, mimeType: 'image/png', width: 400, height: 300 })
    expect((await stat(path.join(mediaDir, `grill-${tag}.png`))).isFile()).toBe(true)
    expect(doc?.sizes?.thumbnail?.filename).toBeTruthy()

    const file = await handleEndpoints({ config, path: `/api/media/file/grill-${tag}.png`, request: new Request(`http://localhost:3000/api/media/file/grill-${tag}.png`) })
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('image/png')
    expect(file.headers.get('x-content-type-options')).toBe('nosniff')
    expect(file.headers.get('content-security-policy')).toContain("default-src 'none'")
    await file.arrayBuffer()
  })

  it('stores a real image under a name that claims another type with the right extension and type', async () => {
    const res = await upload(`menu-${tag}.html`, 'text/html', await png())
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.doc).toMatchObject({ filename: `menu-${tag}.png`, mimeType: 'image/png' })
  })

  const refusals = [
    { what: 'an SVG with a <script>', name: `evil-${tag}.svg`, type: 'image/svg+xml', content: SVG_WITH_SCRIPT, says: /SVG images are not accepted/ },
    { what: 'an HTML page renamed to .png and declared image/png', name: `page-${tag}.png`, type: 'image/png', content: HTML_PAGE, says: /not a JPEG, PNG, WebP, AVIF or GIF image/ },
    { what: 'an SVG named .png and declared image/png', name: `logo-${tag}.png`, type: 'image/png', content: SVG_WITH_SCRIPT, says: /SVG images are not accepted/ },
    { what: 'an SVG with an XML declaration, declared image/jpeg', name: `logo-${tag}.jpg`, type: 'image/jpeg', content: `<?xml version="1.0"?>${SVG_WITH_SCRIPT}`, says: /SVG images are not accepted/ },
  ]

  it.each(refusals)('refuses $what with a 400 naming the file, and writes nothing', async ({ name, type, content, says }) => {
    const res = await upload(name, type, new TextEncoder().encode(content))
    expect(res.status, JSON.stringify(res.body)).toBe(400)
    expect(res.body.errors?.[0]?.name).toBe('ValidationError')
    const [error] = fieldErrors(res.body)
    expect(error?.path).toBe('file')
    expect(error?.message).toContain(`"${name}" is refused`)
    expect(error?.message).toMatch(says)
    expect(await storedCount()).toBe(created.length)
    const base = name.slice(0, name.lastIndexOf('.'))
    expect((await leftovers()).filter((f) => f.startsWith(base))).toEqual([])
  })

  it('refuses a file that only starts like a PNG (its header is not a readable image)', async () => {
    const header = (await png()).subarray(0, 40)
    const res = await upload(`broken-${tag}.png`, 'image/png', Buffer.concat([header, Buffer.from(HTML_PAGE)]))
    expect(res.status, JSON.stringify(res.body)).toBe(400)
    expect(fieldErrors(res.body)[0]?.message).toMatch(new RegExp(`"broken-${tag}.png" is refused: it starts like a PNG image but`))
  })

  it('refuses an SVG that would replace the file of an existing image, and keeps the image', async () => {
    const stored = await upload(`keep-${tag}.png`, 'image/png', await png())
    expect(stored.status).toBe(201)
    const id = stored.body.doc?.id ?? 0
    const res = await upload(`swap-${tag}.png`, 'image/png', new TextEncoder().encode(SVG_WITH_SCRIPT), `${tag} keep`, id)
    expect(res.status, JSON.stringify(res.body)).toBe(400)
    expect(fieldErrors(res.body)[0]?.message).toContain(`"swap-${tag}.png" is refused`)
    const after = await payload.findByID({ collection: 'media', id, overrideAccess: true })
    expect(after).toMatchObject({ filename: `keep-${tag}.png`, mimeType: 'image/png' })
  })

  it('refuses an SVG through the Local API as well, even with access overridden (seed, jobs)', async () => {
    const svg = Buffer.from(SVG_WITH_SCRIPT)
    await expect(
      payload.create({
        collection: 'media',
        data: { alt: `${tag} local svg` },
        file: { data: svg, mimetype: 'image/png', name: `local-${tag}.png`, size: svg.length },
        overrideAccess: true,
      }),
    ).rejects.toMatchObject({ status: 400, data: { errors: [{ path: 'file', message: expect.stringContaining(`"local-${tag}.png" is refused`) }] } })
  })

  it('left no document and no file for any refused upload', async () => {
    expect(await storedCount()).toBe(created.length)
    const files = await leftovers()
    for (const refused of ['evil-', 'page-', 'logo-', 'broken-', 'local-', 'swap-']) {
      expect(files.filter((f) => f.startsWith(`${refused}${tag}`))).toEqual([])
    }
  })
})
