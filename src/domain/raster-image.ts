/**
 * Which uploads count as images the site may store and serve: raster images in the formats every
 * browser shows — JPEG, PNG, WebP, AVIF, GIF — recognised by the first bytes of the file, never by
 * its name or the Content-Type the uploader declared. SVG is not among them: it is a document
 * that can carry scripts, and so is anything else text-based (HTML, XML).
 *
 * Pure and framework-free: the Media collection's upload hook reads the file's first bytes, asks
 * `sniffRasterImage`, then has sharp decode the header to confirm (src/collections/Media).
 */

export type RasterImageType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/avif' | 'image/gif'

/** The accepted types, in the order the admin's file picker lists them. */
export const RASTER_IMAGE_TYPES: readonly RasterImageType[] = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif']

/** Plain names of the accepted formats, for messages. */
export const RASTER_IMAGE_NAMES = 'JPEG, PNG, WebP, AVIF or GIF'

/** The file extension each type is stored under, and the other extensions accepted as its own. */
export const RASTER_IMAGE_EXTENSIONS: Record<RasterImageType, readonly string[]> = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'image/avif': ['avif'],
  'image/gif': ['gif'],
}

/** How many leading bytes `sniffRasterImage` needs at most (an AVIF `ftyp` box's brands). */
export const SNIFF_BYTES = 64

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false
  return signature.every((byte, i) => bytes[offset + i] === byte)
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0))
}

const JPEG = [0xff, 0xd8, 0xff]
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const GIF87 = ascii('GIF87a')
const GIF89 = ascii('GIF89a')
const RIFF = ascii('RIFF')
const WEBP = ascii('WEBP')
const FTYP = ascii('ftyp')
const AVIF_BRANDS = [ascii('avif'), ascii('avis')]

/**
 * The raster type the bytes begin with, or null. AVIF is an ISO-BMFF file whose `ftyp` box names
 * `avif` (still) or `avis` (sequence) as its major or a compatible brand; other HEIF files (HEIC
 * from phones) are not AVIF and most browsers cannot show them.
 */
export function sniffRasterImage(bytes: Uint8Array): RasterImageType | null {
  if (startsWith(bytes, JPEG)) return 'image/jpeg'
  if (startsWith(bytes, PNG)) return 'image/png'
  if (startsWith(bytes, GIF87) || startsWith(bytes, GIF89)) return 'image/gif'
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'image/webp'
  if (startsWith(bytes, FTYP, 4) && isAvifBrandBox(bytes)) return 'image/avif'
  return null
}

function isAvifBrandBox(bytes: Uint8Array): boolean {
  const boxSize = (((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0)) >>> 0
  const end = Math.min(boxSize, bytes.length)
  // Major brand at 8; minor version at 12; compatible brands from 16, four bytes each.
  for (let offset = 8; offset + 4 <= end; offset += offset === 8 ? 8 : 4) {
    if (AVIF_BRANDS.some((brand) => startsWith(bytes, brand, offset))) return true
  }
  return false
}

/**
 * The name to store an upload under: its own name when the extension already matches the content
 * (case-insensitive), otherwise the name with the content's extension put on (`photo.html` →
 * `photo.png`, `photo` → `photo.png`). A stored file's extension then never claims another type,
 * whatever serves the directory.
 */
export function rasterFileName(name: string, type: RasterImageType): string {
  const extensions = RASTER_IMAGE_EXTENSIONS[type]
  const dot = name.lastIndexOf('.')
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : ''
  if (extensions.includes(extension)) return name
  const base = dot > 0 ? name.slice(0, dot) : name
  return `${base || 'image'}.${extensions[0] ?? 'img'}`
}
