/**
 * The Media collection stores raster images only (JPEG, PNG, WebP, AVIF, GIF), judged by the
 * file's content — never by its name or the Content-Type the uploader declared, both of which the
 * uploader controls. An SVG (which can carry scripts), an HTML page named `photo.png` and declared
 * `image/png`, or a file that merely starts like an image are refused with a 400 naming the file,
 * before Payload processes the bytes or writes anything.
 *
 * Two readers must agree: the first bytes (src/domain/raster-image.ts) and sharp's decoder, which
 * reads the header for real. Only bytes that already look like one of the five formats reach sharp,
 * so an SVG never reaches librsvg. An accepted file is passed on with the detected type and, if its
 * name claimed another type, the right extension (`photo.html` is stored as `photo.png`).
 *
 * A `beforeOperation` hook because it is the only collection hook that runs before Payload's
 * `generateFileData` (payload/dist/collections/operations/create.js): later hooks see the file
 * after it has been resized. It runs before access control too, so a caller who may not upload at
 * all can get this 400 instead of a 403; it learns no more than the admin's file picker says.
 * Payload's own check (checkFileRestrictions, against `upload.mimeTypes`) still runs afterwards.
 */
import { open } from 'node:fs/promises'

import { ValidationError, type CollectionBeforeOperationHook, type PayloadRequest } from 'payload'
import sharp, { type Metadata } from 'sharp'

import { RASTER_IMAGE_NAMES, SNIFF_BYTES, rasterFileName, sniffRasterImage, type RasterImageType } from '../../../domain/raster-image'

type UploadedFile = NonNullable<PayloadRequest['file']>

/** sharp's decoder name for each accepted type (AVIF is HEIF with AV1 compression). */
const SHARP_FORMAT: Record<RasterImageType, { format: string; compression?: string }> = {
  'image/jpeg': { format: 'jpeg' },
  'image/png': { format: 'png' },
  'image/webp': { format: 'webp' },
  'image/avif': { format: 'heif', compression: 'av1' },
  'image/gif': { format: 'gif' },
}

const FORMAT_LABEL: Record<RasterImageType, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/avif': 'AVIF',
  'image/gif': 'GIF',
}

/** The file's first bytes, from memory or, with `useTempFiles`, from its temp file. */
async function firstBytes(file: UploadedFile): Promise<Uint8Array> {
  if (file.data.length > 0 || !file.tempFilePath) return file.data.subarray(0, SNIFF_BYTES)
  const handle = await open(file.tempFilePath, 'r')
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

/** The uploader's file name, fit to quote in a message: no control characters, not endless. */
function quotedName(name: string): string {
  let printable = ''
  for (const char of name) printable += char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f ? '?' : char
  return `"${printable.length > 120 ? `${printable.slice(0, 117)}...` : printable}"`
}

/** Why the content is not an accepted image, or its type. */
async function inspect(file: UploadedFile): Promise<{ type: RasterImageType } | { problem: string }> {
  const head = await firstBytes(file)
  const type = sniffRasterImage(head)
  if (type === null) {
    const text = Buffer.from(head).toString('latin1').toLowerCase()
    if (text.includes('<svg') || (text.includes('<?xml') && file.name.toLowerCase().endsWith('.svg'))) {
      return { problem: `SVG images are not accepted, because they can contain scripts. Upload a ${RASTER_IMAGE_NAMES} image` }
    }
    return { problem: `its content is not a ${RASTER_IMAGE_NAMES} image (the file name and declared type do not count)` }
  }
  const expected = SHARP_FORMAT[type]
  let metadata: Metadata
  try {
    metadata = await sharp(file.data.length > 0 || !file.tempFilePath ? file.data : file.tempFilePath).metadata()
  } catch (err) {
    // The decoder's refusal is the answer: the bytes are not a readable image.
    const reason = err instanceof Error ? err.message.replace(/:\s*$/, '') : 'unreadable'
    return { problem: `it starts like a ${FORMAT_LABEL[type]} image but cannot be read (${reason})` }
  }
  const sameFormat = metadata.format === expected.format && (expected.compression === undefined || metadata.compression === expected.compression)
  if (!sameFormat || !metadata.width || !metadata.height) {
    return { problem: `it starts like a ${FORMAT_LABEL[type]} image but is not one` }
  }
  return { type }
}

export const acceptRasterImagesOnly: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  if ((operation !== 'create' && operation !== 'update') || !req.file) return args
  const file = req.file
  const result = await inspect(file)
  if ('problem' in result) {
    throw new ValidationError({ collection: collection.slug, errors: [{ path: 'file', message: `${quotedName(file.name)} is refused: ${result.problem}.` }] })
  }
  req.file = { ...file, mimetype: result.type, name: rasterFileName(file.name, result.type) }
  return args
}
