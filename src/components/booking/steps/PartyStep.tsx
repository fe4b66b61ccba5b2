/**
 * Step 3 of the booking form: how many adults and children, and the menu by category with each
 * item's price as the settings word it. The price of the whole party is the server's (the quote
 * beside the form); nothing here adds money up.
 */
import { formatCents } from '../../../site/format'
import { Field } from '../Field'
import type { StepProps } from './types'

const CATEGORIES = ['protein', 'upgrade', 'add-on', 'side'] as const

const LEGENDS: Record<(typeof CATEGORIES)[number], string> = {
  protein: 'Proteins (included — two per guest; tell us how many of each)',
  upgrade: 'Upgrades (per guest who takes one)',
  'add-on': 'Add-ons',
  side: 'Sides',
}

/** A typed count as a whole number, 0 or more (empty or junk reads as 0). */
const count = (v: string) => Math.max(0, Math.floor(Number(v) || 0))

export function PartyStep({ draft, config, update, errorOf }: StepProps) {
  const guests = draft.adults + draft.children
  return (
    <>
      <fieldset>
        <legend>Who is coming?</legend>
        <div className="field-row">
          <Field
            path="guests.adults"
            label="Adults"
            type="number"
            inputMode="numeric"
            min={1}
            max={config.maxGuests}
            value={String(draft.adults)}
            error={errorOf('guests.adults') ?? errorOf('guests')}
            onValue={(v) => update(() => ({ adults: count(v) }), ['guests.adults', 'guests'])}
          />
          <Field
            path="guests.children"
            label={`Children (${config.childMaxAge} and under)`}
            type="number"
            inputMode="numeric"
            min={0}
            max={config.maxGuests}
            value={String(draft.children)}
            error={errorOf('guests.children')}
            onValue={(v) => update(() => ({ children: count(v) }), ['guests.children', 'guests'])}
          />
        </div>
      </fieldset>
      {CATEGORIES.map((category) => {
        const items = config.menu.filter((m) => m.category === category)
        if (items.length === 0) return null
        return (
          <fieldset key={category} className="menu-choices">
            <legend>{LEGENDS[category]}</legend>
            {items.map((item) => (
              <Field
                key={item.id}
                path={`menu.${item.id}`}
                label={
                  <>
                    {item.name}{' '}
                    <span className="price">
                      {item.priceCents === 0 ? 'included' : `${formatCents(item.priceCents, config.currency)}${item.pricing === 'per_guest' ? ' per guest' : ' each'}`}
                    </span>
                  </>
                }
                type="number"
                inputMode="numeric"
                min={0}
                max={item.pricing === 'per_guest' ? Math.max(guests, 0) : 100}
                value={String(draft.menu[item.id] ?? 0)}
                error={errorOf(`menu.${item.id}`)}
                onValue={(v) => update((d) => ({ menu: { ...d.menu, [item.id]: Math.min(100, count(v)) } }), [`menu.${item.id}`])}
              />
            ))}
          </fieldset>
        )
      })}
    </>
  )
}
