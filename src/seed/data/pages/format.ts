/**
 * Number formats for the seed's page copy only (US English, written once into the pages). Pure
 * functions; must never format what the storefront shows live: src/site/format.ts does that.
 */

/** '22:00' → '10 pm', '12:30' → '12:30 pm' (US copy). */
export function clock(hhmm: string): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number)
  const hour12 = h % 12 === 0 ? 12 : h % 12
  return `${hour12}${m === 0 ? '' : `:${String(m).padStart(2, '0')}`} ${h < 12 ? 'am' : 'pm'}`
}

export const dollars = (cents: number) => (cents % 100 === 0 ? `$${cents / 100}` : `$${(cents / 100).toFixed(2)}`)
