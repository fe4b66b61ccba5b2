/**
 * Keeps a customer's `displayName` ("Ana Sato — ana@example.com") in step with the name and email
 * on every write through Payload: it is the collection's admin title, so relationship selects and
 * document titles read as a person instead of "Untitled". Raw-SQL writers of the name or email
 * (anonymise.ts) set it themselves. The wording is the domain's (customerDisplayName).
 */
import type { CollectionBeforeChangeHook } from 'payload'

import { customerDisplayName } from '../../../domain/bookingForm'

export const setDisplayName: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  const pick = (key: 'name' | 'email'): unknown => (data[key] !== undefined ? data[key] : (originalDoc as Record<string, unknown> | undefined)?.[key])
  data.displayName = customerDisplayName(pick('name'), pick('email')) || null
  return data
}
