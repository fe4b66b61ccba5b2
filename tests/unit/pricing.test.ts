import { describe, expect, it } from 'vitest'
import { computeQuote, depositFor, type MenuItemForPricing, type QuoteInput } from '../../src/domain/pricing'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { issuePaths, settingsWith, validationIssues } from './support'

const MENU: MenuItemForPricing[] = [
  { id: 'filet', name: 'Filet Mignon', category: 'upgrade', priceCents: 1500, pricing: 'per_guest', active: true },
  { id: 'lobster', name: 'Lobster Tail', category: 'upgrade', priceCents: 2000, pricing: 'per_guest', active: true },
  { id: 'gyoza', name: 'Gyoza (12 pc)', category: 'add-on', priceCents: 1200, pricing: 'flat', active: true },
  { id: 'eel', name: 'Unagi', category: 'protein', priceCents: 900, pricing: 'per_guest', active: false },
]

function quote(req: Partial<QuoteInput>, settings = DEFAULT_SETTINGS) {
  return computeQuote(settings, { guests: { adults: 10, children: 0 }, zip: '10001', menu: [], ...req }, MENU)
}

describe('quoting an event', () => {
  it('charges $60 per adult and adds New York sales tax', () => {
    expect(quote({})).toEqual({
      lineItems: [{ label: 'Adults × 10', amountCents: 60000 }],
      subtotalCents: 60000,
      travelFeeCents: 0,
      taxCents: 5325,
      depositCents: 10000,
      totalCents: 65325,
      currency: 'usd',
    })
  })

  it('charges children half price', () => {
    const q = quote({ guests: { adults: 8, children: 4 } })
    expect(q.lineItems).toEqual([
      { label: 'Adults × 8', amountCents: 48000 },
      { label: 'Children × 4', amountCents: 12000 },
    ])
    expect(q.subtotalCents).toBe(60000)
  })

  it('prices the party before the address is known, with no travel fee yet', () => {
    const q = quote({ zip: null })
    expect(q.travelFeeCents).toBe(0)
    expect(q.totalCents).toBe(65325)
  })

  it('adds the travel fee once the ZIP is known', () => {
    expect(quote({ zip: '10150' }).travelFeeCents).toBe(2500)
  })

  it('leaves out the children line when no children come', () => {
    expect(quote({}).lineItems.map((l) => l.label)).toEqual(['Adults × 10'])
  })

  it('prices per-guest upgrades by the number of guests and flat add-ons by quantity', () => {
    const q = quote({ menu: [{ item: 'filet', quantity: 5 }, { item: 'gyoza', quantity: 2 }] })
    expect(q.lineItems).toEqual([
      { label: 'Adults × 10', amountCents: 60000 },
      { label: 'Filet Mignon × 5', amountCents: 7500 },
      { label: 'Gyoza (12 pc) × 2', amountCents: 2400 },
    ])
    expect(q.subtotalCents).toBe(69900)
  })

  it('refuses a per-guest upgrade for more guests than are coming', () => {
    expect(issuePaths(() => quote({ menu: [{ item: 'lobster', quantity: 11 }] }))).toEqual(['menu.0.quantity'])
    expect(quote({ menu: [{ item: 'lobster', quantity: 10 }] }).subtotalCents).toBe(80000)
  })

  it('allows a flat add-on in any quantity', () => {
    expect(quote({ menu: [{ item: 'gyoza', quantity: 30 }] }).subtotalCents).toBe(60000 + 36000)
  })

  it('rejects unknown and inactive menu items at their index', () => {
    const issues = validationIssues(() =>
      quote({ menu: [{ item: 'filet', quantity: 1 }, { item: 'wagyu', quantity: 1 }, { item: 'eel', quantity: 2 }] }),
    )
    expect(issues.map((i) => i.path)).toEqual(['menu.1.item', 'menu.2.item'])
  })

  it('rejects a menu quantity below one', () => {
    expect(issuePaths(() => quote({ menu: [{ item: 'gyoza', quantity: 0 }] }))).toEqual(['menu.0.quantity'])
  })

  it('tops a small party up to the $550 minimum order', () => {
    const q = quote({ guests: { adults: 5, children: 0 } })
    expect(q.lineItems).toEqual([
      { label: 'Adults × 5', amountCents: 30000 },
      { label: 'Minimum order adjustment', amountCents: 25000 },
    ])
    expect(q.subtotalCents).toBe(55000)
    expect(q.lineItems.reduce((sum, l) => sum + l.amountCents, 0)).toBe(q.subtotalCents)
  })

  it('counts menu extras toward the minimum order', () => {
    const q = quote({ guests: { adults: 8, children: 0 }, menu: [{ item: 'gyoza', quantity: 2 }] })
    expect(q.lineItems.at(-1)).toEqual({ label: 'Minimum order adjustment', amountCents: 55000 - 48000 - 2400 })
    expect(q.subtotalCents).toBe(55000)
  })

  it('adds no adjustment when food exactly meets the minimum', () => {
    const q = quote({}, settingsWith({ minimumOrderCents: 60000 }))
    expect(q.lineItems.map((l) => l.label)).toEqual(['Adults × 10'])
    expect(q.subtotalCents).toBe(60000)
  })

  it('charges no travel fee in Manhattan', () => {
    expect(quote({ zip: '10099' }).travelFeeCents).toBe(0)
  })

  it('charges the Upper Manhattan travel fee and taxes it', () => {
    const q = quote({ zip: '10150' })
    expect(q.travelFeeCents).toBe(2500)
    // (60000 + 2500) × 8.875% = 5546.875 → 5547
    expect(q.taxCents).toBe(5547)
    expect(q.totalCents).toBe(60000 + 2500 + 5547)
  })

  it('refuses to quote a ZIP outside the service area', () => {
    const issues = validationIssues(() => quote({ zip: '07302' }))
    expect(issues).toEqual([{ path: 'address.zip', message: 'Sorry, we do not serve ZIP 07302 yet' }])
  })

  it('reports menu and ZIP problems together', () => {
    expect(issuePaths(() => quote({ zip: '07302', menu: [{ item: 'nope', quantity: 1 }] }))).toEqual([
      'address.zip',
      'menu.0.item',
    ])
  })

  it('rounds tax half a cent up', () => {
    const settings = settingsWith({ adultPriceCents: 1010, minimumOrderCents: 0, taxRateMicros: 50000 })
    expect(quote({ guests: { adults: 1, children: 0 } }, settings).taxCents).toBe(51) // 50.5
    const cheaper = settingsWith({ adultPriceCents: 1009, minimumOrderCents: 0, taxRateMicros: 50000 })
    expect(quote({ guests: { adults: 1, children: 0 } }, cheaper).taxCents).toBe(50) // 50.45
  })

  it('asks for the fixed $100 deposit', () => {
    expect(quote({}).depositCents).toBe(10000)
  })

  it('caps a fixed deposit at the quote total', () => {
    const settings = settingsWith({ deposit: { kind: 'fixed', amountCents: 100000 } })
    const q = quote({}, settings)
    expect(q.depositCents).toBe(q.totalCents)
    expect(q.depositCents).toBe(65325)
  })

  it('takes a percentage deposit of the total, rounded half up', () => {
    expect(quote({}, settingsWith({ deposit: { kind: 'percent', percent: 25 } })).depositCents).toBe(16331) // 16331.25
    expect(quote({}, settingsWith({ deposit: { kind: 'percent', percent: 50 } })).depositCents).toBe(32663) // 32662.5
    expect(depositFor({ deposit: { kind: 'percent', percent: 0 } }, 65325)).toBe(0)
  })

  it('uses the currency from settings', () => {
    expect(quote({}, settingsWith({ currency: 'cad' })).currency).toBe('cad')
  })

  it('gives the same quote for the same request and leaves inputs untouched', () => {
    const req: QuoteInput = { guests: { adults: 6, children: 3 }, zip: '10200', menu: [{ item: 'filet', quantity: 2 }] }
    const snapshot = structuredClone(req)
    const a = computeQuote(DEFAULT_SETTINGS, req, MENU)
    const b = computeQuote(DEFAULT_SETTINGS, req, MENU)
    expect(a).toEqual(b)
    expect(req).toEqual(snapshot)
  })
})
