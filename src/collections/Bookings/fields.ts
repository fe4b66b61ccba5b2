/**
 * The booking's fields. Everything the server decides (status on create, pricing, payments, chef
 * assignment, the manage-link token hash, the computed instants and capacity units) is closed to
 * the API by field access and set by the booking hook. Limits come from the domain's one set
 * (BOOKING_LIMITS), so the admin form, the API schemas and the settings agree.
 */
import type { Condition, Field } from 'payload'

import { atLeastManagerField } from '../../access/atLeastManager'
import { serverOnly } from '../../access/serverOnly'
import { BOOKING_LIMITS, BOOKING_SOURCES, BOOKING_STATUSES, PAYMENT_STATE_LABELS, PAYMENT_STATES } from '../../domain'
import { moneyField } from '../../fields/money'
import { bookingActivityFields } from './activity'

const option = (v: string) => ({ label: v.replace('_', ' '), value: v })

// Admin conditions for what the server fills in. They read the data, not the operation, so on the
// server (where the hook has already set these values before validation) every field is still
// validated as before; only the staff form for a new booking hides the empty parts.
const isSaved: Condition = (data) => data?.id != null || data?.startsAt != null
const hasPricing: Condition = (data) => typeof (data?.pricing as { totalCents?: unknown } | undefined)?.totalCents === 'number'

export const bookingFields: Field[] = [
  {
    name: 'title',
    type: 'text',
    access: { create: serverOnly, update: serverOnly },
    admin: { readOnly: true, hidden: true },
  },
  {
    // The heading of a booking not saved yet ("New booking: 2026-12-20 17:00 · Ana Sato"), not
    // "[Untitled]": the stored title above is set by the server on save. Shows nothing itself.
    name: 'draftTitle',
    type: 'ui',
    admin: { position: 'sidebar', components: { Field: '/components/admin/booking-form/DraftTitle#DraftTitle' } },
  },
  {
    name: 'status',
    type: 'select',
    required: true,
    defaultValue: 'pending',
    index: true,
    options: BOOKING_STATUSES.map(option),
    access: { create: atLeastManagerField, update: atLeastManagerField },
    admin: { position: 'sidebar' },
  },
  {
    // Stored for the admin list's filter ("deposit unpaid", "balance due"); recomputed on every
    // write from the money fields and the status (src/domain/paymentState.ts).
    name: 'paymentState',
    type: 'select',
    index: true,
    options: PAYMENT_STATES.map((v) => ({
      label: PAYMENT_STATE_LABELS[v],
      value: v,
    })),
    access: { create: serverOnly, update: serverOnly },
    // Empty until the server has priced the booking: hidden on a new booking.
    admin: {
      readOnly: true,
      position: 'sidebar',
      condition: (data) => Boolean(data?.paymentState),
    },
  },
  {
    name: 'assignedChefs',
    type: 'relationship',
    relationTo: 'users',
    hasMany: true,
    filterOptions: { role: { equals: 'chef' } },
    access: { create: atLeastManagerField, update: atLeastManagerField },
    admin: {
      position: 'sidebar',
      description: 'A chef cannot be assigned to two overlapping bookings.',
    },
  },
  {
    name: 'source',
    type: 'select',
    options: BOOKING_SOURCES.map(option),
    access: { create: atLeastManagerField, update: atLeastManagerField },
    admin: {
      position: 'sidebar',
      description: 'Set by the server: web for the storefront, admin unless staff pick phone or chat.',
    },
  },
  {
    // Unnamed tabs: a layout only, no column or table (the schema does not change).
    type: 'tabs',
    tabs: [
      {
        label: 'Details',
        fields: [
          {
            type: 'row',
            fields: [
              {
                name: 'eventDate',
                type: 'text',
                required: true,
                index: true,
                // The stored value stays 'YYYY-MM-DD' (business time zone); the calendar shows free and full days.
                admin: {
                  description: 'Free days are highlighted, full or blackout days struck through, for the party in Guests.',
                  components: {
                    Field: '/components/admin/booking-form/EventDateField#EventDateField',
                  },
                },
              },
              {
                name: 'startTime',
                type: 'text',
                required: true,
                admin: {
                  description: 'HH:MM, 24-hour, business time zone',
                  components: {
                    Field: '/components/admin/booking-form/StartTimeField#StartTimeField',
                  },
                },
              },
              {
                name: 'durationMinutes',
                type: 'number',
                min: 60,
                max: 480,
                // Customers get the settings' duration for their party (src/domain/bookingTerms.ts); only staff sell longer events.
                access: {
                  create: atLeastManagerField,
                  update: atLeastManagerField,
                },
                admin: {
                  description: 'Defaults to the business setting (2 h). Only staff change it.',
                },
              },
            ],
          },
          {
            name: 'contact',
            type: 'group',
            fields: [
              { name: 'name', type: 'text', required: true, maxLength: 120 },
              { name: 'email', type: 'email', required: true },
              { name: 'phone', type: 'text', required: true, maxLength: 20 },
            ],
          },
          {
            name: 'customer',
            type: 'relationship',
            relationTo: 'customers',
            index: true,
            access: {
              create: atLeastManagerField,
              update: atLeastManagerField,
            },
            admin: { description: 'Found or created from the contact email.' },
          },
          {
            name: 'guests',
            type: 'group',
            fields: [
              {
                type: 'row',
                fields: [
                  {
                    name: 'adults',
                    type: 'number',
                    required: true,
                    min: 0,
                    max: BOOKING_LIMITS.maxGuests,
                  },
                  {
                    name: 'children',
                    type: 'number',
                    min: 0,
                    max: BOOKING_LIMITS.maxGuests,
                    defaultValue: 0,
                  },
                ],
              },
            ],
          },
          {
            // The price as the form stands, from POST /api/quote while staff type (nothing saved).
            name: 'liveQuote',
            type: 'ui',
            admin: {
              components: {
                Field: '/components/admin/booking-form/LiveQuote#LiveQuote',
              },
            },
          },
          {
            name: 'guestsTotal',
            type: 'number',
            access: { create: serverOnly, update: serverOnly },
            admin: { readOnly: true },
          },
          {
            name: 'address',
            type: 'group',
            fields: [
              { name: 'street', type: 'text', required: true, maxLength: 200 },
              {
                type: 'row',
                fields: [
                  {
                    name: 'city',
                    type: 'text',
                    required: true,
                    maxLength: 100,
                  },
                  {
                    name: 'state',
                    type: 'text',
                    required: true,
                    maxLength: 50,
                  },
                  { name: 'zip', type: 'text', required: true, maxLength: 5 },
                ],
              },
            ],
          },
          { name: 'specialRequests', type: 'textarea', maxLength: 500 },
          { name: 'dietaryNotes', type: 'textarea', maxLength: 500 },
        ],
      },
      {
        label: 'Menu',
        fields: [
          {
            name: 'menu',
            type: 'array',
            maxRows: BOOKING_LIMITS.maxMenuRows,
            fields: [
              {
                type: 'row',
                fields: [
                  {
                    name: 'item',
                    type: 'relationship',
                    relationTo: 'menu-items',
                    required: true,
                  },
                  {
                    name: 'quantity',
                    type: 'number',
                    required: true,
                    min: 1,
                    max: BOOKING_LIMITS.maxMenuQuantity,
                  },
                ],
              },
            ],
          },
        ],
      },
      {
        label: 'Money',
        fields: [
          {
            // The saved price: shown once the server has priced the booking.
            name: 'priceBreakdown',
            type: 'ui',
            admin: {
              condition: hasPricing,
              components: {
                Field: '/components/admin/PriceBreakdown#PriceBreakdown',
              },
            },
          },
          {
            name: 'repriceNow',
            type: 'checkbox',
            virtual: true,
            label: "Re-price at today's rates when saving",
            access: {
              create: atLeastManagerField,
              update: atLeastManagerField,
              read: atLeastManagerField,
            },
            admin: {
              description: 'The price is fixed when booked and changes by itself only when the party or menu changes.',
            },
          },
          {
            // Paid, due, refunded, the hold and the balance date in words, and the staff payment actions.
            name: 'paymentPanel',
            type: 'ui',
            admin: {
              condition: isSaved,
              components: {
                Field: '/components/admin/PaymentPanel#PaymentPanel',
              },
            },
          },
          {
            // Virtual (no column): the payment records pointing at this booking, newest first. Managers
            // only, like the payments collection itself.
            name: 'payments',
            type: 'join',
            collection: 'payments',
            on: 'booking',
            defaultSort: '-occurredAt',
            defaultLimit: 20,
            access: { read: atLeastManagerField },
            admin: {
              condition: isSaved,
              defaultColumns: ['kind', 'method', 'amountCents', 'status', 'note', 'occurredAt'],
              description: 'Every charge and refund of this booking',
            },
          },
          {
            // The condition sits on this layout-only wrapper, not on the group: a condition on the
            // group would make the database drop the line items' NOT NULL (Payload's schema rule).
            type: 'collapsible',
            label: 'Stored price fields',
            admin: { initCollapsed: true, condition: hasPricing },
            fields: [
              {
                name: 'pricing',
                type: 'group',
                admin: {
                  readOnly: true,
                  description: 'Computed by the server from the business settings and menu.',
                },
                access: { create: serverOnly, update: serverOnly },
                fields: [
                  {
                    name: 'lineItems',
                    type: 'array',
                    fields: [{ name: 'label', type: 'text', required: true }, moneyField('amountCents', { required: true })],
                  },
                  moneyField('subtotalCents'),
                  moneyField('travelFeeCents'),
                  moneyField('taxCents'),
                  moneyField('depositCents'),
                  moneyField('totalCents'),
                  { name: 'currency', type: 'text', maxLength: 3 },
                ],
              },
            ],
          },
          {
            name: 'payment',
            type: 'group',
            admin: {
              readOnly: true,
              condition: isSaved,
              description: 'Set only by the payment system: Stripe webhooks, refunds, and offline payments staff record under Payments.',
            },
            access: { create: serverOnly, update: serverOnly },
            fields: [
              {
                type: 'row',
                fields: [moneyField('depositPaidCents', { defaultValue: 0 }), moneyField('balancePaidCents', { defaultValue: 0 }), moneyField('refundedCents', { defaultValue: 0 })],
              },
              {
                name: 'paidAt',
                type: 'date',
                admin: { description: 'When the deposit was paid.' },
              },
              {
                name: 'holdExpiresAt',
                type: 'date',
                index: true,
                admin: {
                  description: 'An unpaid online booking gives its slot back at this time.',
                  date: { pickerAppearance: 'dayAndTime' },
                },
              },
              {
                name: 'balanceDueAt',
                type: 'date',
                index: true,
                admin: {
                  description: 'When the saved card is charged the balance.',
                },
              },
              {
                name: 'balanceAttemptAt',
                type: 'date',
                admin: {
                  description: 'When the balance was last tried off-session.',
                },
              },
              { name: 'balanceLinkSentAt', type: 'date' },
              {
                name: 'lastPaymentError',
                type: 'text',
                maxLength: 500,
                access: { read: atLeastManagerField },
              },
              {
                name: 'depositSessionId',
                type: 'text',
                index: true,
                access: { read: atLeastManagerField },
              },
              {
                name: 'depositAttempt',
                type: 'number',
                defaultValue: 0,
                access: { read: atLeastManagerField },
              },
              {
                name: 'balanceSessionId',
                type: 'text',
                index: true,
                access: { read: atLeastManagerField },
              },
              {
                name: 'balanceAttempt',
                type: 'number',
                defaultValue: 0,
                access: { read: atLeastManagerField },
              },
              {
                name: 'stripePaymentMethodId',
                type: 'text',
                access: { read: atLeastManagerField },
              },
              {
                name: 'balanceLinkTokenHash',
                type: 'text',
                index: true,
                hidden: true,
              },
              // The single-use code in the return URL given to Stripe (never the manage token): its hash and end.
              {
                name: 'returnCodeHash',
                type: 'text',
                index: true,
                hidden: true,
              },
              { name: 'returnCodeExpiresAt', type: 'date', hidden: true },
            ],
          },
        ],
      },
      {
        // HISTORY TAB: who changed what and when (the Activity panel, with the hidden changedBy it
        // reads: activity.ts), the cancellation and the computed schedule. Hidden on a new
        // booking, which has no history.
        label: 'History',
        admin: { condition: isSaved },
        fields: [
          ...bookingActivityFields,
          {
            name: 'cancellation',
            type: 'group',
            admin: {
              readOnly: true,
              condition: (data) => data?.status === 'cancelled',
            },
            access: { create: serverOnly, update: serverOnly },
            fields: [{ name: 'cancelledAt', type: 'date' }, { name: 'reason', type: 'text', maxLength: 500 }, { name: 'refundPercent', type: 'number' }, moneyField('refundCents')],
          },
          {
            type: 'collapsible',
            label: 'Computed schedule',
            admin: { initCollapsed: true, condition: isSaved },
            fields: [
              {
                name: 'startsAt',
                type: 'date',
                index: true,
                access: { create: serverOnly, update: serverOnly },
                admin: {
                  readOnly: true,
                  date: { pickerAppearance: 'dayAndTime' },
                },
              },
              {
                name: 'endsAt',
                type: 'date',
                access: { create: serverOnly, update: serverOnly },
                admin: {
                  readOnly: true,
                  date: { pickerAppearance: 'dayAndTime' },
                },
              },
              {
                name: 'blockedFrom',
                type: 'date',
                access: { create: serverOnly, update: serverOnly },
                admin: { readOnly: true },
              },
              {
                name: 'blockedUntil',
                type: 'date',
                access: { create: serverOnly, update: serverOnly },
                admin: { readOnly: true },
              },
              {
                name: 'chefUnits',
                type: 'number',
                access: { create: serverOnly, update: serverOnly },
                admin: { readOnly: true },
              },
              {
                name: 'refundBasisStartsAt',
                type: 'date',
                access: { create: serverOnly, update: serverOnly },
                admin: {
                  readOnly: true,
                  description: 'The earliest start this booking has had: cancellation refunds are counted from it.',
                },
              },
            ],
          },
        ],
      },
    ],
  },
  {
    name: 'manageTokenHash',
    type: 'text',
    index: true,
    hidden: true,
    access: { create: serverOnly, update: serverOnly },
  },
]
