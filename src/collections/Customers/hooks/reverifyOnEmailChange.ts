/**
 * An email change keeps the account's email proven. Bookings are linked to customers by email,
 * so an account whose email is not proven must never sign in (Payload's `auth.verify` refuses it):
 * - a customer who changes their own email becomes unverified until the new address is
 *   confirmed, and a confirmation goes there;
 * - pending reset links (sent to the old address) stop working, or one of them would verify the
 *   new address unproven (see verifyOnPasswordReset.ts).
 * Staff changing a customer's email are trusted: only the reset links are dropped.
 */
import { randomBytes } from 'node:crypto'

import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'

import type {} from '../../../hooks/requestContext'
import { sendVerifyEmail } from '../emails'

const normalise = (email: unknown) => (typeof email === 'string' ? email.trim().toLowerCase() : undefined)

/** beforeChange: an email change drops reset links; a customer's own change needs a new proof. */
export const reverifyOnEmailChange: CollectionBeforeChangeHook = ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || !originalDoc) return data
  const next = normalise(data.email)
  if (next === undefined || next === normalise(originalDoc.email)) return data
  data.resetPasswordToken = null
  data.resetPasswordExpiration = null
  // Only customers reach here for their own account (the collection's access allows no other).
  if (req.user?.collection !== 'customers') return data
  const token = randomBytes(20).toString('hex')
  data._verified = false
  data._verificationToken = token
  req.context.reverify = { id: originalDoc.id as number | string, token }
  return data
}

/** afterChange: the confirmation mail for `reverifyOnEmailChange`, inside the same transaction. */
export const sendReverifyEmail: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  const pending = req.context.reverify
  if (operation !== 'update' || !pending || pending.id !== doc.id) return doc
  req.context.reverify = undefined
  // The mail is part of the change: if it cannot be sent, the change fails and can be retried,
  // instead of leaving an account locked behind a link that never arrived.
  await sendVerifyEmail(req, doc as { name?: unknown; email?: unknown }, pending.token, 'email-change')
  return doc
}
