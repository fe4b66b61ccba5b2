/**
 * Presentation helpers for the storefront: money, clock times, menu prices and the sentences
 * that explain settings (refund tiers, deposit, travel fees). Pure functions of their inputs,
 * safe on the server and in the browser. They must never decide a business rule — amounts and
 * tiers come from src/domain and the settings; this file only words them.
 */
import type { BusinessSettings, CancellationTier, DepositRule } from '../domain'
import { parseHHMM } from '../domain/time'

const LOCALE = 'en-US'
const moneyFormats = new Map<string, { whole: Intl.NumberFormat; exact: Intl.NumberFormat; minorDigits: number }>()

function moneyFormat(currency: string) {
  const code = currency.toUpperCase()
  let f = moneyFormats.get(code)
  if (!f) {
    // Throws RangeError for a code Intl does not know: a settings bug worth surfacing.
    const exact = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: code })
    const minorDigits = exact.resolvedOptions().maximumFractionDigits ?? 2
    const whole = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: code, minimumFractionDigits: 0, maximumFractionDigits: 0 })
    f = { whole, exact, minorDigits }
    moneyFormats.set(code, f)
  }
  return f
}

/**
 * Integer minor units (cents) → "$60", "$12.50", "-$5". Whole amounts drop the decimals, the way
 * prices are written on a menu. `currency` is ISO 4217 in any case ("usd", "EUR").
 */
export function formatCents(cents: number, currency: string): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`formatCents expects whole cents, got ${cents}`)
  const f = moneyFormat(currency)
  const unit = 10 ** f.minorDigits
  return (cents % unit === 0 ? f.whole : f.exact).format(cents / unit)
}

/** How a menu item's price reads next to it: "included", "+$10 per guest", "$15 flat". */
export function formatMenuPrice(item: { priceCents: number; pricing: 'per_guest' | 'flat' }, currency: string): string {
  if (item.priceCents === 0) return 'included'
  const amount = formatCents(item.priceCents, currency)
  return item.pricing === 'per_guest' ? `+${amount} per guest` : `${amount} flat`
}

/** "No travel fee" or "$25 travel fee". */
export function formatTravelFee(cents: number, currency: string): string {
  return cents === 0 ? 'No travel fee' : `${formatCents(cents, currency)} travel fee`
}

/** '22:00' → '10 pm', '12:30' → '12:30 pm', '00:00' → '12 am' (US wall-clock copy). */
export function formatClock(hhmm: string): string {
  // parseHHMM throws a RangeError on anything but a 24-hour HH:MM (the domain's one pattern).
  const minutes = parseHHMM(hhmm)
  const h = Math.floor(minutes / 60)
  const min = minutes % 60
  const hour12 = h % 12 === 0 ? 12 : h % 12
  return `${hour12}${min === 0 ? '' : `:${String(min).padStart(2, '0')}`} ${h < 12 ? 'am' : 'pm'}`
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** 48 → '48 hours', 24 → '24 hours', 1 → '1 hour'. */
export const formatHours = (hours: number): string => plural(hours, 'hour', 'hours')

export interface RefundRow {
  /** "7 or more days before", "3–6 days before", "Less than 3 days before". */
  when: string
  /** "100% refund", "50% refund", "No refund". */
  refund: string
  refundPercent: number
}

const refundText = (percent: number) => (percent === 0 ? 'No refund' : `${percent}% refund`)

/**
 * The refund tiers as rows, most generous first, covering every moment before the event. Days are
 * whole 24-hour periods before the start (see refundForCancellation), so the ranges are integers.
 * A gap below the lowest tier (no tier at 0 days) gets a "No refund" row, as the rule does.
 */
export function describeCancellationTiers(tiers: readonly CancellationTier[]): RefundRow[] {
  const sorted = [...tiers].sort((a, b) => b.minDaysBefore - a.minDaysBefore)
  const rows: RefundRow[] = sorted.map((tier, i) => {
    const above = sorted[i - 1]
    const from = tier.minDaysBefore
    let when: string
    if (!above) when = from === 0 ? 'Any time before the event' : `${from} or more days before`
    else if (from === 0) when = `Less than ${plural(above.minDaysBefore, 'day', 'days')} before`
    else if (above.minDaysBefore - 1 === from) when = `${plural(from, 'day', 'days')} before`
    else when = `${from}–${above.minDaysBefore - 1} days before`
    return { when, refund: refundText(tier.refundPercent), refundPercent: tier.refundPercent }
  })
  const lowest = sorted[sorted.length - 1]
  if (lowest && lowest.minDaysBefore > 0) {
    rows.push({ when: `Less than ${plural(lowest.minDaysBefore, 'day', 'days')} before`, refund: refundText(0), refundPercent: 0 })
  }
  return rows
}

/** "A $100 deposit holds your date (or the whole total, if that is less)." / "A deposit of 20% of the total holds your date." */
export function describeDeposit(deposit: DepositRule, currency: string): string {
  if (deposit.kind === 'percent') return `A deposit of ${deposit.percent}% of the total holds your date.`
  if (deposit.amountCents === 0) return 'No deposit is needed to hold your date.'
  return `A ${formatCents(deposit.amountCents, currency)} deposit holds your date (or the whole total, if that is less).`
}

/** The start window and booking horizon as one sentence each. */
export function describeBookingWindow(s: Pick<BusinessSettings, 'startWindow' | 'leadTimeHours' | 'maxAdvanceDays'>): { startWindow: string; leadTime: string } {
  return {
    startWindow: `Events can start between ${formatClock(s.startWindow.earliest)} and ${formatClock(s.startWindow.latest)}.`,
    leadTime:
      s.leadTimeHours > 0
        ? `Book at least ${formatHours(s.leadTimeHours)} ahead and up to ${plural(s.maxAdvanceDays, 'day', 'days')} in advance.`
        : `Book up to ${plural(s.maxAdvanceDays, 'day', 'days')} in advance.`,
  }
}

const DIETARY_LABELS: Record<string, string> = {
  vegetarian: 'Vegetarian',
  vegan: 'Vegan',
  'gluten-free': 'Gluten-free',
  'contains-shellfish': 'Contains shellfish',
  'contains-fish': 'Contains fish',
  'dairy-free': 'Dairy-free',
  'nut-free': 'Nut-free',
}

/** 'contains-shellfish' → 'Contains shellfish'; unknown tags are made readable the same way. */
export function dietaryLabel(tag: string): string {
  const known = DIETARY_LABELS[tag]
  if (known) return known
  const words = tag.replace(/[-_]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** '(212) 555-0147' → 'tel:+12125550147' for 10-digit North American numbers; otherwise digits and a leading + kept. */
export function telHref(phone: string): string {
  const trimmed = phone.trim()
  const digits = trimmed.replace(/\D/g, '')
  if (trimmed.startsWith('+')) return `tel:+${digits}`
  if (digits.length === 10) return `tel:+1${digits}`
  if (digits.length === 11 && digits.startsWith('1')) return `tel:+${digits}`
  return `tel:${digits}`
}
