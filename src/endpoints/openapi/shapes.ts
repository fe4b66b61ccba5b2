/**
 * What the public endpoints answer, for the API document (src/endpoints/openapi/routes.ts): zod
 * schemas of the response bodies, each checked by the compiler against the TypeScript type the
 * endpoint builds its answer with (`shaped<T>()`: a field added to, removed from or retyped in
 * `ManageView`, `Quote`, `ReturnView`… fails to compile until the schema says the same), and
 * example values made by the very functions the endpoints call (pricing, availability, the manage
 * view) on a sample booking under the default settings.
 * Request bodies are not here: the document uses the schemas the endpoints parse with.
 * Must never hold a real customer's data: every example is made up.
 */
import { z } from 'zod'

import type { AccountMessage, DeletionRequest } from '../../collections/Customers/account'
import type { ReportOutcome } from '../../collections/Messages/inbound'
import { manageView, type ManagedBooking, type ManageView } from '../../collections/Bookings/manageView'
import {
  availableDays,
  BOOKING_STATUSES,
  computeQuote,
  dayCapacity,
  DEFAULT_SETTINGS,
  PAYMENT_STATES,
  type Availability,
  type Quote,
  type ReturnView,
  type SessionOutcome,
} from '../../domain'
import type { PublicCheckResult } from '../../server/health'

/** `T` and the schema's output are the same type (both ways), else `never`. */
type Same<T, S extends z.ZodType> = [T] extends [z.output<S>] ? ([z.output<S>] extends [T] ? S : never) : never

/**
 * Checks at compile time that a response schema describes exactly `T`:
 * `shaped<Quote>()(z.object({ … }))` fails to compile when the two differ.
 */
function shaped<T>() {
  return <S extends z.ZodType>(schema: S & Same<T, S>): S => schema
}

const cents = z.number().int().describe('Whole cents')
const isoInstant = z.string().describe('An ISO 8601 instant (UTC)')
const localDate = z.string().describe('YYYY-MM-DD in the business time zone')
const localTime = z.string().describe('HH:MM, 24-hour, in the business time zone')
const status = z.enum(BOOKING_STATUSES)

export const availabilitySchema = shaped<Availability>()(
  z.object({
    timezone: z.string().describe('The IANA time zone every date and time is in'),
    days: z.array(
      z.object({
        date: localDate,
        slots: z.array(
          z.object({
            time: localTime,
            startsAt: isoInstant,
            available: z.boolean().describe('Bookable for this party now (capacity, blackout dates, lead time and horizon)'),
            remaining: z.number().int().min(0).describe('Chef teams still free at this time'),
          }),
        ),
      }),
    ),
  }),
)

export const quoteSchema = shaped<Quote>()(
  z.object({
    lineItems: z.array(z.object({ label: z.string(), amountCents: cents })).describe('Food lines (people, menu selections, a minimum-order top-up); they sum to subtotalCents'),
    subtotalCents: cents,
    travelFeeCents: cents,
    taxCents: cents.describe('Tax on subtotal and travel fee'),
    depositCents: cents.describe('Due to hold the date'),
    totalCents: cents,
    currency: z.string().describe('Lower-case ISO 4217 code'),
  }),
)

export const quoteResponseSchema = quoteSchema.extend({
  travelFeeKnown: z.boolean().describe('false without `address`: the travel fee is still to come'),
})

const guests = z.object({ adults: z.number().int(), children: z.number().int() })
const address = z.object({ street: z.string(), city: z.string(), state: z.string(), zip: z.string() })
const contact = z.object({ name: z.string(), email: z.string(), phone: z.string() })
const refund = z.object({ refundPercent: z.number(), refundCents: cents })

export const manageViewSchema = shaped<ManageView>()(
  z.object({
    id: z.number().int(),
    status,
    eventDate: localDate,
    startTime: localTime,
    durationMinutes: z.number().int(),
    startsAt: isoInstant,
    endsAt: isoInstant,
    timezone: z.string(),
    guests,
    address,
    contact,
    menu: z.array(z.object({ name: z.string(), quantity: z.number().int() })),
    specialRequests: z.string().nullable(),
    dietaryNotes: z.string().nullable(),
    pricing: quoteSchema,
    payment: z.object({
      depositPaidCents: cents,
      balancePaidCents: cents,
      refundedCents: cents,
      depositDueCents: cents.describe('Still to pay before the booking is confirmed'),
      balanceDueCents: cents.describe('Still to pay after the deposit'),
      state: z.enum(PAYMENT_STATES),
      online: z.boolean().describe('Whether paying online is possible (Stripe is set up)'),
      holdExpiresAt: isoInstant.nullable().describe('An unpaid online booking gives its date back at this instant'),
      balanceDueAt: isoInstant.nullable().describe('When the saved card is charged the balance'),
    }),
    canPayDeposit: z.boolean(),
    canPayBalance: z.boolean(),
    cancellation: z.object({ cancelledAt: isoInstant, refundPercent: z.number(), refundCents: cents }).nullable(),
    canReschedule: z.boolean(),
    canCancel: z.boolean(),
    refundIfCancelledNow: refund.extend({ daysBefore: z.number().int().describe('Whole days before the start') }).nullable(),
    cancellationTiers: z.array(z.object({ minDaysBefore: z.number().int(), refundPercent: z.number() })).describe('The policy, largest minDaysBefore first'),
  }),
)

export const manageResponseSchema = z.object({ booking: manageViewSchema })
export const cancelResponseSchema = z.object({ booking: manageViewSchema, refund })
export const checkoutResponseSchema = z.object({ url: z.string().describe('Where to send the customer: a Stripe Checkout page') })

export const returnViewSchema = shaped<ReturnView>()(
  z.object({
    status,
    eventDate: localDate,
    startTime: localTime,
    timezone: z.string(),
    depositCents: cents,
    depositPaidCents: cents,
    balanceDueCents: cents,
    currency: z.string(),
    holdExpiresAt: isoInstant.nullable(),
  }),
)
export const returnResponseSchema = z.object({ booking: returnViewSchema })

/** POST /api/bookings answers Payload's create: the booking as this caller may read it, plus the manage token once. */
export const bookingCreatedSchema = z.object({
  doc: z
    .looseObject({
      id: z.number().int(),
      status: z.literal('pending'),
      eventDate: localDate,
      startTime: localTime,
      guests: z.looseObject({ adults: z.number().int(), children: z.number().int().nullable() }),
      contact: z.looseObject({ name: z.string(), email: z.string(), phone: z.string() }),
      address: z.looseObject({ street: z.string(), city: z.string(), state: z.string(), zip: z.string() }),
      pricing: z.looseObject({
        lineItems: z.array(z.looseObject({ label: z.string(), amountCents: cents })),
        subtotalCents: cents,
        travelFeeCents: cents,
        taxCents: cents,
        depositCents: cents,
        totalCents: cents,
        currency: z.string(),
      }),
      manageToken: z.string().describe('The manage link\'s token: in this answer only (only its hash is stored)'),
    })
    .describe('The booking as the caller may read it (Payload document); server-decided fields are the server\'s'),
  message: z.string(),
})

export const healthLiveSchema = z.object({ status: z.literal('ok'), uptimeSeconds: z.number().int() })

const checkResult = shaped<PublicCheckResult>()(
  z.object({
    status: z.enum(['up', 'down', 'skipped']),
    latencyMs: z.number().int(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
)
export const healthReadySchema = z.object({
  status: z.enum(['ok', 'fail']),
  checks: z.record(z.string(), checkResult).describe('shutdown, database, migrations, chat, redis'),
})

export const loginLinkSentSchema = z.object({ message: z.string() })
export const signedInSchema = z.object({
  message: z.string(),
  user: z.looseObject({ id: z.number().int(), email: z.string() }).describe('The account, as the customer may read it'),
  exp: z.number().int().describe('When the session ends (Unix seconds)'),
})

const accountMessage = shaped<AccountMessage>()(
  z.object({
    id: z.number().int(),
    createdAt: isoInstant,
    channel: z.enum(['email', 'sms', 'note', 'web', 'chat']),
    direction: z.enum(['inbound', 'outbound']),
    status: z.enum(['queued', 'sent', 'delivered', 'failed', 'received']),
    subject: z.string().nullable(),
    body: z.string(),
    booking: z.number().int().nullable(),
  }),
)
export const accountMessageResponseSchema = z.object({ message: accountMessage })
export const deletionRequestSchema = shaped<DeletionRequest>()(
  z.object({ requestedAt: isoInstant, dueBy: isoInstant.describe('Staff complete it by then'), first: z.boolean().describe('false when it had been asked for before (the first date is kept)') }),
)
export const manageLinkResponseSchema = z.object({ url: z.string().describe('The new manage link (the old one stops working)') })
export const accountExportSchema = z
  .looseObject({
    exportedAt: isoInstant,
    account: z.looseObject({}),
    bookings: z.array(z.looseObject({})),
    payments: z.array(z.looseObject({})),
    messages: z.array(z.looseObject({})),
  })
  .describe('Everything held about the customer that is theirs: no secrets, staff notes or Stripe internals')

export const STRIPE_OUTCOMES = ['duplicate', 'acknowledged', 'no_booking', 'unknown_session', 'confirm_deposit', 'record_balance', 'expire_hold', 'record_late_payment', 'ignore'] as const
export const stripeReceivedSchema = z.object({ received: z.literal(true), outcome: shaped<SessionOutcome | 'duplicate' | 'acknowledged' | 'no_booking' | 'unknown_session'>()(z.enum(STRIPE_OUTCOMES)) })
export const twilioStatusReceivedSchema = z.object({
  received: z.literal(true),
  outcome: shaped<ReportOutcome>()(z.enum(['delivered', 'failed', 'unchanged', 'unknown_message'])),
})
export const inboundEmailReceivedSchema = z.object({
  received: z.literal(true),
  id: z.number().int().describe('The stored message'),
  created: z.boolean().describe('false when this Message-ID was stored before'),
})

export const openApiDocumentSchema = z.looseObject({ openapi: z.literal('3.1.0'), info: z.looseObject({}), paths: z.looseObject({}) })

// -------------------------------------------------------------------------------------------------
// Examples: made by the endpoints' own functions on made-up data

const settings = DEFAULT_SETTINGS
/** "Now" in the examples: three weeks before the sample party. */
const EXAMPLE_NOW = new Date('2026-11-20T15:00:00.000Z')
export const EXAMPLE_DATE = '2026-12-12'
export const EXAMPLE_TOKEN = 'q3Vb8mZ1xK4sT7wN2yR5uE9pL0aH6dJc'

export const QUOTE_REQUEST_EXAMPLE = {
  eventDate: EXAMPLE_DATE,
  startTime: '17:00',
  guests: { adults: 10, children: 2 },
  address: { zip: '10001' },
  menu: [{ item: 3, quantity: 4 }],
}

const exampleQuote: Quote = computeQuote(
  settings,
  { guests: { adults: 10, children: 2 }, zip: '10001', menu: [{ item: '3', quantity: 4 }] },
  [{ id: '3', name: 'Filet mignon upgrade', category: 'upgrade', priceCents: 1500, pricing: 'per_guest', active: true }],
)
export const QUOTE_EXAMPLE = { ...exampleQuote, travelFeeKnown: true }

export const BOOKING_CREATE_EXAMPLE = {
  eventDate: EXAMPLE_DATE,
  startTime: '17:00',
  guests: { adults: 10, children: 2 },
  address: { street: '350 5th Ave', city: 'New York', state: 'NY', zip: '10001' },
  menu: [{ item: 3, quantity: 4 }],
  contact: { name: 'Ada Example', email: 'ada@example.com', phone: '+1 212 555 0100' },
  specialRequests: 'Birthday: please bring a candle.',
  dietaryNotes: 'One guest is allergic to shellfish.',
}

const sampleBooking: ManagedBooking = {
  id: 4821,
  eventDate: EXAMPLE_DATE,
  startTime: '17:00',
  durationMinutes: 120,
  status: 'confirmed',
  contact: BOOKING_CREATE_EXAMPLE.contact,
  guests: { adults: 10, children: 2 },
  address: BOOKING_CREATE_EXAMPLE.address,
  // The manage link reads menu items with their names only (MANAGE_READ), not the whole MenuItem.
  menu: [{ item: { id: 3, name: 'Filet mignon upgrade' } as unknown as NonNullable<ManagedBooking['menu']>[number]['item'], quantity: 4 }],
  specialRequests: BOOKING_CREATE_EXAMPLE.specialRequests,
  dietaryNotes: BOOKING_CREATE_EXAMPLE.dietaryNotes,
  pricing: exampleQuote,
  paymentState: 'balance_due',
  payment: { depositPaidCents: exampleQuote.depositCents, balancePaidCents: 0, refundedCents: 0, balanceDueAt: '2026-12-10T22:00:00.000Z' },
  startsAt: '2026-12-12T22:00:00.000Z',
  endsAt: '2026-12-13T00:00:00.000Z',
  createdAt: '2026-11-18T14:03:11.000Z',
  updatedAt: '2026-11-18T14:09:52.000Z',
}

export const MANAGE_VIEW_EXAMPLE: ManageView = manageView(sampleBooking, settings, EXAMPLE_NOW, { paymentsOnline: true })

const cancelledView = manageView(
  { ...sampleBooking, status: 'cancelled', cancellation: { cancelledAt: EXAMPLE_NOW.toISOString(), refundPercent: MANAGE_VIEW_EXAMPLE.refundIfCancelledNow?.refundPercent ?? 0, refundCents: MANAGE_VIEW_EXAMPLE.refundIfCancelledNow?.refundCents ?? 0 } },
  settings,
  EXAMPLE_NOW,
  { paymentsOnline: true },
)
export const CANCEL_EXAMPLE = {
  booking: cancelledView,
  refund: { refundPercent: cancelledView.cancellation?.refundPercent ?? 0, refundCents: cancelledView.cancellation?.refundCents ?? 0 },
}

export const BOOKING_CREATED_EXAMPLE = {
  doc: {
    id: sampleBooking.id,
    status: 'pending',
    eventDate: sampleBooking.eventDate,
    startTime: sampleBooking.startTime,
    guests: sampleBooking.guests,
    contact: sampleBooking.contact,
    address: sampleBooking.address,
    menu: [{ item: 3, quantity: 4 }],
    specialRequests: sampleBooking.specialRequests,
    dietaryNotes: sampleBooking.dietaryNotes,
    pricing: exampleQuote,
    paymentState: 'deposit_unpaid',
    payment: { depositPaidCents: 0, balancePaidCents: 0, refundedCents: 0, holdExpiresAt: '2026-11-19T14:03:11.000Z' },
    startsAt: sampleBooking.startsAt,
    endsAt: sampleBooking.endsAt,
    createdAt: sampleBooking.createdAt,
    updatedAt: sampleBooking.createdAt,
    manageToken: EXAMPLE_TOKEN,
  },
  message: 'Booking successfully created.',
}

/** Three slots of the sample date for a party of 12, under the default settings and an empty calendar. */
export const AVAILABILITY_EXAMPLE: Availability = {
  timezone: settings.timezone,
  days: availableDays(settings, [dayCapacity(settings, [], EXAMPLE_DATE, settings.defaultDurationMinutes)], EXAMPLE_NOW, 12).map((day) => ({
    ...day,
    slots: day.slots.filter((s) => ['17:00', '17:30', '18:00'].includes(s.time)),
  })),
}

export const RETURN_EXAMPLE = {
  booking: {
    status: 'pending',
    eventDate: EXAMPLE_DATE,
    startTime: '17:00',
    timezone: settings.timezone,
    depositCents: exampleQuote.depositCents,
    depositPaidCents: 0,
    balanceDueCents: exampleQuote.totalCents - exampleQuote.depositCents,
    currency: exampleQuote.currency,
    holdExpiresAt: '2026-11-19T14:03:11.000Z',
  } satisfies ReturnView,
}

export const CHECKOUT_EXAMPLE = { url: 'https://checkout.stripe.com/c/pay/cs_test_a1B2c3D4e5F6g7H8' }
