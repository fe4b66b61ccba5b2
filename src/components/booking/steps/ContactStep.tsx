/**
 * Step 5 of the booking form: who we confirm the booking with, and the free-text notes (dietary
 * needs, anything else) the chef reads before the party.
 */
import { Field } from '../Field'
import type { StepProps } from './types'

export function ContactStep({ draft, update, errorOf }: Omit<StepProps, 'config'>) {
  return (
    <fieldset>
      <legend>How can we reach you?</legend>
      <Field path="contact.name" label="Your name" autoComplete="name" maxLength={120} value={draft.contact.name} error={errorOf('contact.name')} onValue={(v) => update((d) => ({ contact: { ...d.contact, name: v } }), ['contact.name'])} />
      <Field path="contact.email" label="Email" type="email" autoComplete="email" maxLength={254} value={draft.contact.email} error={errorOf('contact.email')} hint="We send the confirmation and your manage link here." onValue={(v) => update((d) => ({ contact: { ...d.contact, email: v } }), ['contact.email'])} />
      <Field path="contact.phone" label="Phone" type="tel" autoComplete="tel" maxLength={20} value={draft.contact.phone} error={errorOf('contact.phone')} onValue={(v) => update((d) => ({ contact: { ...d.contact, phone: v } }), ['contact.phone'])} />
      <Field path="dietaryNotes" label="Allergies and dietary needs (optional)" multiline maxLength={500} value={draft.dietaryNotes} error={errorOf('dietaryNotes')} onValue={(v) => update(() => ({ dietaryNotes: v }), ['dietaryNotes'])} />
      <Field path="specialRequests" label="Anything else we should know? (optional)" multiline maxLength={500} value={draft.specialRequests} error={errorOf('specialRequests')} onValue={(v) => update(() => ({ specialRequests: v }), ['specialRequests'])} />
    </fieldset>
  )
}
