/**
 * Hooks that keep a customer's email proven. Bookings are linked to customers by email, so an
 * account whose email is not proven must never sign in (Payload's `auth.verify` refuses it):
 * - a password reset verifies the account: the reset link went to that address, so following it
 *   proves it — and accounts made for a booking (no password, never verified) get in this way;
 * - a customer who changes their own email becomes unverified until the new address is
 *   confirmed, and a confirmation goes there; pending reset links (sent to the old address)
 *   stop working, or one of them would verify the new address unproven.
 * Staff changing a customer's email are trusted: only the reset links are dropped.
 */
import { randomBytes } from 'node:crypto'

import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, CollectionBeforeOperationHook, CollectionBeforeValidateHook } from 'payload'

import type {} from '../../hooks/requestContext'
import { sendVerifyEmail } from './emails'

/** beforeOperation: note that this request is a password reset, for `verifyOnPasswordReset`. */
export const flagPasswordReset: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation === 'resetPassword') req.context.resettingPassword = true
  return args
}

/**
 * beforeValidate: inside resetPassword, Payload runs the collection's beforeValidate hooks on the
 * very user object it then writes (after setting `_verified = Boolean(_verified)`), in the
 * operation's transaction. Marking it verified here makes the password and the proof one write.
 * (An afterOperation hook would run after the commit, as a second write that could fail alone.)
 */
export const verifyOnPasswordReset: CollectionBeforeValidateHook = ({ data, operation, req }) => {
  if (operation !== 'update' || req.context.resettingPassword !== true || !data) return data
  req.context.resettingPassword = false
  data._verified = true
  data._verificationToken = null
  return data
}

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
