// Quote calculation for a hibachi event: per-person food, menu selections, minimum
// order, travel fee by service zone, sales tax and deposit. All money is integer cents;
// every division rounds half up via ./money. Pure and deterministic: must never read
// prices from storage (callers pass menuItems) or depend on the clock.
import { ValidationError, type ValidationIssue } from './errors'
import { applyRateMicros, percentOfCents } from './money'
import type { BusinessSettings } from './settings'
import { findServiceZone, outsideServiceAreaMessage } from './validation'

export interface MenuItemForPricing {
  id: string
  name: string
  category: 'protein' | 'upgrade' | 'add-on' | 'side'
  priceCents: number
  /** per_guest: price × number of guests the selection is for; flat: price × quantity. */
  pricing: 'per_guest' | 'flat'
  active: boolean
}

export interface QuoteLineItem {
  label: string
  amountCents: number
}

export interface Quote {
  /** Food lines (people, menu selections, minimum order adjustment); they sum to subtotalCents. */
  lineItems: QuoteLineItem[]
  subtotalCents: number
  travelFeeCents: number
  taxCents: number
  depositCents: number
  totalCents: number
  currency: string
}

export interface QuoteInput {
  guests: { adults: number; children: number }
  /** null: the address is not known yet, so there is no travel fee and no service-area check. */
  zip: string | null
  menu: { item: string; quantity: number }[]
}

export const MINIMUM_ORDER_LABEL = 'Minimum order adjustment'

/**
 * Rules:
 * - "Adults × n" = n × adultPriceCents (always shown); "Children × n" = n × childPriceCents (only if n > 0);
 * - each menu selection adds "<name> × <quantity>" = priceCents × quantity. For per_guest items
 *   the quantity is the number of guests it is for, so it may not exceed the guest count;
 *   unknown/inactive items fail at `menu.<index>.item`, bad quantities at `menu.<index>.quantity`;
 * - if the food total is below minimumOrderCents a "Minimum order adjustment" line tops it up,
 *   so subtotal = max(food, minimum);
 * - travel fee comes from the ZIP's service zone (outside every zone → `address.zip`); with no
 *   ZIP yet (zip null) the travel fee is 0 and the caller says it is still to come;
 * - tax = round_half_up((subtotal + travel) × taxRateMicros / 1e6): the travel fee IS taxed;
 * - total = subtotal + travel + tax;
 * - deposit: fixed amount capped at the total, or round_half_up(total × percent / 100).
 * All problems are reported together in one ValidationError.
 */
export function computeQuote(settings: BusinessSettings, req: QuoteInput, menuItems: MenuItemForPricing[]): Quote {
  const issues: ValidationIssue[] = []
  const { adults, children } = req.guests
  if (!Number.isInteger(adults) || adults < 0) issues.push({ path: 'guests.adults', message: 'Adults must be a whole number, 0 or more' })
  if (!Number.isInteger(children) || children < 0) issues.push({ path: 'guests.children', message: 'Children must be a whole number, 0 or more' })
  const guestTotal = adults + children

  const lineItems: QuoteLineItem[] = [{ label: `Adults × ${adults}`, amountCents: adults * settings.adultPriceCents }]
  if (children > 0) {
    lineItems.push({ label: `Children × ${children}`, amountCents: children * settings.childPriceCents })
  }

  const byId = new Map(menuItems.map((m) => [m.id, m]))
  req.menu.forEach((selection, index) => {
    const item = byId.get(selection.item)
    if (item === undefined || !item.active) {
      issues.push({ path: `menu.${index}.item`, message: 'That menu item is not available' })
      return
    }
    const { quantity } = selection
    if (!Number.isInteger(quantity) || quantity < 1) {
      issues.push({ path: `menu.${index}.quantity`, message: 'Quantity must be a whole number, 1 or more' })
      return
    }
    if (item.pricing === 'per_guest' && quantity > guestTotal) {
      issues.push({
        path: `menu.${index}.quantity`,
        message: `${item.name} is priced per guest and cannot be ordered for more than ${guestTotal} guests`,
      })
      return
    }
    lineItems.push({ label: `${item.name} × ${quantity}`, amountCents: item.priceCents * quantity })
  })

  const zone = req.zip === null ? null : findServiceZone(settings, req.zip)
  if (req.zip !== null && zone === null) issues.push({ path: 'address.zip', message: outsideServiceAreaMessage(req.zip) })

  if (issues.length > 0) throw new ValidationError(issues)

  const foodCents = sumCents(lineItems)
  if (foodCents < settings.minimumOrderCents) {
    lineItems.push({ label: MINIMUM_ORDER_LABEL, amountCents: settings.minimumOrderCents - foodCents })
  }
  const subtotalCents = Math.max(foodCents, settings.minimumOrderCents)
  const travelFeeCents = zone?.travelFeeCents ?? 0
  const taxCents = applyRateMicros(subtotalCents + travelFeeCents, settings.taxRateMicros)
  const totalCents = subtotalCents + travelFeeCents + taxCents

  return {
    lineItems,
    subtotalCents,
    travelFeeCents,
    taxCents,
    depositCents: depositFor(settings, totalCents),
    totalCents,
    currency: settings.currency,
  }
}

/** Deposit due for a quote total: fixed (capped at total) or a rounded percentage. */
export function depositFor(settings: Pick<BusinessSettings, 'deposit'>, totalCents: number): number {
  const rule = settings.deposit
  return rule.kind === 'fixed' ? Math.min(rule.amountCents, totalCents) : percentOfCents(totalCents, rule.percent)
}

function sumCents(lines: QuoteLineItem[]): number {
  return lines.reduce((acc, l) => acc + l.amountCents, 0)
}
