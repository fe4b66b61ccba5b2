/**
 * One-time sign-in links: the storefront's email-first sign-in.
 * - `sendLoginLink`: for an account with that email (not anonymised), stores the SHA-256 of a
 *   fresh token with a 15-minute end (a newer link replaces an older one) and emails
 *   `/account/login/<token>`. Whether an account exists is never told to the caller: the endpoint
 *   answers the same before this runs.
 * - `redeemLoginLink`: trades the token for a session, once. One UPDATE … WHERE hash = … AND the
 *   link has not ended … RETURNING id clears the hash, so of two concurrent redeems exactly one
 *   gets the row (the other waits for its commit, then finds no match). Following the link proves
 *   the inbox, so it also marks the email verified — the way an account made by a booking (no
 *   password, unverified) gets in.
 * - The session is made exactly as Payload's own login does (payload/dist/auth/operations/login.js):
 *   `addSessionToUser` (sessions are on), `getFieldsToSign`, `jwtSign`, and the cookie from
 *   `generatePayloadCookie`, so `GET /api/customers/me` and `POST /api/customers/logout` treat it as
 *   any other session. The collection has no beforeLogin/afterLogin hooks to run. Payload's lockout
 *   after wrong passwords guards the password, not this link: a locked account may still come in
 *   by its emailed link.
 * Must never log a token, its hash, or an email address.
 */
import { createLocalReq, getFieldsToSign, jwtSign, type Payload, type PayloadRequest, type TypedUser } from 'payload'
import { addSessionToUser, generatePayloadCookie } from 'payload/shared'

import { LOGIN_LINK_MINUTES } from '../../domain/account'
import { inTransaction, sql, transactionDb } from '../../infra/db'
import { hashSecretToken, mintSecretToken, SECRET_TOKEN_SYNTAX } from '../../server/secret-token'
import { loginLinkEmail } from './emails'

export type LoginLinkOutcome = 'sent' | 'no_account'

/**
 * Stores a new link for the account of `email` (lower-case) and emails it. Runs on its own request
 * and connection (never the caller's transaction): the endpoint calls it after answering, so the
 * answer takes as long whether or not the account exists.
 */
export async function sendLoginLink(payload: Payload, email: string): Promise<LoginLinkOutcome> {
  const req = await createLocalReq({}, payload)
  const db = await transactionDb(req)
  const { token, hash } = mintSecretToken()
  const stored = await db.execute<{ name: string | null; email: string }>(
    sql`UPDATE customers SET login_link_hash = ${hash}, login_link_expires_at = now() + make_interval(mins => ${LOGIN_LINK_MINUTES})
        WHERE email = ${email} AND anonymised_at IS NULL RETURNING name, email`,
  )
  const account = stored.rows[0]
  if (!account) return 'no_account'
  const mail = await loginLinkEmail({ req, token, user: account, minutes: LOGIN_LINK_MINUTES })
  await payload.sendEmail({ to: account.email, subject: mail.subject, html: mail.html, text: mail.text })
  return 'sent'
}

export interface SignedIn {
  /** The `Set-Cookie` value of Payload's auth cookie (`payload-token`). */
  cookie: string
  /** When the session's token ends (seconds since the epoch). */
  exp: number
  user: { id: number; email: string; name: string }
}

/**
 * Trades a sign-in link's token for a session, once; undefined for an unknown, used, ended or
 * malformed token (all the same to the caller). Runs in its own transaction: the hash is cleared
 * and the session stored together, or neither.
 */
export async function redeemLoginLink(req: PayloadRequest, token: string): Promise<SignedIn | undefined> {
  if (!SECRET_TOKEN_SYNTAX.test(token)) return undefined
  const hash = hashSecretToken(token)
  return inTransaction(req, async () => {
    const db = await transactionDb(req)
    const won = await db.execute<{ id: number }>(
      sql`UPDATE customers SET login_link_hash = NULL, login_link_expires_at = NULL, _verified = true, _verificationtoken = NULL, updated_at = now()
          WHERE login_link_hash = ${hash} AND login_link_expires_at > now() AND anonymised_at IS NULL RETURNING id`,
    )
    const id = won.rows[0]?.id
    return id === undefined ? undefined : startSession(req, id)
  })
}

/** A new session for customer `id`, in the caller's transaction, as Payload's login makes one. */
async function startSession(req: PayloadRequest, id: number): Promise<SignedIn> {
  const { payload } = req
  const collectionConfig = payload.collections.customers.config
  // The raw row, sessions included, as the login operation reads it (addSessionToUser writes it back).
  const found = await payload.db.findOne<{ id: number } & Record<string, unknown>>({ collection: collectionConfig.slug, req, where: { id: { equals: id } } })
  if (!found) throw new Error(`customer ${id} vanished while signing in`)
  const user = { ...found, collection: collectionConfig.slug, _strategy: 'local-jwt' } as unknown as TypedUser
  const email = String(found.email)
  const { sid } = await addSessionToUser({ collectionConfig, payload, req, user })
  const fieldsToSign = getFieldsToSign({ collectionConfig, email, user, ...(sid ? { sid } : {}) })
  const { exp, token } = await jwtSign({ fieldsToSign, secret: payload.secret, tokenExpiration: collectionConfig.auth.tokenExpiration })
  const cookie = generatePayloadCookie({ collectionAuthConfig: collectionConfig.auth, cookiePrefix: payload.config.cookiePrefix, token })
  return { cookie, exp, user: { id, email, name: typeof found.name === 'string' ? found.name : '' } }
}
