/**
 * Customer accounts (auth-enabled, separate from staff). Created on sign-up or, for a booking,
 * found-or-created by email. Email is unique and stored lower-case (Payload's auth does both).
 * Staff-only notes are invisible to the customer. An account signs in only after proving its
 * email (auth.verify; hooks/ keeps it proven across password resets and email changes). Must
 * never let an account with an unproven email sign in: bookings are linked to it by email.
 * Customers also sign in by a one-time emailed link (loginLinks.ts), which proves the email; their
 * account page's actions are endpoints/; staff anonymise an account on request (anonymise.ts).
 */

import type { AppAuthCollection } from '../../access/types'
import { serverOnly } from '../../access/serverOnly'
import { atLeastManagerField } from '../../access/atLeastManager'
import { limitLoginByEmail } from '../../hooks/limitLoginByEmail'
import { guardWriteBody } from '../../hooks/guardWriteBody'
import { customersAccess } from './access'
import { customerEndpoints } from './endpoints'
import { RESET_LINK_MINUTES, resetPasswordHtml, resetPasswordSubject, verifyEmailHtml, verifyEmailSubject } from './emails'
import { reverifyOnEmailChange, sendReverifyEmail } from './hooks/reverifyOnEmailChange'
import { flagPasswordReset, verifyOnPasswordReset } from './hooks/verifyOnPasswordReset'
import { setDisplayName } from './hooks/setDisplayName'

export const Customers: AppAuthCollection = {
  slug: 'customers',
  // Titled "Name — email" (displayName) so the booking form's customer select tells two Ana Satos apart.
  admin: { useAsTitle: 'displayName', defaultColumns: ['name', 'email', 'phone', 'createdAt'], group: 'Bookings', components: { beforeListTable: ['/components/admin/backoffice/BookingsListTools#CustomersListTools'] } },
  auth: {
    maxLoginAttempts: 5,
    lockTime: 15 * 60 * 1000,
    tokenExpiration: 30 * 24 * 60 * 60,
    cookies: { sameSite: 'Lax' },
    // Bookings are linked by email: an account signs in only once its email is proven.
    verify: {
      generateEmailSubject: ({ req }) => verifyEmailSubject(req),
      generateEmailHTML: ({ req, token, user }) => verifyEmailHtml({ req, token, user: user as { name?: unknown }, reason: 'sign-up' }),
    },
    forgotPassword: {
      expiration: RESET_LINK_MINUTES * 60 * 1000,
      generateEmailSubject: (args) => resetPasswordSubject(args?.req),
      generateEmailHTML: (args) => resetPasswordHtml(args),
    },
  },
  access: customersAccess,
  // Email-link sign-in, the account page's actions (/api/customers/me/…) and staff's anonymise.
  endpoints: customerEndpoints,
  hooks: {
    beforeOperation: [guardWriteBody, limitLoginByEmail, flagPasswordReset],
    beforeValidate: [verifyOnPasswordReset],
    beforeChange: [reverifyOnEmailChange, setDisplayName],
    afterChange: [sendReverifyEmail],
  },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 120 },
    {
      // "Name — email", the admin title (hooks/setDisplayName.ts); never written by a client.
      name: 'displayName',
      type: 'text',
      index: true,
      access: { create: serverOnly, update: serverOnly },
      admin: { readOnly: true, position: 'sidebar', condition: (data) => Boolean(data?.displayName) },
    },
    { name: 'phone', type: 'text', maxLength: 30 },
    {
      name: 'addresses',
      type: 'array',
      maxRows: 10,
      fields: [
        { name: 'label', type: 'text', maxLength: 40 },
        { name: 'street', type: 'text', required: true, maxLength: 200 },
        { name: 'city', type: 'text', required: true, maxLength: 100 },
        { name: 'state', type: 'text', required: true, maxLength: 50 },
        { name: 'zip', type: 'text', required: true, maxLength: 5 },
      ],
    },
    { name: 'marketingConsent', type: 'checkbox', defaultValue: false },
    {
      // Overrides Payload's base field (merged over it by name). The base lets ANY signed-in user
      // set it, so a customer could create a pre-verified account for someone else's email.
      // Read stays Payload's (any signed-in user; the collection's read limits rows).
      name: '_verified',
      type: 'checkbox',
      access: { create: atLeastManagerField, update: atLeastManagerField },
    },
    {
      name: 'notes',
      type: 'textarea',
      maxLength: 2000,
      access: { read: atLeastManagerField, create: atLeastManagerField, update: atLeastManagerField },
      admin: { description: 'Staff only: never shown to the customer.' },
    },
    {
      // The customer's Stripe customer (cus_…), made on their first online payment and reused, so
      // a saved card stays with the person. Set only by the payment code.
      name: 'stripeCustomerId',
      type: 'text',
      index: true,
      access: { read: atLeastManagerField, create: serverOnly, update: serverOnly },
      admin: { readOnly: true, position: 'sidebar' },
    },
    {
      // Set when the customer asks, from their account, for the account to be deleted; staff carry
      // it out (anonymise) in the admin, which keeps the money records.
      name: 'deletionRequestedAt',
      type: 'date',
      index: true,
      access: { create: serverOnly, update: serverOnly },
      admin: { readOnly: true, position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      // Staff carry out a deletion request here (POST /api/customers/:id/anonymise). No column.
      name: 'anonymise',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: '/components/admin/AnonymiseCustomer#AnonymiseCustomer' } },
    },
    {
      name: 'anonymisedAt',
      type: 'date',
      access: { create: serverOnly, update: serverOnly },
      admin: { readOnly: true, position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } },
    },
    // One-time sign-in link (src/collections/Customers/loginLinks.ts): only the hash, never readable.
    { name: 'loginLinkHash', type: 'text', hidden: true, index: true, access: { create: serverOnly, update: serverOnly } },
    { name: 'loginLinkExpiresAt', type: 'date', hidden: true, access: { create: serverOnly, update: serverOnly } },
  ],
  timestamps: true,
}
