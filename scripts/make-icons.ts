/**
 * Regenerates the storefront's static icons, share image and web app manifest in public/ from ONE
 * source, public/icon.svg (the brand mark; it used to be Next's file-convention icon in
 * src/app/(frontend)/, moved so that /icon.svg has a single owner):
 *
 *   npm run icons      (tsx scripts/make-icons.ts), then commit what changed in public/
 *
 * Writes favicon.ico (PNG frames 16, 32, 48), icon-192.png, icon-512.png, icon-maskable-512.png,
 * apple-touch-icon.png (180, opaque: iOS fills transparency with black and rounds corners itself),
 * og-image.png (1200×630) and site.webmanifest. The storefront layout's metadata links them
 * (src/app/(frontend)/layout.tsx, paths in src/site/site-assets.ts).
 * Never edits icon.svg; run it again after changing the mark or the colours below.
 */
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'

import sharp from 'sharp'

import { logger } from '../src/server/logger'
import { SITE_ASSETS } from '../src/site/site-assets'

const log = logger.child({ module: 'make-icons' })
const PUBLIC = path.resolve(import.meta.dirname, '..', 'public')
const NAME = 'MyHibachi'
const TAGLINE = 'A hibachi chef cooks at your party'

/** PNG of the mark at `size` px; `background` flattens it (and `pad` shrinks the mark inside). */
async function png(svg: Buffer, size: number, opts: { background?: string; pad?: number } = {}): Promise<Buffer> {
  const inner = Math.round(size * (1 - 2 * (opts.pad ?? 0)))
  // Render the vector at the target size (density scales the 64-unit viewBox), not an upscaled bitmap.
  const mark = await sharp(svg, { density: Math.ceil((72 * inner) / 64) })
    .resize(inner, inner)
    .png()
    .toBuffer()
  if (!opts.background && inner === size) return sharp(mark).png({ compressionLevel: 9 }).toBuffer()
  const canvas = sharp({ create: { width: size, height: size, channels: 4, background: opts.background ?? { r: 0, g: 0, b: 0, alpha: 0 } } })
  const composed = await canvas.composite([{ input: mark, gravity: 'center' }]).png().toBuffer()
  // On a background the result is opaque: drop the alpha channel (apple-touch-icon must have none).
  const out = sharp(composed)
  return (opts.background ? out.flatten({ background: opts.background }).removeAlpha() : out).png({ compressionLevel: 9 }).toBuffer()
}

/** An ICO file holding PNG frames (allowed since Windows Vista; every current browser reads it). */
function icoFromPngs(frames: { size: number; data: Buffer }[]): Buffer {
  const header = Buffer.alloc(6)
  header.writeUInt16LE(0, 0) // reserved
  header.writeUInt16LE(1, 2) // type 1 = icon
  header.writeUInt16LE(frames.length, 4)
  const entries: Buffer[] = []
  let offset = 6 + 16 * frames.length
  for (const { size, data } of frames) {
    const entry = Buffer.alloc(16)
    entry.writeUInt8(size >= 256 ? 0 : size, 0) // width (0 means 256)
    entry.writeUInt8(size >= 256 ? 0 : size, 1) // height
    entry.writeUInt8(0, 2) // no palette
    entry.writeUInt8(0, 3) // reserved
    entry.writeUInt16LE(1, 4) // colour planes
    entry.writeUInt16LE(32, 6) // bits per pixel
    entry.writeUInt32LE(data.length, 8)
    entry.writeUInt32LE(offset, 12)
    entries.push(entry)
    offset += data.length
  }
  return Buffer.concat([header, ...entries, ...frames.map((f) => f.data)])
}

/** The 1200×630 share image: the mark and the name on the brand colour. */
async function ogImage(svg: Buffer, brand: string): Promise<Buffer> {
  const mark = await png(svg, 260)
  const text = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630">
      <style>text { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; fill: #fff; }</style>
      <text x="470" y="300" font-size="96" font-weight="700">${NAME}</text>
      <text x="472" y="380" font-size="40">${TAGLINE}</text>
    </svg>`,
  )
  return sharp({ create: { width: 1200, height: 630, channels: 4, background: brand } })
    .composite([
      { input: mark, left: 150, top: 185 },
      { input: text, left: 0, top: 0 },
    ])
    .png()
    .toBuffer()
    .then((composed) => sharp(composed).flatten({ background: brand }).removeAlpha().png({ compressionLevel: 9 }).toBuffer())
}

async function main(): Promise<void> {
  const svg = await readFile(path.join(PUBLIC, 'icon.svg'))
  // The brand colour is the mark's background (the first fill in the SVG).
  const brand = /fill="(#[0-9a-fA-F]{6})"/.exec(svg.toString())?.[1]
  if (!brand) throw new Error('public/icon.svg has no #rrggbb fill to take the brand colour from')

  const files: Record<string, Buffer> = {
    [SITE_ASSETS.favicon]: icoFromPngs(await Promise.all([16, 32, 48].map(async (size) => ({ size, data: await png(svg, size) })))),
    [SITE_ASSETS.icon192]: await png(svg, 192),
    [SITE_ASSETS.icon512]: await png(svg, 512),
    // Maskable: the platform crops to a circle or squircle, so the mark sits in the inner 80 %.
    [SITE_ASSETS.maskable512]: await png(svg, 512, { background: brand, pad: 0.1 }),
    [SITE_ASSETS.appleTouchIcon]: await png(svg, 180, { background: brand }),
    [SITE_ASSETS.ogImage.url]: await ogImage(svg, brand),
  }
  const manifest = {
    name: NAME,
    short_name: NAME,
    description: 'Book a private hibachi chef for your party.',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: brand,
    background_color: '#ffffff',
    icons: [
      { src: SITE_ASSETS.icon192, sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: SITE_ASSETS.icon512, sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: SITE_ASSETS.maskable512, sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: SITE_ASSETS.svgIcon, sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    ],
  }
  files[SITE_ASSETS.manifest] = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)

  for (const [url, data] of Object.entries(files)) {
    await writeFile(path.join(PUBLIC, url.replace(/^\//, '')), data)
    log.info({ file: `public${url}`, bytes: data.length }, 'written')
  }
}

main().catch((err: unknown) => {
  log.fatal({ err }, 'make-icons failed')
  process.exit(1)
})
