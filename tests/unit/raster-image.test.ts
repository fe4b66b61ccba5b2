/**
 * Which uploads count as raster images: by their first bytes only. Real images come from sharp
 * (in memory); the refusals are the texts an attacker would upload under an image's name.
 */
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'

import { rasterFileName, sniffRasterImage, type RasterImageType } from '../../src/domain/raster-image'

const ascii = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'))

async function encoded(format: 'jpeg' | 'png' | 'webp' | 'avif' | 'gif' | 'tiff'): Promise<Uint8Array> {
  return sharp({ create: { width: 4, height: 3, channels: 3, background: '#c33' } }).toFormat(format).toBuffer()
}

describe('sniffRasterImage', () => {
  it.each([
    ['jpeg', 'image/jpeg'],
    ['png', 'image/png'],
    ['webp', 'image/webp'],
    ['avif', 'image/avif'],
    ['gif', 'image/gif'],
  ] as const)('recognises a real %s image', async (format, type: RasterImageType) => {
    expect(sniffRasterImage(await encoded(format))).toBe(type)
  })

  it('recognises an AVIF whose major brand is mif1 and lists avif among its compatible brands', () => {
    const box = new Uint8Array([0, 0, 0, 0x18, ...ascii('ftypmif1'), 0, 0, 0, 0, ...ascii('mif1avif')])
    expect(sniffRasterImage(box)).toBe('image/avif')
  })

  it('refuses HEIC, which is HEIF but not AVIF', () => {
    const box = new Uint8Array([0, 0, 0, 0x18, ...ascii('ftypheic'), 0, 0, 0, 0, ...ascii('mif1heic')])
    expect(sniffRasterImage(box)).toBeNull()
  })

  it('does not read a brand beyond the ftyp box', () => {
    const box = new Uint8Array([0, 0, 0, 0x10, ...ascii('ftypheic'), 0, 0, 0, 0, ...ascii('avif')])
    expect(sniffRasterImage(box)).toBeNull()
  })

  it('refuses TIFF, which browsers do not show', async () => {
    expect(sniffRasterImage(await encoded('tiff'))).toBeNull()
  })

  it.each([
    ['an SVG with a script', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
    ['an SVG with an XML declaration', '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'],
    ['an HTML page', '<!doctype html><html><script>alert(1)</script></html>'],
    ['plain text', 'hello'],
    ['a RIFF file that is not WebP', 'RIFF\u0000\u0000\u0000\u0000WAVEfmt '],
    ['a GIF signature cut short', 'GIF8'],
    ['nothing', ''],
  ])('refuses %s', (_what, content) => {
    expect(sniffRasterImage(ascii(content))).toBeNull()
  })
})

describe('rasterFileName', () => {
  it('keeps a name whose extension matches the content, in any case', () => {
    expect(rasterFileName('grill.png', 'image/png')).toBe('grill.png')
    expect(rasterFileName('GRILL.JPEG', 'image/jpeg')).toBe('GRILL.JPEG')
    expect(rasterFileName('grill.jpg', 'image/jpeg')).toBe('grill.jpg')
  })

  it('puts the content’s extension on a name that claims another type or none', () => {
    expect(rasterFileName('grill.html', 'image/png')).toBe('grill.png')
    expect(rasterFileName('grill.svg', 'image/webp')).toBe('grill.webp')
    expect(rasterFileName('grill.png', 'image/jpeg')).toBe('grill.jpg')
    expect(rasterFileName('grill', 'image/gif')).toBe('grill.gif')
    expect(rasterFileName('.htaccess', 'image/avif')).toBe('.htaccess.avif')
  })
})
