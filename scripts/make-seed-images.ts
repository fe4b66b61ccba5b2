/**
 * Renders the seed's original illustrations (src/seed/art.ts, SVG written for this project) to
 * WebP in src/seed/images/ with sharp — no download, no network:
 *
 *   npx tsx scripts/make-seed-images.ts      then commit what changed in src/seed/images/
 *
 * Each file must stay small (≤ 40 kB): the seed ships them and the storefront serves them resized.
 * Never writes anywhere else.
 */
import { writeFile } from 'node:fs/promises'
import path from 'node:path'

import sharp from 'sharp'

import { SEED_PICTURES } from '../src/seed/art'
import { logger } from '../src/server/logger'

const log = logger.child({ module: 'make-seed-images' })
const OUT = path.resolve(import.meta.dirname, '..', 'src', 'seed', 'images')
const MAX_BYTES = 40 * 1024

for (const picture of SEED_PICTURES) {
  let quality = 72
  let webp = await sharp(Buffer.from(picture.svg())).resize(picture.width, picture.height).webp({ quality, effort: 6 }).toBuffer()
  while (webp.length > MAX_BYTES && quality > 40) {
    quality -= 8
    webp = await sharp(Buffer.from(picture.svg())).resize(picture.width, picture.height).webp({ quality, effort: 6 }).toBuffer()
  }
  if (webp.length > MAX_BYTES) throw new Error(`${picture.file}.webp is ${webp.length} bytes, over ${MAX_BYTES}`)
  await writeFile(path.join(OUT, `${picture.file}.webp`), webp)
  log.info({ file: `${picture.file}.webp`, bytes: webp.length, quality }, 'seed picture written')
}
