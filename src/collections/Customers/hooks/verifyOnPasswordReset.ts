/**
 * A password reset verifies the account: the reset link went to that address, so following it
 * proves it — and accounts made for a booking (no password, never verified) get in this way.
 * Bookings are linked to customers by email, so an account whose email is not proven must never
 * sign in (Payload's `auth.verify` refuses it); the email-change side is reverifyOnEmailChange.ts.
 * Must never verify an account outside Payload's resetPassword operation.
 */
import type { CollectionBeforeOperationHook, CollectionBeforeValidateHook } from 'payload'

import type {} from '../../../hooks/requestContext'

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
