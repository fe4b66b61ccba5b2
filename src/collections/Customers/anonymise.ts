/**
 * Carrying out "delete my account" (staff, from the admin): the customer's personal data is
 * removed in ONE transaction, and the money records are kept.
 * - The account: name "Deleted customer", email `deleted-<id>@invalid.example` (the column is
 *   unique and required; the domain is reserved, so no mail ever goes there), phone, addresses,
 *   staff notes, marketing consent and the Stripe customer link cleared; password, sessions,
 *   reset/verification/sign-in links cleared and the account unverified, so it cannot sign in.
 * - Their bookings, and every stored version of them (`_bookings_v`, Payload's history: an edit
 *   made there would be undone by a "restore"): contact name, email, phone, street, special
 *   requests, dietary notes, the cancellation reason and the title are scrubbed; the manage,
 *   balance and return link hashes cleared. City, state and ZIP, the date, the party and every
 *   amount stay: they are the record of a sale (sales tax is owed where the event took place, and
 *   the service-area figures count by ZIP), and without a name or street they point at no one.
 * - Their messages: subject, body, HTML, to, from and the provider's error text become
 *   "[removed]", sealed links are dropped, and one still queued is marked failed, never sent. The
 *   thread's title and preview go too.
 * - `payments` rows are not touched: they are the money's audit trail.
 * Refused (409) while a booking of theirs is still to come. Idempotent: running it again scrubs
 * whatever arrived since and keeps the first `anonymisedAt`.
 * Raw SQL, in the request's transaction: the Local API would re-run the booking rules on past
 * events and add new versions instead of cleaning the old ones. Must never log what it removes.
 */
import { randomBytes } from 'node:crypto'

import type { PayloadRequest } from 'payload'

import { ANONYMISED_NAME, anonymisedBookingEmail, anonymisedBookingTitle, anonymisedEmail, assertCanAnonymise, REMOVED_TEXT } from '../../domain/account'
import { NotFoundError } from '../../domain/errors'
import { isBookingStatus } from '../../domain/lifecycle'
import { customerDisplayName } from '../../domain/bookingForm'
import { inTransaction, sql, transactionDb } from '../../infra/db'

export interface AnonymiseResult {
  customerId: number
  anonymisedAt: string
  /** Whether it had been anonymised before (this run only scrubbed what arrived since). */
  alreadyAnonymised: boolean
  bookings: number
  bookingVersions: number
  messages: number
}

const iso = (v: Date | string) => new Date(v).toISOString()

/** A nullable text column: "[removed]" where there was something, NULL stays NULL. */
const scrubbed = (column: ReturnType<typeof sql.identifier>) => sql`CASE WHEN ${column} IS NULL THEN NULL ELSE ${REMOVED_TEXT} END`

export async function anonymiseCustomer(req: PayloadRequest, customerId: number, now: Date): Promise<AnonymiseResult> {
  return inTransaction(req, async () => {
    const db = await transactionDb(req)
    const locked = await db.execute<{ anonymised_at: Date | string | null }>(sql`SELECT anonymised_at FROM customers WHERE id = ${customerId} FOR UPDATE`)
    const customer = locked.rows[0]
    if (!customer) throw new NotFoundError('No customer with that id.')

    // Their bookings, locked: none may be moved into the future while this decides.
    const found = await db.execute<{ id: number; status: string; starts_at: Date | string | null; ends_at: Date | string | null; event_date: string; start_time: string }>(
      sql`SELECT id, status, starts_at, ends_at, event_date, start_time FROM bookings WHERE customer_id = ${customerId} ORDER BY id FOR UPDATE`,
    )
    const bookings = found.rows
    assertCanAnonymise(
      bookings.map((b) => {
        if (!isBookingStatus(b.status)) throw new Error(`booking ${b.id} has an unknown status`)
        return { status: b.status, startsAt: b.starts_at === null ? null : iso(b.starts_at), endsAt: b.ends_at === null ? null : iso(b.ends_at) }
      }),
      now,
    )

    let bookingVersions = 0
    for (const b of bookings) {
      const email = anonymisedBookingEmail(customerId, b.id)
      const title = anonymisedBookingTitle(b.event_date, b.start_time)
      await db.execute(sql`
        UPDATE bookings SET
          title = ${title}, contact_name = ${ANONYMISED_NAME}, contact_email = ${email}, contact_phone = ${REMOVED_TEXT},
          address_street = ${REMOVED_TEXT},
          special_requests = ${scrubbed(sql.identifier('special_requests'))},
          dietary_notes = ${scrubbed(sql.identifier('dietary_notes'))},
          cancellation_reason = ${scrubbed(sql.identifier('cancellation_reason'))},
          manage_token_hash = NULL, payment_balance_link_token_hash = NULL, payment_return_code_hash = NULL, payment_return_code_expires_at = NULL
        WHERE id = ${b.id}`)
      const versions = await db.execute(sql`
        UPDATE _bookings_v SET
          version_title = ${title}, version_contact_name = ${ANONYMISED_NAME}, version_contact_email = ${email}, version_contact_phone = ${REMOVED_TEXT},
          version_address_street = ${REMOVED_TEXT},
          version_special_requests = ${scrubbed(sql.identifier('version_special_requests'))},
          version_dietary_notes = ${scrubbed(sql.identifier('version_dietary_notes'))},
          version_cancellation_reason = ${scrubbed(sql.identifier('version_cancellation_reason'))},
          version_manage_token_hash = NULL, version_payment_balance_link_token_hash = NULL, version_payment_return_code_hash = NULL
        WHERE parent_id = ${b.id}`)
      bookingVersions += versions.rowCount ?? 0
    }
    // Versions that name this customer but belong to a booking now linked elsewhere (or deleted).
    const stray = await db.execute(sql`
      UPDATE _bookings_v SET
        version_contact_name = ${ANONYMISED_NAME}, version_contact_email = ${anonymisedEmail(customerId)}, version_contact_phone = ${REMOVED_TEXT},
        version_address_street = ${REMOVED_TEXT},
        version_title = ${ANONYMISED_NAME},
        version_special_requests = ${scrubbed(sql.identifier('version_special_requests'))},
        version_dietary_notes = ${scrubbed(sql.identifier('version_dietary_notes'))},
        version_cancellation_reason = ${scrubbed(sql.identifier('version_cancellation_reason'))},
        version_manage_token_hash = NULL, version_payment_balance_link_token_hash = NULL, version_payment_return_code_hash = NULL
      WHERE version_customer_id = ${customerId} AND (parent_id IS NULL OR NOT EXISTS (SELECT 1 FROM bookings b WHERE b.id = _bookings_v.parent_id AND b.customer_id = ${customerId}))`)
    bookingVersions += stray.rowCount ?? 0

    const messages = await db.execute(sql`
      UPDATE messages SET
        subject = ${scrubbed(sql.identifier('subject'))},
        body = ${REMOVED_TEXT},
        html = ${scrubbed(sql.identifier('html'))},
        "to" = ${scrubbed(sql.identifier('to'))},
        "from" = ${scrubbed(sql.identifier('from'))},
        error = CASE WHEN status = 'queued' THEN 'Not sent: the customer''s account was anonymised.' WHEN error IS NULL THEN NULL ELSE ${REMOVED_TEXT} END,
        failed_at = CASE WHEN status = 'queued' THEN now() ELSE failed_at END,
        status = CASE WHEN status = 'queued' THEN 'failed'::enum_messages_status ELSE status END,
        sealed_links = NULL,
        updated_at = now()
      WHERE customer_id = ${customerId} OR thread_id IN (SELECT id FROM threads WHERE customer_id = ${customerId})`)
    await db.execute(sql`
      UPDATE threads SET title = ${ANONYMISED_NAME}, last_preview = ${scrubbed(sql.identifier('last_preview'))}, updated_at = now()
      WHERE customer_id = ${customerId}`)

    await db.execute(sql`DELETE FROM customers_addresses WHERE _parent_id = ${customerId}`)
    await db.execute(sql`DELETE FROM customers_sessions WHERE _parent_id = ${customerId}`)
    // The reserved address is unique per id; only someone who signed up with it on purpose can
    // hold it already, and then a random suffix keeps this one unique.
    const taken = await db.execute(sql`SELECT 1 FROM customers WHERE email = ${anonymisedEmail(customerId)} AND id <> ${customerId}`)
    const email = taken.rows.length === 0 ? anonymisedEmail(customerId) : anonymisedEmail(customerId).replace('@', `-${randomBytes(4).toString('hex')}@`)
    const done = await db.execute<{ anonymised_at: Date | string }>(sql`
      UPDATE customers SET
        name = ${ANONYMISED_NAME}, email = ${email}, display_name = ${customerDisplayName(ANONYMISED_NAME, email)}, phone = NULL, notes = NULL, marketing_consent = false, stripe_customer_id = NULL,
        salt = NULL, hash = NULL, reset_password_token = NULL, reset_password_expiration = NULL, reset_password_requested_at = NULL,
        _verified = false, _verificationtoken = NULL, login_link_hash = NULL, login_link_expires_at = NULL, login_attempts = 0, lock_until = NULL,
        anonymised_at = COALESCE(anonymised_at, now()), updated_at = now()
      WHERE id = ${customerId}
      RETURNING anonymised_at`)
    const anonymisedAt = done.rows[0]?.anonymised_at
    if (anonymisedAt === undefined) throw new Error(`customer ${customerId} vanished while being anonymised`)
    return {
      customerId,
      anonymisedAt: iso(anonymisedAt),
      alreadyAnonymised: customer.anonymised_at !== null,
      bookings: bookings.length,
      bookingVersions,
      messages: messages.rowCount ?? 0,
    }
  })
}
