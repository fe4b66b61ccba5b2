/**
 * Step 4 of the booking form: where the party is. A 5-digit ZIP is checked against the service
 * areas as it is typed, so the customer learns at once whether we come there and at what travel
 * fee (the server checks again when pricing and booking).
 */
import { outsideServiceAreaMessage } from '../../../domain/validation'
import { formatCents } from '../../../site/format'
import { zoneForZip } from '../draft'
import { Field } from '../Field'
import type { StepProps } from './types'

export function AddressStep({ draft, config, update, errorOf }: StepProps) {
  const zip = draft.address.zip.trim()
  const zone = /^\d{5}$/.test(zip) ? zoneForZip(config, zip) : null
  return (
    <fieldset>
      <legend>Where is the party?</legend>
      <p className="hint">We cook outdoors: a backyard, patio, rooftop or terrace with about 8 × 8 ft of level space.</p>
      <Field path="address.street" label="Street address" autoComplete="street-address" maxLength={200} value={draft.address.street} error={errorOf('address.street')} onValue={(v) => update((d) => ({ address: { ...d.address, street: v } }), ['address.street'])} />
      <div className="field-row">
        <Field path="address.city" label="City" autoComplete="address-level2" maxLength={100} value={draft.address.city} error={errorOf('address.city')} onValue={(v) => update((d) => ({ address: { ...d.address, city: v } }), ['address.city'])} />
        <Field path="address.state" label="State" autoComplete="address-level1" maxLength={50} value={draft.address.state} error={errorOf('address.state')} onValue={(v) => update((d) => ({ address: { ...d.address, state: v } }), ['address.state'])} />
      </div>
      <Field
        path="address.zip"
        label="ZIP code"
        autoComplete="postal-code"
        inputMode="numeric"
        maxLength={5}
        value={draft.address.zip}
        error={errorOf('address.zip') ?? (/^\d{5}$/.test(zip) && !zone ? `${outsideServiceAreaMessage(zip)}. We cook in ${config.serviceAreas.map((a) => a.zone).join('; ')}.` : undefined)}
        onValue={(v) => update((d) => ({ address: { ...d.address, zip: v.replace(/\D/g, '').slice(0, 5) } }), ['address.zip'])}
      />
      <p className="zip-status" aria-live="polite">
        {zone ? `We serve ${zip} (${zone.zone}). Travel fee: ${zone.travelFeeCents === 0 ? 'none' : formatCents(zone.travelFeeCents, config.currency)}.` : ''}
      </p>
    </fieldset>
  )
}
