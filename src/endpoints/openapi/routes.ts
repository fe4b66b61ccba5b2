/**
 * The public API, route by route, for the OpenAPI document (GET /api/openapi.json) and the page
 * that shows it (/api-docs). Every request body is the zod schema its endpoint parses with; every
 * response schema is checked against the type the endpoint answers with (./shapes.ts); refusals
 * are the real errors the rules throw, answered by the one error mapping (src/http/openapi.ts).
 * "Public" is everything a customer, a browser or a provider calls; staff-only routes (inbox,
 * refunds, balance links, anonymising, template previews, message retries) stay out, and
 * tests/unit/openapi.test.ts fails when a route is neither here nor on its staff list.
 * Must never describe a staff-only route, and never show a real token or customer.
 */
import { z } from 'zod'

import { NOT_FOUND as MANAGE_NOT_FOUND } from '../../collections/Bookings/endpoints/manage/shared'
import { SIGN_IN_FIRST } from '../../collections/Customers/endpoints/shared'
import { LOGIN_LINK_SENT } from '../../collections/Customers/endpoints/loginLink'
import { readInboundEmail } from '../../collections/Messages/endpoints/emailText'
import { inboundSmsSchema, smsReportSchema } from '../../collections/Messages/endpoints/twilio'
import { MAX_INBOUND_EMAIL_BYTES } from '../../collections/Messages/endpoints/inboundEmail'
import { MAX_TWILIO_BODY_BYTES } from '../../collections/Messages/endpoints/twilio'
import { MAX_WEBHOOK_BYTES } from '../../collections/Payments/endpoints/webhook'
import { paidMeanwhile } from '../../collections/Payments/checkout'
import {
  accountMessageSchema,
  addressSchema,
  assertBeforeEvent,
  assertCanCancel,
  assertCanReschedule,
  assertManageLinkAllowed,
  availabilityQuerySchema,
  BOOKING_LIMITS,
  bookingConflict,
  bookingCreateSchema,
  calendarFile,
  cancelSchema,
  computeQuote,
  ConflictError,
  contactSchema,
  dateSchema,
  DEFAULT_SETTINGS,
  ForbiddenError,
  guestsSchema,
  loginLinkRedeemSchema,
  loginLinkRequestSchema,
  MAX_AVAILABILITY_RANGE_DAYS,
  menuSelectionSchema,
  noInputSchema,
  NotFoundError,
  parseOrThrow,
  payNowSchema,
  quoteRequestSchema,
  rescheduleSchema,
  returnCodeSchema,
  timeSchema,
  UnavailableError,
  validateEventRequest,
  ValidationError,
} from '../../domain'
import { CHAT_CLOSE, CHAT_FRAME_MAX_BYTES, CHAT_MESSAGE_MAX, clientFrameSchema, serverFrameSchema, type ClientFrame, type ServerFrame } from '../../domain/chat/protocol'
import { MAX_JSON_BODY_BYTES } from '../../http/body'
import {
  jsonSchemaOf,
  refusedAs,
  refusedResult,
  refusedWith,
  SchemaSet,
  schemaRef,
  type ApiDescription,
  type MediaTypeObject,
  type ParameterObject,
  type ResponseObject,
  type RouteDoc,
} from '../../http/openapi'
import { SECRET_TOKEN_SYNTAX } from '../../server/secret-token'
import { errorTrackingConfigSchema } from '../error-tracking'
import { clientErrorSchema, vitalSchema } from '../reports'
import * as shapes from './shapes'

/** Bodies the account endpoints read (src/collections/Customers/endpoints/shared.ts, me.ts). */
const ACCOUNT_BODY_BYTES = 16 * 1024
const ACCOUNT_MESSAGE_BYTES = 32 * 1024
const REPORT_BYTES = 16 * 1024

/** The error `fn` throws: refusal examples are what the rules really say. */
function thrown(fn: () => unknown): unknown {
  try {
    fn()
  } catch (err) {
    return err
  }
  throw new Error('An example request meant to be refused was accepted')
}

const json = (schema: MediaTypeObject['schema'], example?: unknown): Record<string, MediaTypeObject> => ({
  'application/json': { schema, ...(example === undefined ? {} : { example }) },
})

const ok = (description: string, schema: MediaTypeObject['schema'], example: unknown, headers?: ResponseObject['headers']): ResponseObject => ({
  description,
  ...(headers ? { headers } : {}),
  content: json(schema, example),
})

const PRIVATE_NOTE = 'Private: `Cache-Control: no-store` and `Referrer-Policy: no-referrer` (the URL holds the credential).'

const tokenParameter = (description: string): ParameterObject => ({
  name: 'token',
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', pattern: SECRET_TOKEN_SYNTAX.source },
  example: shapes.EXAMPLE_TOKEN,
})

const idParameter = (description: string): ParameterObject => ({
  name: 'id',
  in: 'path',
  required: true,
  description,
  schema: { type: 'integer', minimum: 1 },
  example: 4821,
})

// -------------------------------------------------------------------------------------------------
// Refusals the rules throw, shared by several routes

const settings = DEFAULT_SETTINGS
const EXAMPLE_NOW = new Date('2026-11-20T15:00:00.000Z')

const badDate = refusedWith(
  thrown(() => parseOrThrow(quoteRequestSchema, { ...shapes.QUOTE_REQUEST_EXAMPLE, eventDate: '12/12/2026' })),
  'A field has the wrong form (here `eventDate`)',
)
const outsideWindow = refusedWith(
  thrown(() => validateEventRequest(settings, { eventDate: shapes.EXAMPLE_DATE, startTime: '23:30', guests: { adults: 10, children: 2 } }, EXAMPLE_NOW, { onSlotGrid: true })),
  'A rule of the business is broken (start window, lead time, party size, blackout date)',
)
const outsideArea = refusedWith(thrown(() => computeQuote(settings, { guests: { adults: 10, children: 0 }, zip: '90210', menu: [] }, [])), 'The ZIP code is outside the service area')
const slotFull = refusedWith(bookingConflict('slot_full'), '`slot_full`: every chef is booked at that time')
const duplicate = refusedWith(bookingConflict('duplicate_booking'), '`duplicate_booking`: this email already has a booking that day')
const manageNotFound = refusedResult(MANAGE_NOT_FOUND, 'Unknown, malformed or replaced token')
const paymentsOff = refusedWith(new UnavailableError('Online payment is not set up. Staff will confirm your booking and take the deposit.', 'payments_not_configured'), '`payments_not_configured`: Stripe is not set up')
const stripeDown = refusedWith(new UnavailableError('The payment service did not answer. Please try again in a minute.', 'payment_provider_unavailable'), '`payment_provider_unavailable`: Stripe did not answer')
const signInFirst = refusedResult(SIGN_IN_FIRST, 'Not signed in')
const staffHaveNoAccount = refusedAs(403, 'Forbidden', 'Only customers have an account page.', 'A staff session, or an account whose email is not confirmed')

// -------------------------------------------------------------------------------------------------
// The chat, which OpenAPI cannot model: described as an extension

const CLOSE_MEANING = {
  goingAway: { meaning: 'The server is going away (restart, deploy)', retry: true },
  protocolError: { meaning: 'Five frames that were not protocol frames', retry: false },
  tooBig: { meaning: `A frame over ${CHAT_FRAME_MAX_BYTES} bytes`, retry: true },
  rateLimited: { meaning: 'Too many messages (CHAT_MESSAGES_PER_MINUTE per socket, three times that per address)', retry: true },
  forbidden: { meaning: 'The conversation cannot be opened: a bad or expired manage token', retry: false },
  tooManyConnections: { meaning: 'Too many sockets from one address (CHAT_MAX_CONNECTIONS_PER_IP)', retry: true },
  dead: { meaning: 'No answer to the heartbeat ping', retry: true },
} as const satisfies Record<keyof typeof CHAT_CLOSE, { meaning: string; retry: boolean }>

const CLIENT_FRAME_EXAMPLES: ClientFrame[] = [
  { type: 'hello', since: 1041 },
  { type: 'message', clientId: 'c-7d1f2a9b', text: 'Do you have a free evening on December 12 for 12 people?' },
  { type: 'typing' },
]

const SERVER_FRAME_EXAMPLES: ServerFrame[] = [
  { type: 'ready', assistant: 'ai', staff: null, known: false },
  { type: 'message', message: { id: 1042, role: 'customer', text: 'Do you have a free evening on December 12 for 12 people?', at: '2026-11-20T15:00:02.000Z', clientId: 'c-7d1f2a9b' } },
  { type: 'typing', role: 'assistant' },
  { type: 'delta', turn: 't-1042', text: 'Yes: 17:00, 17:30 and 18:00 are free' },
  {
    type: 'done',
    turn: 't-1042',
    message: { id: 1043, role: 'assistant', text: 'Yes: 17:00, 17:30 and 18:00 are free on December 12.', at: '2026-11-20T15:00:04.000Z', links: [{ label: 'Book December 12', href: '/book?date=2026-12-12&guests=12' }] },
  },
  { type: 'staff_joined', name: 'Ana' },
  { type: 'error', code: 'rate_limited', message: 'You are sending messages too quickly. Please wait a moment.' },
]

function chatWebSocket(schemas: SchemaSet) {
  return {
    '/ws/chat': {
      summary: 'The storefront chat (WebSocket)',
      description: [
        'Not an HTTP operation: a WebSocket at `/ws/chat` on the site\'s own origin. One JSON frame per text message, checked with zod in both directions.',
        '',
        'Handshake: `GET /ws/chat` with `Upgrade: websocket` from a page of this site. Another `Origin` is refused with HTTP 403. A visitor gets a signed, HttpOnly `mh_chat` cookie naming their conversation (on the 101 response); a signed-in customer chats in their own thread (Payload\'s session cookie); on a booking\'s manage page `hello.manage` carries the manage token and joins that booking\'s thread.',
        '',
        'Flow: `hello {since?, manage?}` → `ready`, then every stored turn after `since`. `message {clientId, text}` → the stored message (its ack; a `clientId` sent twice is stored once), `typing`, streamed `delta`s and `done` with the stored reply (authoritative over the deltas). `staff_joined` / `staff_left` when staff take the chat over from the inbox or hand it back. `error {code, message, field?}` for a bad frame or a limit.',
        '',
        'Reconnect with backoff after a close, except after 4003 and 1008.',
      ].join('\n'),
      audience: 'anyone on the site\'s own pages',
      clientFrames: schemas.ref('ChatClientFrame', clientFrameSchema),
      serverFrames: schemas.ref('ChatServerFrame', serverFrameSchema),
      limits: { frameMaxBytes: CHAT_FRAME_MAX_BYTES, messageMaxCharacters: CHAT_MESSAGE_MAX },
      closeCodes: Object.entries(CLOSE_MEANING).map(([name, c]) => ({ code: CHAT_CLOSE[name as keyof typeof CHAT_CLOSE], name, ...c })),
      examples: { client: CLIENT_FRAME_EXAMPLES, server: SERVER_FRAME_EXAMPLES },
    },
  }
}

// -------------------------------------------------------------------------------------------------
// The routes

function routes(schemas: SchemaSet): RouteDoc[] {
  // Shared shapes first: a registered schema used inside another becomes a `$ref` there.
  schemas.ref('Date', dateSchema)
  schemas.ref('Time', timeSchema)
  schemas.ref('Guests', guestsSchema)
  schemas.ref('Address', addressSchema)
  schemas.ref('Contact', contactSchema)
  schemas.ref('MenuSelection', menuSelectionSchema)
  schemas.ref('Quote', shapes.quoteSchema)
  schemas.ref('ManageView', shapes.manageViewSchema)
  schemas.ref('ReturnView', shapes.returnViewSchema)
  const checkout = schemas.ref('CheckoutUrl', shapes.checkoutResponseSchema)
  const manageAnswer = schemas.ref('ManageResponse', shapes.manageResponseSchema)

  const manage = (path: string) => `/api/bookings/manage/{token}${path}`
  const manageToken = tokenParameter('The manage link\'s token: `/booking/<token>` in the confirmation email.')

  const payRoute = (kind: 'deposit' | 'balance'): RouteDoc => ({
    method: 'post',
    path: manage(`/${kind}`),
    operationId: kind === 'deposit' ? 'payDeposit' : 'payBalance',
    tag: 'Manage link',
    summary: kind === 'deposit' ? 'Pay the deposit on Stripe Checkout' : 'Pay the balance on Stripe Checkout',
    description: [
      kind === 'deposit'
        ? 'The URL of a Stripe Checkout Session for the stored deposit of a pending booking. The amount is the booking\'s, never the browser\'s; two requests at once get the same session.'
        : 'The same for the balance of a confirmed booking whose deposit is paid.',
      'Stripe sends the customer back to the return page with a single-use code (never the token); the booking changes when Stripe\'s webhook says the payment succeeded.',
      PRIVATE_NOTE,
    ].join(' '),
    audience: 'the holder of the manage link',
    parameters: [manageToken],
    idempotent: true,
    body: { description: 'No input: an empty body or `{}`.', required: false, maxBytes: MAX_JSON_BODY_BYTES, content: json(schemas.ref('PayNow', payNowSchema), {}) },
    responses: { 200: ok('The Checkout page to send the customer to', checkout, shapes.CHECKOUT_EXAMPLE) },
    refusals: [
      refusedWith(thrown(() => parseOrThrow(payNowSchema, { amountCents: 100 })), 'Any input at all'),
      manageNotFound,
      refusedWith(new ConflictError(kind === 'deposit' ? 'The deposit for this booking is already paid.' : 'Nothing is due on this booking.', 'payment_not_due'), '`payment_not_due`: nothing of this kind is due (paid, expired, over)'),
      refusedWith(paidMeanwhile(), '`payment_not_due`: paid a moment ago'),
      paymentsOff,
      stripeDown,
    ],
  })

  return [
    // ---------------------------------------------------------------------------------- Booking
    {
      method: 'get',
      path: '/api/availability',
      operationId: 'getAvailability',
      tag: 'Booking',
      summary: 'Free start times',
      description: `Each day's start times between \`from\` and \`to\` (at most ${MAX_AVAILABILITY_RANGE_DAYS} days, both included) and whether a party of \`guests\` can book them now: chef capacity, blackout dates, lead time and the booking horizon. Dates and times are in the business time zone (\`timezone\`). Never cached.`,
      audience: 'anyone',
      parameters: [
        { name: 'from', in: 'query', required: true, description: 'First date, YYYY-MM-DD', schema: jsonSchemaOf(availabilityQuerySchema.shape.from), example: shapes.EXAMPLE_DATE },
        { name: 'to', in: 'query', required: true, description: `Last date, YYYY-MM-DD (at most ${MAX_AVAILABILITY_RANGE_DAYS} days after \`from\`, counting both)`, schema: jsonSchemaOf(availabilityQuerySchema.shape.to), example: shapes.EXAMPLE_DATE },
        { name: 'guests', in: 'query', required: false, description: 'Party size (default 1; at most the business\'s maximum)', schema: jsonSchemaOf(z.number().int().min(1).max(BOOKING_LIMITS.maxGuests)), example: 12 },
        {
          name: 'durationMinutes',
          in: 'query',
          required: false,
          description: 'Event length (default the business\'s; within its minimum and maximum)',
          schema: jsonSchemaOf(z.number().int().min(BOOKING_LIMITS.minDurationMinutes).max(BOOKING_LIMITS.maxDurationMinutes)),
          example: 120,
        },
      ],
      responses: { 200: ok('Each day with its start times', schemas.ref('Availability', shapes.availabilitySchema), shapes.AVAILABILITY_EXAMPLE) },
      refusals: [refusedWith(thrown(() => parseOrThrow(availabilityQuerySchema, { from: '2026-12-01', to: '2027-03-01' })), `More than ${MAX_AVAILABILITY_RANGE_DAYS} days, \`to\` before \`from\`, a malformed date or number`)],
    },
    {
      method: 'post',
      path: '/api/quote',
      operationId: 'quote',
      tag: 'Booking',
      summary: 'Price a party',
      description:
        'The itemized price, computed by the same function that prices bookings; nothing is saved. Without `address` (the booking form\'s party step) there is no travel fee yet and `travelFeeKnown` is `false`; with it only the ZIP is read. Date, time and party are checked by the booking rules.',
      audience: 'anyone',
      body: { maxBytes: MAX_JSON_BODY_BYTES, content: json(schemas.ref('QuoteRequest', quoteRequestSchema), shapes.QUOTE_REQUEST_EXAMPLE) },
      responses: { 200: ok('The price', schemas.ref('QuoteResponse', shapes.quoteResponseSchema), shapes.QUOTE_EXAMPLE) },
      refusals: [badDate, outsideWindow, outsideArea],
    },
    {
      method: 'post',
      path: '/api/bookings',
      operationId: 'createBooking',
      tag: 'Booking',
      summary: 'Book a party',
      description: [
        'Creates a `pending` booking at the server\'s price (Payload\'s create, with every booking rule in one transaction: lead time, start window, blackout dates, capacity, one booking per email and date). The customer is found or created by email.',
        'The answer\'s `doc.manageToken` is the manage link\'s credential and appears in this answer only (only its SHA-256 hash is stored).',
        'Fields only the server decides (status, pricing, payment, chefs, source, `durationMinutes`) are ignored when a customer sends them. Send an `Idempotency-Key` so a retry cannot book twice.',
      ].join(' '),
      audience: 'anyone',
      idempotent: true,
      body: {
        maxBytes: MAX_JSON_BODY_BYTES,
        content: json(
          schemas.ref('BookingCreate', bookingCreateSchema, {
            properties: { source: 'Staff only: where the booking came from. Ignored for anyone else (web).', durationMinutes: 'Staff only: ignored for anyone else (the business\'s default length).' },
          }),
          shapes.BOOKING_CREATE_EXAMPLE,
        ),
      },
      responses: { 201: ok('The booking, with its manage token', schemas.ref('BookingCreated', shapes.bookingCreatedSchema), shapes.BOOKING_CREATED_EXAMPLE) },
      refusals: [
        badDate,
        outsideWindow,
        refusedWith(thrown(() => parseOrThrow(bookingCreateSchema, { ...shapes.BOOKING_CREATE_EXAMPLE, contact: { ...shapes.BOOKING_CREATE_EXAMPLE.contact, email: 'ada@' } })), 'An invalid email address'),
        outsideArea,
        slotFull,
        duplicate,
      ],
    },

    // ----------------------------------------------------------------------------- Manage link
    {
      method: 'get',
      path: manage(''),
      operationId: 'getManagedBooking',
      tag: 'Manage link',
      summary: 'The booking, as its customer sees it',
      description: `Date, time, party, address, contact, menu, price, payment, cancellation, what can still be done (\`canReschedule\`, \`canCancel\`, \`canPayDeposit\`, \`canPayBalance\`) and what cancelling now would refund. ${PRIVATE_NOTE}`,
      audience: 'the holder of the manage link',
      parameters: [manageToken],
      responses: { 200: ok('The booking', manageAnswer, { booking: shapes.MANAGE_VIEW_EXAMPLE }) },
      refusals: [manageNotFound],
    },
    {
      method: 'post',
      path: manage('/reschedule'),
      operationId: 'rescheduleBooking',
      tag: 'Manage link',
      summary: 'Move the booking to another date or time',
      description: `Every booking rule applies again, on the booking row locked for the change. Refunds keep counting from the original start. ${PRIVATE_NOTE}`,
      audience: 'the holder of the manage link',
      parameters: [manageToken],
      idempotent: true,
      body: { maxBytes: MAX_JSON_BODY_BYTES, content: json(schemas.ref('Reschedule', rescheduleSchema), { eventDate: '2026-12-19', startTime: '18:00' }) },
      responses: { 200: ok('The booking as it is now', manageAnswer, { booking: { ...shapes.MANAGE_VIEW_EXAMPLE, eventDate: '2026-12-19', startTime: '18:00', startsAt: '2026-12-19T23:00:00.000Z', endsAt: '2026-12-20T01:00:00.000Z' } }) },
      refusals: [
        refusedWith(ValidationError.single('startTime', 'Choose a different date or time'), 'The same date and time as now'),
        badDate,
        outsideWindow,
        manageNotFound,
        slotFull,
        duplicate,
        refusedWith(thrown(() => assertCanReschedule('cancelled')), '`not_reschedulable`: the booking is over or cancelled'),
        refusedWith(thrown(() => assertBeforeEvent(EXAMPLE_NOW, EXAMPLE_NOW, 'reschedule')), '`event_passed`: the event has started'),
      ],
    },
    {
      method: 'post',
      path: manage('/cancel'),
      operationId: 'cancelBooking',
      tag: 'Manage link',
      summary: 'Cancel the booking',
      description: `Cancels with the refund the cancellation tiers give (counted from the original start; refunded to the card by the payments job). ${PRIVATE_NOTE}`,
      audience: 'the holder of the manage link',
      parameters: [manageToken],
      idempotent: true,
      body: { required: false, maxBytes: MAX_JSON_BODY_BYTES, content: json(schemas.ref('Cancel', cancelSchema), { reason: 'We moved the party indoors at a friend\'s.' }) },
      responses: { 200: ok('The cancelled booking and its refund', schemas.ref('CancelResponse', shapes.cancelResponseSchema), shapes.CANCEL_EXAMPLE) },
      refusals: [
        refusedWith(thrown(() => parseOrThrow(cancelSchema, { reason: 42 })), 'A reason that is not text, or over 500 characters'),
        manageNotFound,
        refusedWith(thrown(() => assertCanCancel('cancelled')), '`invalid_transition`: already cancelled, completed or expired'),
        refusedWith(thrown(() => assertBeforeEvent(EXAMPLE_NOW, EXAMPLE_NOW, 'cancel')), '`event_passed`: the event has started'),
      ],
    },
    {
      method: 'get',
      path: manage('/calendar.ics'),
      operationId: 'getBookingCalendar',
      tag: 'Manage link',
      summary: 'The booking as a calendar event',
      description: `An iCalendar file (UTC start, duration, address, the manage link); \`METHOD:CANCEL\` once the booking is cancelled. ${PRIVATE_NOTE}`,
      audience: 'the holder of the manage link',
      parameters: [manageToken],
      responses: {
        200: {
          description: 'An `.ics` attachment',
          headers: { 'Content-Disposition': { description: '`attachment; filename="hibachi-<date>.ics"`', schema: { type: 'string' } } },
          content: {
            'text/calendar': {
              schema: { type: 'string' },
              example: calendarFile(
                { ...shapes.MANAGE_VIEW_EXAMPLE, startsAt: new Date(shapes.MANAGE_VIEW_EXAMPLE.startsAt), createdAt: new Date('2026-11-18T14:03:11.000Z'), updatedAt: new Date('2026-11-18T14:09:52.000Z') },
                { businessName: settings.businessName, siteUrl: 'https://myhibachi.example', manageUrl: `https://myhibachi.example/booking/${shapes.EXAMPLE_TOKEN}` },
              ),
            },
          },
        },
      },
      refusals: [manageNotFound],
    },
    payRoute('deposit'),
    payRoute('balance'),

    // -------------------------------------------------------------------------------- Payments
    {
      method: 'post',
      path: '/api/bookings/return',
      operationId: 'claimPaymentReturn',
      tag: 'Payments',
      summary: 'Back from Stripe: trade the return code',
      description: `The return page sends the single-use \`code\` from the URL Stripe sent the customer back to; the answer is what that page shows, and an HttpOnly cookie lets it poll GET /api/bookings/return for 30 minutes until the webhook has confirmed the booking. ${PRIVATE_NOTE}`,
      audience: 'whoever Stripe sent back',
      body: { maxBytes: MAX_JSON_BODY_BYTES, content: json(schemas.ref('ReturnCode', returnCodeSchema), { code: 'r8Tq2LmV5xNc7WbZ1kYd3hGf' }) },
      responses: {
        200: ok('The booking as the return page shows it', schemas.ref('ReturnResponse', shapes.returnResponseSchema), shapes.RETURN_EXAMPLE, {
          'Set-Cookie': { description: 'The return cookie (HttpOnly, 30 minutes)', schema: { type: 'string' } },
        }),
      },
      refusals: [
        refusedWith(thrown(() => parseOrThrow(returnCodeSchema, {})), 'No code'),
        refusedAs(404, 'NotFound', 'This payment link has expired or was already used. Use the manage link from your confirmation email.', 'An unknown, used or expired code'),
      ],
    },
    {
      method: 'get',
      path: '/api/bookings/return',
      operationId: 'getPaymentReturn',
      tag: 'Payments',
      summary: 'Back from Stripe: the booking while the return cookie lasts',
      description: `The same answer as the POST, for the return page to poll. ${PRIVATE_NOTE}`,
      audience: 'the browser holding the return cookie',
      responses: { 200: ok('The booking as the return page shows it', schemas.ref('ReturnResponse', shapes.returnResponseSchema), shapes.RETURN_EXAMPLE) },
      refusals: [refusedAs(401, 'Unauthorized', 'Open the link Stripe sent you back with, or the manage link from your email.', 'No return cookie, or it ran out')],
    },
    {
      method: 'post',
      path: '/api/bookings/pay/{token}',
      operationId: 'payBalanceByLink',
      tag: 'Payments',
      summary: 'Pay the balance from an emailed payment link',
      description: `The URL of a Stripe Checkout Session for the balance (the amount is the booking's). The link is the one staff or the balance reminder emailed; a newer link retires the older one. ${PRIVATE_NOTE}`,
      audience: 'the holder of a balance-payment link',
      parameters: [tokenParameter('The payment link\'s token: `/pay/<token>` in the email.')],
      body: { description: 'No input.', required: false, content: json(schemas.ref('PayNow', payNowSchema), {}) },
      responses: { 200: ok('The Checkout page to send the customer to', checkout, shapes.CHECKOUT_EXAMPLE) },
      refusals: [
        refusedWith(new NotFoundError('This payment link is not valid any more. Ask us for a new one.'), 'An unknown or retired link'),
        refusedWith(new ConflictError('Nothing is due on this booking.', 'payment_not_due'), '`payment_not_due`: nothing is due'),
        paymentsOff,
        stripeDown,
      ],
    },

    // --------------------------------------------------------------------------------- Account
    {
      method: 'post',
      path: '/api/customers/login-link',
      operationId: 'requestLoginLink',
      tag: 'Account',
      summary: 'Email me a sign-in link',
      description:
        'Always 202 with the same words, whether or not an account has this email (neither the answer nor its timing tells). An existing account is emailed a one-time sign-in link that works for 15 minutes. Limited per address (`login-email`) on top of the per-IP `auth` limit.',
      audience: 'anyone',
      body: { maxBytes: ACCOUNT_BODY_BYTES, content: json(schemas.ref('LoginLinkRequest', loginLinkRequestSchema), { email: 'ada@example.com' }) },
      responses: { 202: ok('Accepted (the same answer for every address)', schemas.ref('LoginLinkSent', shapes.loginLinkSentSchema), LOGIN_LINK_SENT) },
      refusals: [refusedWith(thrown(() => parseOrThrow(loginLinkRequestSchema, { email: 'ada@' })), 'Not an email address')],
      ownRateLimits: ['login-email'],
    },
    {
      method: 'post',
      path: '/api/customers/login-link/redeem',
      operationId: 'redeemLoginLink',
      tag: 'Account',
      summary: 'Sign in with the emailed link',
      description: 'Trades the link\'s code for Payload\'s session cookie (`payload-token`), once, and marks the email address confirmed. A request a browser marks as cross-site is refused (the link stays unused).',
      audience: 'the holder of the link',
      body: { maxBytes: ACCOUNT_BODY_BYTES, content: json(schemas.ref('LoginLinkRedeem', loginLinkRedeemSchema), { token: shapes.EXAMPLE_TOKEN }) },
      responses: {
        200: ok(
          'Signed in',
          schemas.ref('SignedIn', shapes.signedInSchema),
          { message: 'You are signed in.', user: { id: 77, email: 'ada@example.com', name: 'Ada Example', collection: 'customers' }, exp: 1795300000 },
          { 'Set-Cookie': { description: 'Payload\'s session cookie, `payload-token`', schema: { type: 'string' } } },
        ),
      },
      refusals: [
        refusedWith(thrown(() => parseOrThrow(loginLinkRedeemSchema, {})), 'No code'),
        refusedWith(new ForbiddenError('This sign-in link is not valid any more: it may have been used already or be older than 15 minutes. Ask for a new one.'), 'A used, expired or unknown link, or a cross-site request'),
      ],
    },
    {
      method: 'post',
      path: '/api/customers/me/bookings/{id}/manage-link',
      operationId: 'renewManageLink',
      tag: 'Account',
      summary: 'A fresh manage link for one of my bookings',
      description: `The old link stops working. Only for a pending or confirmed booking of the signed-in customer. ${PRIVATE_NOTE}`,
      audience: 'a signed-in customer with a confirmed email, for their own booking',
      security: [{ customerSession: [] }],
      parameters: [idParameter('The booking\'s id')],
      body: { description: 'No input.', required: false, maxBytes: ACCOUNT_BODY_BYTES, content: json(schemas.ref('NoInput', noInputSchema), {}) },
      responses: { 200: ok('The new manage link', schemas.ref('ManageLink', shapes.manageLinkResponseSchema), { url: `https://myhibachi.example/booking/${shapes.EXAMPLE_TOKEN}` }) },
      refusals: [
        refusedWith(thrown(() => parseOrThrow(noInputSchema, { url: 'x' })), 'Any input at all'),
        signInFirst,
        staffHaveNoAccount,
        refusedAs(404, 'NotFound', 'You have no booking with that number.', 'Not their booking'),
        refusedWith(thrown(() => assertManageLinkAllowed('cancelled')), '`booking_not_active`: cancelled, completed or expired'),
      ],
    },
    {
      method: 'post',
      path: '/api/customers/me/messages',
      operationId: 'sendAccountMessage',
      tag: 'Account',
      summary: 'Write to the business from my account',
      description: 'Stored as an inbound `web` message in the customer\'s thread (staff see it in the inbox). Limited per account (`manage`). An Idempotency-Key makes a retried send store it once.',
      audience: 'a signed-in customer with a confirmed email',
      security: [{ customerSession: [] }],
      idempotent: true,
      body: { maxBytes: ACCOUNT_MESSAGE_BYTES, content: json(schemas.ref('AccountMessageRequest', accountMessageSchema), { body: 'Can we add two more guests?', bookingId: 4821 }) },
      responses: {
        201: ok('The stored message', schemas.ref('AccountMessageResponse', shapes.accountMessageResponseSchema), {
          message: { id: 9120, createdAt: '2026-11-20T15:00:00.000Z', channel: 'web', direction: 'inbound', status: 'received', subject: null, body: 'Can we add two more guests?', booking: 4821 },
        }),
      },
      refusals: [refusedWith(thrown(() => parseOrThrow(accountMessageSchema, { body: '' })), 'An empty message, or one too long'), signInFirst, staffHaveNoAccount],
      ownRateLimits: ['manage'],
    },
    {
      method: 'get',
      path: '/api/customers/me/export',
      operationId: 'exportMyData',
      tag: 'Account',
      summary: 'Download my data',
      description: 'The account, its bookings, payments and messages as a JSON attachment: no secrets (password hash, sessions, link hashes), no staff notes, no Stripe internals.',
      audience: 'a signed-in customer with a confirmed email',
      security: [{ customerSession: [] }],
      responses: {
        200: {
          description: 'A JSON attachment (`myhibachi-account-<date>.json`)',
          headers: { 'Content-Disposition': { description: '`attachment; filename="myhibachi-account-<date>.json"`', schema: { type: 'string' } } },
          content: json(schemas.ref('AccountExport', shapes.accountExportSchema), { exportedAt: '2026-11-20T15:00:00.000Z', account: { id: 77, email: 'ada@example.com', name: 'Ada Example' }, bookings: [], payments: [], messages: [] }),
        },
      },
      refusals: [signInFirst, staffHaveNoAccount],
    },
    {
      method: 'post',
      path: '/api/customers/me/deletion-request',
      operationId: 'requestAccountDeletion',
      tag: 'Account',
      summary: 'Ask for my account to be deleted',
      description: 'Recorded for staff, who complete it within 30 days once no booking is still to come; asking again keeps the first date.',
      audience: 'a signed-in customer with a confirmed email',
      security: [{ customerSession: [] }],
      body: { description: 'No input.', required: false, maxBytes: ACCOUNT_BODY_BYTES, content: json(schemas.ref('NoInput', noInputSchema), {}) },
      responses: { 200: ok('Recorded', schemas.ref('DeletionRequest', shapes.deletionRequestSchema), { requestedAt: '2026-11-20T15:00:00.000Z', dueBy: '2026-12-20T15:00:00.000Z', first: true }) },
      refusals: [signInFirst, staffHaveNoAccount],
    },

    // -------------------------------------------------------------------------------- Webhooks
    {
      method: 'post',
      path: '/api/stripe/webhook',
      operationId: 'stripeWebhook',
      tag: 'Webhooks',
      summary: 'Stripe event deliveries',
      description:
        'Stripe\'s signed events (`Stripe-Signature`, verified with STRIPE_WEBHOOK_SECRET and a 300 s tolerance, before anything is parsed). Each event id is applied once, in the same transaction as its effect: repeats and concurrent deliveries are answered 200 and change nothing. The effect is decided on the Checkout Session as Stripe has it now, so events arriving out of order converge. Unhandled event types are acknowledged. A failure of ours answers 5xx, and Stripe delivers again. Not rate limited.',
      audience: 'Stripe',
      security: [{ stripeSignature: [] }],
      body: {
        maxBytes: MAX_WEBHOOK_BYTES,
        content: json(
          {
            type: 'object',
            description: 'A Stripe Event, as Stripe sends it (the raw body is verified byte for byte). Checkout Session events change bookings; others are acknowledged.',
            properties: { id: { type: 'string' }, type: { type: 'string' }, data: { type: 'object', properties: { object: { type: 'object' } }, required: ['object'] } },
            required: ['id', 'type', 'data'],
          },
          { id: 'evt_1Q2w3E4r5T6y', type: 'checkout.session.completed', data: { object: { id: 'cs_test_a1B2c3D4e5F6g7H8', object: 'checkout.session', metadata: { bookingId: '4821', kind: 'deposit' } } } }),
      },
      responses: { 200: ok('Received (also for a repeat)', schemas.ref('StripeReceived', shapes.stripeReceivedSchema), { received: true, outcome: 'confirm_deposit' }) },
      refusals: [
        refusedAs(400, 'WebhookSignatureError', 'The Stripe-Signature header does not match this body, or it is too old.', 'A bad or old signature (nothing changes)'),
        refusedAs(400, 'WebhookPayloadError', 'The signed body is not a Stripe event (id, type and data.object are required).', 'A signed body that is not an event'),
        paymentsOff,
        stripeDown,
      ],
    },
    {
      method: 'post',
      path: '/api/twilio/sms',
      operationId: 'twilioInboundSms',
      tag: 'Webhooks',
      summary: 'An inbound text message (Twilio)',
      description:
        'Twilio\'s form post for a text sent to the business number, signed with `X-Twilio-Signature` over PUBLIC_SERVER_URL + the path and the parameters. Stored once per `MessageSid` in the sender\'s thread; answered with an empty TwiML `<Response/>` (no auto-reply). Not rate limited.',
      audience: 'Twilio',
      security: [{ twilioSignature: [] }],
      body: {
        maxBytes: MAX_TWILIO_BODY_BYTES,
        content: {
          'application/x-www-form-urlencoded': {
            schema: schemas.ref('TwilioInboundSms', inboundSmsSchema, { description: 'The fields read; Twilio sends more (To, AccountSid…), which are signed but not stored.' }),
            example: { MessageSid: 'SM0123456789abcdef0123456789abcdef', From: '+12125550100', Body: 'Running 10 minutes late!', NumMedia: '0' },
          },
        },
      },
      responses: { 200: { description: 'Stored: an empty TwiML answer', content: { 'text/xml': { schema: { type: 'string' }, example: '<?xml version="1.0" encoding="UTF-8"?><Response/>' } } } },
      refusals: [
        refusedWith(thrown(() => parseOrThrow(inboundSmsSchema, { From: '+12125550100' })), 'A missing or malformed field (`MessageSid`, `From`)'),
        refusedAs(403, 'Forbidden', 'The X-Twilio-Signature header does not match this request (its URL, as PUBLIC_SERVER_URL names it, and its parameters).', 'A missing or wrong signature (nothing is written)'),
        refusedAs(415, 'UnsupportedMediaType', 'Send application/x-www-form-urlencoded, as Twilio does.', 'Not a form post'),
        refusedWith(new UnavailableError('SMS is not configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM): this webhook accepts nothing.', 'sms_not_configured'), '`sms_not_configured`: Twilio is not set up'),
      ],
    },
    {
      method: 'post',
      path: '/api/twilio/status',
      operationId: 'twilioStatus',
      tag: 'Webhooks',
      summary: 'A delivery report for a text we sent (Twilio)',
      description:
        'Signed like the inbound webhook. `sent` moves to `delivered` or `failed`, never backwards; repeats, late reports and unknown SIDs change nothing and are acknowledged. Our message id rides in the callback URL (`?message=<id>`). Not rate limited.',
      audience: 'Twilio',
      security: [{ twilioSignature: [] }],
      parameters: [{ name: 'message', in: 'query', required: false, description: 'Our message id, put in the status callback URL when the text was sent', schema: { type: 'integer', minimum: 1 }, example: 9120 }],
      body: {
        maxBytes: MAX_TWILIO_BODY_BYTES,
        content: { 'application/x-www-form-urlencoded': { schema: schemas.ref('TwilioStatusReport', smsReportSchema), example: { MessageSid: 'SM0123456789abcdef0123456789abcdef', MessageStatus: 'delivered' } } },
      },
      responses: { 200: ok('Received', schemas.ref('TwilioStatusReceived', shapes.twilioStatusReceivedSchema), { received: true, outcome: 'delivered' }) },
      refusals: [
        refusedWith(thrown(() => parseOrThrow(smsReportSchema, { MessageSid: 'SM0123456789abcdef0123456789abcdef' })), 'A missing or malformed field'),
        refusedAs(403, 'Forbidden', 'The X-Twilio-Signature header does not match this request (its URL, as PUBLIC_SERVER_URL names it, and its parameters).', 'A missing or wrong signature'),
        refusedAs(415, 'UnsupportedMediaType', 'Send application/x-www-form-urlencoded, as Twilio does.', 'Not a form post'),
        refusedWith(new UnavailableError('SMS is not configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM): this webhook accepts nothing.', 'sms_not_configured'), '`sms_not_configured`: Twilio is not set up'),
      ],
    },
    {
      method: 'post',
      path: '/api/inbound/email',
      operationId: 'inboundEmail',
      tag: 'Webhooks',
      summary: 'An inbound email (inbound-parse service)',
      description:
        'An email to the business, as an inbound-parse service posts it (SendGrid Inbound Parse: `multipart/form-data`; the same fields form-encoded are read too). Authenticated with INBOUND_EMAIL_SECRET as the Basic-auth password (`https://inbound:SECRET@host/api/inbound/email`) or a Bearer token, before the body is read. Stored once per Message-ID in the sender\'s thread; attachments are counted, not kept. Not rate limited.',
      audience: 'the email provider',
      security: [{ inboundEmailBasic: [] }, { inboundEmailBearer: [] }],
      body: {
        maxBytes: MAX_INBOUND_EMAIL_BYTES,
        content: {
          'multipart/form-data': {
            schema: schemas.ref('InboundEmailForm', z.object({
              from: z.string().describe('The sender, e.g. `Ada Example <ada@example.com>` (required)'),
              to: z.string().optional(),
              subject: z.string().optional(),
              text: z.string().optional().describe('The text part (else the HTML\'s text is used)'),
              html: z.string().optional(),
              headers: z.string().optional().describe('The raw headers (Message-ID, In-Reply-To, References are read)'),
              envelope: z.string().optional(),
              charsets: z.string().optional().describe('JSON: the charset of each field'),
            }), { description: 'The fields read (SendGrid Inbound Parse). A mail needs a sender and something to read: text, HTML, a subject or an attachment.' }),
            example: { from: 'Ada Example <ada@example.com>', to: 'bookings@myhibachi.example', subject: 'Re: Your booking on December 12', text: 'Can we start at 17:30 instead?' },
          },
          'application/x-www-form-urlencoded': { schema: schemaRef('InboundEmailForm') },
        },
      },
      responses: { 200: ok('Stored (or stored before)', schemas.ref('InboundEmailReceived', shapes.inboundEmailReceivedSchema), { received: true, id: 9121, created: true }) },
      refusals: [
        refusedWith(thrown(() => readInboundEmail({ fields: new Map(), all: [], files: 0 })), 'No sender, or nothing to read (`from`, `text`); a malformed form (`body`)'),
        refusedAs(401, 'Unauthorized', 'Send INBOUND_EMAIL_SECRET as the Basic auth password or a Bearer token.', 'A missing or wrong secret'),
        refusedAs(415, 'UnsupportedMediaType', 'Send multipart/form-data or application/x-www-form-urlencoded, as inbound-parse services do.', 'Not a form post'),
        refusedWith(new UnavailableError('Inbound email is not configured (INBOUND_EMAIL_SECRET): this endpoint accepts nothing.', 'inbound_email_not_configured'), '`inbound_email_not_configured`: INBOUND_EMAIL_SECRET is unset'),
      ],
    },

    // ------------------------------------------------------------------------- Browser reports
    {
      method: 'post',
      path: '/api/client-errors',
      database: false,
      operationId: 'reportClientError',
      tag: 'Browser reports',
      summary: 'Report an error in the browser',
      description: 'Sent by the storefront with `sendBeacon` (JSON as `application/json` or `text/plain`). Logged once with the request ID; email addresses, phone numbers and manage tokens are scrubbed first.',
      audience: 'browsers',
      body: {
        maxBytes: REPORT_BYTES,
        content: {
          ...json(schemas.ref('ClientError', clientErrorSchema), { kind: 'boundary', message: 'Cannot read properties of undefined (reading \'slots\')', name: 'TypeError', component: 'BookingForm', path: '/book' }),
          'text/plain': { schema: schemaRef('ClientError') },
        },
      },
      responses: { 204: { description: 'Logged' } },
      refusals: [
        refusedWith(thrown(() => parseOrThrow(clientErrorSchema, { kind: 'boundary', message: 'x', path: '/', extra: 1 })), 'A field that is not in the schema, or a bad one'),
        refusedAs(415, 'UnsupportedMediaType', 'Send the report as JSON (application/json or text/plain).', 'Neither JSON nor text'),
      ],
    },
    {
      method: 'post',
      path: '/api/vitals',
      database: false,
      operationId: 'reportWebVital',
      tag: 'Browser reports',
      summary: 'Report a Core Web Vital',
      description: 'Observed in the `myhibachi_web_vitals{name,rating}` histogram. CLS is unitless; the others are milliseconds.',
      audience: 'browsers',
      body: {
        maxBytes: REPORT_BYTES,
        content: {
          ...json(schemas.ref('WebVital', vitalSchema), { name: 'LCP', value: 1840.5, rating: 'good', id: 'v4-1732111200000-8421', path: '/book', navigationType: 'navigate' }),
          'text/plain': { schema: schemaRef('WebVital') },
        },
      },
      responses: { 204: { description: 'Recorded' } },
      refusals: [
        refusedWith(thrown(() => parseOrThrow(vitalSchema, { name: 'FID', value: 3, rating: 'good', id: 'x', path: '/' })), 'An unknown metric or a bad field'),
        refusedAs(415, 'UnsupportedMediaType', 'Send the report as JSON (application/json or text/plain).', 'Neither JSON nor text'),
      ],
    },
    {
      method: 'get',
      path: '/api/error-tracking',
      database: false,
      operationId: 'getErrorTrackingConfig',
      tag: 'Browser reports',
      summary: 'Where the browser reports its errors',
      description:
        'Asked once per page load by the browser\'s error tracking: `dsn` is null while SENTRY_DSN is unset on the server (the browser then loads no SDK and sends nothing); otherwise the public Sentry DSN, release, environment and trace sample rate. Read at run time, so turning the server\'s DSN off needs no rebuild. Browsers may cache it for five minutes.',
      audience: 'browsers',
      responses: {
        200: ok('The browser\'s error-tracking settings', schemas.ref('ErrorTrackingConfig', errorTrackingConfigSchema), { dsn: 'https://0123456789abcdef@o1.ingest.sentry.io/1', release: 'myhibachi@0.1.0', environment: 'production', tracesSampleRate: 0 }),
      },
    },

    // ------------------------------------------------------------------------------ Operations
    {
      method: 'get',
      path: '/api/health/live',
      database: false,
      operationId: 'healthLive',
      tag: 'Operations',
      summary: 'Liveness',
      description: '200 while the process serves; checks nothing else. Never cached.',
      audience: 'anyone (load balancers)',
      responses: { 200: ok('Serving', schemas.ref('HealthLive', shapes.healthLiveSchema), { status: 'ok', uptimeSeconds: 86_400 }) },
    },
    {
      method: 'get',
      path: '/api/health/ready',
      database: false,
      operationId: 'healthReady',
      tag: 'Operations',
      summary: 'Readiness',
      description:
        'Real checks, in parallel, each bounded by HEALTH_CHECK_TIMEOUT_MS: not shutting down, the database answers, every migration is applied, this instance\'s chat server is up, Redis answers (when REDIS_URL is set). Why a check failed is logged on the server, never answered. Never cached.',
      audience: 'anyone (load balancers)',
      responses: {
        200: ok('Ready', schemas.ref('HealthReady', shapes.healthReadySchema), {
          status: 'ok',
          checks: {
            shutdown: { status: 'up', latencyMs: 0 },
            database: { status: 'up', latencyMs: 2 },
            migrations: { status: 'up', latencyMs: 3, details: { applied: 41 } },
            chat: { status: 'up', latencyMs: 0 },
            redis: { status: 'up', latencyMs: 1 },
          },
        }),
        503: ok('Not ready: a check is down', schemaRef('HealthReady'), {
          status: 'fail',
          checks: {
            shutdown: { status: 'up', latencyMs: 0 },
            database: { status: 'down', latencyMs: 2000 },
            migrations: { status: 'down', latencyMs: 2000 },
            chat: { status: 'up', latencyMs: 0 },
            redis: { status: 'skipped', latencyMs: 0 },
          },
        }),
      },
    },
    {
      method: 'get',
      path: '/api/openapi.json',
      database: false,
      operationId: 'getOpenApiDocument',
      tag: 'Operations',
      summary: 'This document',
      description: 'The OpenAPI 3.1 document of the public API, built from the schemas the endpoints use. Readable as a page at `/api-docs`.',
      audience: 'anyone',
      responses: { 200: ok('The document', schemas.ref('OpenApiDocument', shapes.openApiDocumentSchema), { openapi: '3.1.0', info: { title: 'MyHibachi public API', version: '1' }, paths: {} }) },
    },
  ]
}

const TAGS = [
  { name: 'Booking', description: 'Free times, prices and the booking itself: what the booking form at /book calls.' },
  { name: 'Manage link', description: 'The customer\'s manage link (`/booking/<token>`): the token in the path is the credential. Unknown and malformed tokens get the same 404.' },
  { name: 'Payments', description: 'Coming back from Stripe Checkout, and the emailed balance-payment link.' },
  { name: 'Account', description: 'Email-link sign-in and the signed-in customer\'s own actions. Payload\'s own auth routes (`/api/customers/login`, `/logout`, `/me`, password reset) work as Payload documents them.' },
  { name: 'Webhooks', description: 'Called by providers, each authenticated by a signature or a shared secret; never rate limited.' },
  { name: 'Browser reports', description: 'Errors and web vitals the storefront reports, and where its error tracking sends.' },
  { name: 'Operations', description: 'Health checks and this document.' },
  { name: 'Chat', description: 'The storefront chat is a WebSocket at `/ws/chat`: see `x-websockets` (frames, close codes, limits).' },
]

const SECURITY_SCHEMES = {
  customerSession: { type: 'apiKey', in: 'cookie', name: 'payload-token', description: 'Payload\'s session cookie, set by signing in (password or email link).' },
  stripeSignature: { type: 'apiKey', in: 'header', name: 'Stripe-Signature', description: 'Stripe\'s signature of the raw body with STRIPE_WEBHOOK_SECRET.' },
  twilioSignature: { type: 'apiKey', in: 'header', name: 'X-Twilio-Signature', description: 'Twilio\'s signature of PUBLIC_SERVER_URL + path and the form parameters, with TWILIO_AUTH_TOKEN.' },
  inboundEmailBasic: { type: 'http', scheme: 'basic', description: 'INBOUND_EMAIL_SECRET as the password (any user name).' },
  inboundEmailBearer: { type: 'http', scheme: 'bearer', description: 'INBOUND_EMAIL_SECRET as the token.' },
}

/** The public API as the document describes it (a new SchemaSet each time: no state is shared). */
export function publicApi(): ApiDescription {
  const schemas = new SchemaSet()
  return {
    info: {
      title: 'MyHibachi public API',
      version: '1',
      description: [
        'The HTTP API the storefront, customers\' browsers and providers call. Staff routes (inbox, refunds, payment links, anonymising) and Payload\'s generic collection REST and GraphQL APIs are not described here.',
        '',
        'Errors have one shape, `{ errors: [{ name, message, data? }] }`: 400 `ValidationError` names each field in `data.errors[]`; 409 `ConflictError` and 503 `ServiceUnavailable` say why in `data.reason`; 413 `PayloadTooLarge` gives `data.maxBytes`; 429 `TooManyRequests` comes with `Retry-After`. Every answer carries `x-request-id` (yours, when `X-Request-ID` is a sane token).',
        '',
        'Money is in whole cents; dates (YYYY-MM-DD) and times (HH:MM) are in the business time zone, instants are ISO 8601 UTC.',
      ].join('\n'),
    },
    tags: TAGS,
    routes: routes(schemas),
    schemas,
    securitySchemes: SECURITY_SCHEMES,
    extensions: { 'x-websockets': chatWebSocket(schemas) },
  }
}
