/**
 * The brand colour from settings as CSS custom properties for the storefront (set on <html>):
 * `--brand` (button backgrounds), `--on-brand` (text on those buttons) and `--brand-ink` (brand
 * text on the light page background). An editor may pick any hex colour, so the text colours are
 * chosen by WCAG contrast: white or near-black on the brand, and the brand itself as text only
 * when it reads on every light surface (4.5:1), a dark fallback otherwise. Pure; no I/O.
 */

const DARK = '#1f1a17'
const WHITE = '#ffffff'
/** The light surfaces brand-coloured text sits on (site.inline-css `--color-bg`, `--color-surface-muted`). */
const SURFACES = ['#fffaf5', '#f5ede6'] as const

function channel(c: number): number {
  const s = c / 255
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
}

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex)
  if (!m) throw new RangeError(`expected #rrggbb, got "${hex}"`)
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => channel(parseInt(x ?? '0', 16)))
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0)
}

/** WCAG contrast ratio between two #rrggbb colours (1–21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05)
}

export interface BrandVars {
  '--brand': string
  '--on-brand': string
  '--brand-ink': string
}

export function brandVars(brand: string): BrandVars {
  const onBrand = contrastRatio(brand, WHITE) >= 4.5 ? WHITE : contrastRatio(brand, DARK) >= contrastRatio(brand, WHITE) ? DARK : WHITE
  const ink = SURFACES.every((bg) => contrastRatio(brand, bg) >= 4.5) ? brand : DARK
  return { '--brand': brand, '--on-brand': onBrand, '--brand-ink': ink }
}
