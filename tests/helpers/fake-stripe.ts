/**
 * A fake of the Stripe API for tests, faked only at the network boundary: a real `node:http`
 * server on 127.0.0.1 that the official `stripe` SDK talks to as it would to api.stripe.com
 * (`new Stripe(key, { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 })`). It
 * speaks Stripe's wire format: form-encoded requests with nested keys (`metadata[bookingId]`,
 * `line_items[0][price_data][unit_amount]`, `expand[0]`), JSON objects with Stripe's field names,
 * Stripe's error shape and status codes (so the SDK raises its own error classes), Bearer `sk_`/`rk_`
 * keys, and Idempotency-Key replay (a repeat replays the first answer byte for byte; the same key
 * with other parameters is an idempotency_error; like Stripe, answers to requests that failed
 * validation are not kept).
 * Endpoints: customers (create, retrieve), Checkout Sessions (create, retrieve, expire), PaymentIntents
 * (create, retrieve), refunds (create, retrieve). A hosted checkout page (GET/POST /c/pay/:id) stands
 * in for checkout.stripe.com: its Pay button completes the session and, when a webhook URL and
 * secret are set, delivers a signed `checkout.session.completed` event before redirecting to the
 * session's success_url.
 * Limits: test mode, one account, everything in memory. Only the parameters each handler reads are
 * understood (others are recorded in `requests` and ignored); Checkout is `mode=payment` with
 * `price_data` line items only (no Price objects); no list, update or search endpoints; no Charge,
 * PaymentMethod or Event endpoints; sessions past their expires_at read as expired, but no
 * `checkout.session.expired` (or any other) event is sent by itself — `deliver()` sends one.
 * Where Stripe's behaviour differs from the simplest guess, the fake follows Stripe: a
 * PaymentIntent is only charged with `confirm=true`; an off-session failure leaves it in
 * `requires_payment_method`; a card used in Checkout without `setup_future_usage` cannot be reused,
 * a saved one only with its customer; an empty string outside metadata is refused.
 * Beside this file: fake-stripe-wire.ts (form parsing, parameter readers, errors, ids, the key
 * check), fake-stripe-objects.ts (the objects' shapes), fake-stripe-page.ts (the hosted page).
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import Stripe from 'stripe'

import type { CardFailure, FakeCheckoutSession, FakeCustomer, FakeEvent, FakePaymentError, FakePaymentIntent, FakeRefund, Metadata } from './fake-stripe-objects'
import { checkoutPage, htmlPage, money, type PageItem } from './fake-stripe-page'
import {
  authFailure,
  bool,
  canonical,
  docUrl,
  expandList,
  type Form,
  type FormValue,
  headerOf,
  httpUrl,
  int,
  invalid,
  isForm,
  list,
  metadataOf,
  nested,
  noSuch,
  now,
  oneOf,
  parseForm,
  randomChars,
  randomId,
  rejectEmptyStrings,
  required,
  str,
  StripeFailure,
} from './fake-stripe-wire'
import { signStripeEvent } from './stripe-webhook'

export type { CardFailure, FakeCheckoutSession, FakeCustomer, FakeEvent, FakePaymentError, FakePaymentIntent, FakeRefund, Metadata } from './fake-stripe-objects'

export interface FakeStripeRequest {
  method: string
  /** The path without the query string (a GET's parameters are in `form`). */
  path: string
  idempotencyKey: string | null
  /** The parameters as Stripe reads them: nested objects and arrays, every leaf a string. */
  form: Record<string, unknown>
  /** True when the answer was an idempotent replay of an earlier one. */
  replayed: boolean
}

export interface WebhookDelivery {
  eventId: string
  type: string
  /** The receiver's HTTP status; null when it could not be reached in time (see `error`). */
  status: number | null
  error?: string
}

export interface FakeStripeOptions {
  /** Where the hosted page's Pay button delivers `checkout.session.completed` (with `webhookSecret`). */
  webhookUrl?: string
  /** The `whsec_…` secret that signs delivered events. */
  webhookSecret?: string
  /** Port to listen on; default 0 (any free port). */
  port?: number
}

export interface FakeStripe {
  /** e.g. http://127.0.0.1:40123 */
  url: string
  port: number
  /** Every request received (API and hosted page), in arrival order. */
  requests: FakeStripeRequest[]
  /** Every webhook delivery attempted, in order. */
  deliveries: WebhookDelivery[]
  /** Snapshots of every Checkout Session, in creation order. */
  sessions(): FakeCheckoutSession[]
  paymentIntents(): FakePaymentIntent[]
  refunds(): FakeRefund[]
  customers(): FakeCustomer[]
  /**
   * Completes an open session as the customer paying would: a succeeded PaymentIntent (a new
   * `pm_…`, the session's customer and amount, its metadata with payment_intent_data.metadata over
   * it), `status: 'complete'`, `payment_status: 'paid'`, `payment_intent` set. With
   * setup_future_usage the card is saved to the customer (one is made if the session had none).
   * Throws if the session is unknown or not open. Sends no event.
   */
  paySession(id: string): FakeCheckoutSession
  /** Expires an open session (throws if it is unknown or not open). Sends no event. */
  expireSession(id: string): FakeCheckoutSession
  /** The next PaymentIntent confirmation fails with this card error (once). */
  failNextPaymentIntent(code: CardFailure): void
  /** The next PaymentIntent confirmation is left `processing` (as a bank debit is), not yet paid (once). */
  processNextPaymentIntent(): void
  /**
   * The next `times` API requests (any method) to exactly `path` (e.g. '/v1/refunds') are answered
   * `status` with Stripe's api_error shape and `Stripe-Should-Retry: false` (so the SDK does not
   * retry them), without running or being kept for idempotency: Stripe failing on its side.
   */
  failNext(path: string, status: number, times?: number): void
  /** A Stripe event object wrapping `object` (not delivered: see `deliver`). */
  event<T>(type: string, object: T): FakeEvent<T>
  /** Signs and POSTs `event` to the webhook URL; resolves to the receiver's status (null: unreachable). */
  deliver(event: FakeEvent): Promise<number | null>
  /** Sets (or replaces) where and with which secret events are delivered. */
  setWebhook(url: string, secret: string): void
  /** Stops the server and drops open connections; safe to call twice. */
  close(): Promise<void>
}

interface Answer {
  status: number
  body: string
  headers: Record<string, string>
}

interface SessionState {
  session: FakeCheckoutSession
  items: PageItem[]
  setupFutureUsage: 'on_session' | 'off_session' | null
  paymentIntentMetadata: Metadata
  paymentIntentDescription: string | null
}

const DAY_SECONDS = 86_400
const MIN_EXPIRY_SECONDS = 30 * 60
/** Slack on the expires_at window, so a client computing "now + 30 min" a second early still passes. */
const EXPIRY_GRACE_SECONDS = 5
const DELIVERY_TIMEOUT_MS = 10_000
const CARD_FAILURES: Record<CardFailure, { message: string; declineCode: string }> = {
  card_declined: { message: 'Your card was declined.', declineCode: 'generic_decline' },
  authentication_required: { message: 'Your card was declined. This transaction requires authentication.', declineCode: 'authentication_required' },
}
const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'] as const
const SETUP_FUTURE_USAGES = ['on_session', 'off_session'] as const

function send(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, { ...answer.headers, 'Content-Length': String(Buffer.byteLength(answer.body)) })
  res.end(answer.body)
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  send(res, { status, body: html, headers: { 'Content-Type': 'text/html; charset=utf-8' } })
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

// ---------------------------------------------------------------------------------------------

export async function startFakeStripe(opts: FakeStripeOptions = {}): Promise<FakeStripe> {
  const customers = new Map<string, FakeCustomer>()
  const sessions = new Map<string, SessionState>()
  const paymentIntents = new Map<string, FakePaymentIntent>()
  const refunds = new Map<string, FakeRefund>()
  /** Succeeded charges, by id: what was charged and how much of it has been refunded. */
  const charges = new Map<string, { paymentIntent: string; refunded: number }>()
  /** PaymentMethods Checkout created: reusable ones are attached to a customer, the others are spent. */
  const paymentMethods = new Map<string, { customer: string | null; reusable: boolean }>()
  const idempotency = new Map<string, { fingerprint: string; status: number; body: string; requestId: string }>()
  const requests: FakeStripeRequest[] = []
  const deliveries: WebhookDelivery[] = []
  const webhook = { url: opts.webhookUrl, secret: opts.webhookSecret }
  let nextFailure: CardFailure | null = null
  let nextProcessing = false
  /** Outage answers still to give, by path (failNext). */
  const outages = new Map<string, { status: number; left: number }>()
  let base = ''

  function refresh(state: SessionState): SessionState {
    if (state.session.status === 'open' && now() >= state.session.expires_at) {
      state.session.status = 'expired'
      state.session.url = null
    }
    return state
  }

  function sessionState(id: string): SessionState | undefined {
    const state = sessions.get(id)
    return state && refresh(state)
  }

  function createCustomer(form: Form): FakeCustomer {
    const email = str(form, 'email')
    if (email !== undefined && email !== '' && !/^[^\s@]+@[^\s@]+$/.test(email)) throw invalid(`Invalid email address: ${email}`, 'email', 'email_invalid')
    const customer: FakeCustomer = {
      id: randomId('cus', 14),
      object: 'customer',
      address: null,
      balance: 0,
      created: now(),
      currency: null,
      default_source: null,
      delinquent: false,
      description: str(form, 'description') || null,
      discount: null,
      email: email || null,
      invoice_prefix: randomBytes(4).toString('hex').toUpperCase(),
      invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
      livemode: false,
      metadata: metadataOf(form),
      name: str(form, 'name') || null,
      next_invoice_sequence: 1,
      phone: str(form, 'phone') || null,
      preferred_locales: [],
      shipping: null,
      tax_exempt: 'none',
      test_clock: null,
    }
    customers.set(customer.id, customer)
    return customer
  }

  function existingCustomer(form: Form): string | null {
    const id = str(form, 'customer')
    if (!id) return null
    if (!customers.has(id)) throw noSuch('customer', id, 'customer')
    return id
  }

  function lineItem(raw: FormValue, index: number): PageItem & { currency: string } {
    const prefix = `line_items[${index}]`
    if (!isForm(raw)) throw invalid('Invalid object', prefix)
    const price = str(raw, 'price', prefix)
    if (price !== undefined) throw noSuch('price', price, `${prefix}[price]`)
    const priceData = nested(raw, 'price_data', prefix)
    if (!priceData) throw invalid(`You must specify either \`price\` or \`price_data\` in ${prefix}.`, prefix)
    const pdPrefix = `${prefix}[price_data]`
    const currency = required(priceData, 'currency', pdPrefix).toLowerCase()
    const unitAmount = int(priceData, 'unit_amount', pdPrefix)
    if (unitAmount === undefined) throw invalid(`Missing required param: ${pdPrefix}[unit_amount].`, `${pdPrefix}[unit_amount]`)
    if (unitAmount < 0) throw invalid('This value must be greater than or equal to 0.', `${pdPrefix}[unit_amount]`)
    const productData = nested(priceData, 'product_data', pdPrefix)
    const name = (productData && str(productData, 'name', `${pdPrefix}[product_data]`)) || str(priceData, 'product', pdPrefix)
    if (!name) throw invalid(`Missing required param: ${pdPrefix}[product_data][name].`, `${pdPrefix}[product_data][name]`)
    const quantity = int(raw, 'quantity', prefix)
    if (quantity === undefined) throw invalid(`Missing required param: ${prefix}[quantity].`, `${prefix}[quantity]`)
    if (quantity < 1) throw invalid('This value must be greater than or equal to 1.', `${prefix}[quantity]`)
    return { name, unitAmount, quantity, currency }
  }

  function createSession(form: Form): FakeCheckoutSession {
    const mode = required(form, 'mode')
    if (mode !== 'payment') throw invalid(`This fake Stripe supports Checkout in payment mode only (mode=${mode}).`, 'mode')
    const rawItems = list(form, 'line_items')
    if (!rawItems || rawItems.length === 0) throw invalid('line_items is required in payment mode.', 'line_items')
    const items = rawItems.map(lineItem)
    const currency = items[0]?.currency ?? 'usd'
    if (items.some((i) => i.currency !== currency)) throw invalid('All line items must use the same currency.', 'line_items')
    const customer = existingCustomer(form)
    const customerEmail = str(form, 'customer_email') || null
    if (customer && customerEmail) throw invalid('You may only specify one of these parameters: customer, customer_email.', 'customer_email')
    const successUrl = httpUrl(form, 'success_url')
    const cancelUrl = httpUrl(form, 'cancel_url')
    const created = now()
    const expiresAt = int(form, 'expires_at') ?? created + DAY_SECONDS
    if (expiresAt < created + MIN_EXPIRY_SECONDS - EXPIRY_GRACE_SECONDS) {
      throw invalid('The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.', 'expires_at')
    }
    if (expiresAt > created + DAY_SECONDS + EXPIRY_GRACE_SECONDS) {
      throw invalid('The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.', 'expires_at')
    }
    const clientReferenceId = str(form, 'client_reference_id') || null
    if (clientReferenceId && clientReferenceId.length > 200) throw invalid('client_reference_id can have up to 200 characters.', 'client_reference_id')
    const pid = nested(form, 'payment_intent_data') ?? {}
    const setupFutureUsage = oneOf(pid, 'setup_future_usage', SETUP_FUTURE_USAGES, 'payment_intent_data') ?? null
    const amount = items.reduce((sum, i) => sum + i.unitAmount * i.quantity, 0)
    const id = `cs_test_a1${randomChars(56)}`
    const session: FakeCheckoutSession = {
      id,
      object: 'checkout.session',
      after_expiration: null,
      allow_promotion_codes: null,
      amount_subtotal: amount,
      amount_total: amount,
      automatic_tax: { enabled: false, liability: null, status: null },
      billing_address_collection: null,
      cancel_url: cancelUrl,
      client_reference_id: clientReferenceId,
      client_secret: null,
      created,
      currency,
      customer,
      customer_creation: customer ? null : 'if_required',
      customer_details: null,
      customer_email: customerEmail,
      expires_at: expiresAt,
      invoice: null,
      livemode: false,
      locale: null,
      metadata: metadataOf(form),
      mode: 'payment',
      payment_intent: null,
      payment_link: null,
      payment_method_types: ['card'],
      payment_status: 'unpaid',
      setup_intent: null,
      status: 'open',
      submit_type: null,
      subscription: null,
      success_url: successUrl,
      total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
      ui_mode: 'hosted',
      url: `${base}/c/pay/${id}`,
    }
    sessions.set(id, {
      session,
      items: items.map(({ name, unitAmount, quantity }) => ({ name, unitAmount, quantity })),
      setupFutureUsage,
      paymentIntentMetadata: metadataOf(pid, 'metadata', 'payment_intent_data'),
      paymentIntentDescription: str(pid, 'description', 'payment_intent_data') || null,
    })
    return session
  }

  function expire(id: string): FakeCheckoutSession {
    const state = sessionState(id)
    if (!state) throw noSuch('checkout.session', id, 'session', 404)
    const s = state.session
    if (s.status !== 'open') {
      throw invalid(`Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${s.status}".`)
    }
    s.status = 'expired'
    s.url = null
    return s
  }

  function newPaymentIntent(fields: Pick<FakePaymentIntent, 'amount' | 'currency' | 'customer' | 'payment_method' | 'metadata' | 'description' | 'receipt_email' | 'setup_future_usage'>): FakePaymentIntent {
    const id = randomId('pi')
    const pi: FakePaymentIntent = {
      id,
      object: 'payment_intent',
      amount: fields.amount,
      amount_capturable: 0,
      amount_received: 0,
      application: null,
      application_fee_amount: null,
      automatic_payment_methods: null,
      canceled_at: null,
      cancellation_reason: null,
      capture_method: 'automatic',
      client_secret: `${id}_secret_${randomChars(24)}`,
      confirmation_method: 'automatic',
      created: now(),
      currency: fields.currency,
      customer: fields.customer,
      description: fields.description,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      metadata: fields.metadata,
      next_action: null,
      on_behalf_of: null,
      payment_method: fields.payment_method,
      payment_method_options: null,
      payment_method_types: ['card'],
      processing: null,
      receipt_email: fields.receipt_email,
      review: null,
      setup_future_usage: fields.setup_future_usage,
      shipping: null,
      source: null,
      statement_descriptor: null,
      statement_descriptor_suffix: null,
      status: fields.payment_method ? 'requires_confirmation' : 'requires_payment_method',
      transfer_data: null,
      transfer_group: null,
    }
    paymentIntents.set(id, pi)
    return pi
  }

  /** A succeeded charge for `pi`; a card saved for future use is attached to the customer, others are spent. */
  function succeed(pi: FakePaymentIntent): void {
    const charge = randomId('ch')
    charges.set(charge, { paymentIntent: pi.id, refunded: 0 })
    pi.status = 'succeeded'
    pi.amount_received = pi.amount
    pi.latest_charge = charge
    const pm = pi.payment_method
    // Stripe's test tokens (pm_card_visa, …) are a fresh card each time: nothing to remember.
    if (pm && !pm.startsWith('pm_card_') && !paymentMethods.get(pm)?.reusable) {
      const reusable = pi.setup_future_usage !== null && pi.customer !== null
      paymentMethods.set(pm, { customer: reusable ? pi.customer : null, reusable })
    }
  }

  /** Stripe's rules for reusing a PaymentMethod: attached ones only with their customer, spent ones never. */
  function checkPaymentMethod(pm: string, customer: string | null): void {
    const known = paymentMethods.get(pm)
    if (!known) {
      // Stripe's test tokens (pm_card_visa, …) stand for a fresh card each time.
      if (pm.startsWith('pm_card_')) return
      throw noSuch('PaymentMethod', pm, 'payment_method')
    }
    if (!known.reusable) {
      throw invalid(
        'The provided PaymentMethod was previously used with a PaymentIntent without Customer attachment, shared with a connected account without Customer attachment, or was detached from a Customer. It may not be used again. To use a PaymentMethod multiple times, you must attach it to a Customer first.',
        'payment_method',
      )
    }
    if (known.customer !== customer) {
      throw invalid(
        customer === null
          ? `The PaymentMethod ${pm} belongs to the Customer ${String(known.customer)}. Please include the Customer in the \`customer\` parameter on the PaymentIntent.`
          : `The provided PaymentMethod belongs to a different Customer (${String(known.customer)}), not ${customer}.`,
        'payment_method',
      )
    }
  }

  function createPaymentIntent(form: Form): { status: number; body: unknown } {
    const amount = int(form, 'amount')
    if (amount === undefined) throw invalid('Missing required param: amount.', 'amount')
    if (amount < 1) throw invalid('This value must be greater than or equal to 1.', 'amount')
    const currency = required(form, 'currency').toLowerCase()
    if (currency === 'usd' && amount < 50) throw invalid('Amount must be at least $0.50 usd', 'amount', 'amount_too_small')
    const customer = existingCustomer(form)
    const paymentMethod = str(form, 'payment_method') || null
    const confirm = bool(form, 'confirm') ?? false
    const offSessionRaw = str(form, 'off_session')
    if (offSessionRaw !== undefined && !['true', 'false', 'one_off', 'recurring'].includes(offSessionRaw)) throw invalid(`Invalid boolean: ${offSessionRaw}`, 'off_session')
    const offSession = offSessionRaw !== undefined && offSessionRaw !== 'false'
    if (offSession && !confirm) throw invalid('off_session can only be used when confirm is true.', 'off_session')
    if (confirm && !paymentMethod) {
      throw invalid("You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.", 'payment_method', 'payment_intent_unexpected_state')
    }
    if (paymentMethod) checkPaymentMethod(paymentMethod, customer)
    const pi = newPaymentIntent({
      amount,
      currency,
      customer,
      payment_method: paymentMethod,
      metadata: metadataOf(form),
      description: str(form, 'description') || null,
      receipt_email: str(form, 'receipt_email') || null,
      setup_future_usage: oneOf(form, 'setup_future_usage', SETUP_FUTURE_USAGES) ?? null,
    })
    if (!confirm || !paymentMethod) return { status: 200, body: pi }

    if (nextProcessing) {
      nextProcessing = false
      pi.status = 'processing'
      return { status: 200, body: pi }
    }
    const failure = nextFailure
    nextFailure = null
    if (!failure) {
      succeed(pi)
      return { status: 200, body: pi }
    }
    if (failure === 'authentication_required' && !offSession) {
      // On session, Stripe asks for 3-D Secure instead of failing: the customer is there to do it.
      pi.status = 'requires_action'
      pi.next_action = { type: 'use_stripe_sdk', use_stripe_sdk: {} }
      return { status: 200, body: pi }
    }
    const { message, declineCode } = CARD_FAILURES[failure]
    const charge = randomId('ch')
    const error: FakePaymentError = {
      charge,
      code: failure,
      decline_code: declineCode,
      doc_url: docUrl(failure),
      message,
      payment_method: { id: paymentMethod, object: 'payment_method', customer, type: 'card' },
      type: 'card_error',
    }
    pi.status = 'requires_payment_method'
    pi.latest_charge = charge
    pi.last_payment_error = error
    pi.payment_method = null
    return { status: 402, body: { error: { ...error, payment_intent: pi } } }
  }

  function createRefund(form: Form): FakeRefund {
    let piId = str(form, 'payment_intent') || null
    const chargeId = str(form, 'charge') || null
    if (!piId && !chargeId) throw invalid('One of the following params should be provided for this request: payment_intent or charge.')
    if (chargeId) {
      const known = charges.get(chargeId)
      if (!known) throw noSuch('charge', chargeId, 'charge')
      if (piId && piId !== known.paymentIntent) throw invalid(`Charge ${chargeId} does not belong to PaymentIntent ${piId}.`, 'charge')
      piId = known.paymentIntent
    }
    const pi = paymentIntents.get(piId as string)
    if (!pi) throw noSuch('payment_intent', String(piId), 'payment_intent')
    const charge = pi.status === 'succeeded' && pi.latest_charge ? pi.latest_charge : null
    const record = charge ? charges.get(charge) : undefined
    if (!charge || !record) throw invalid(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, 'payment_intent')
    const remaining = pi.amount_received - record.refunded
    if (remaining <= 0) throw invalid(`Charge ${charge} has already been refunded.`, undefined, 'charge_already_refunded')
    const amount = int(form, 'amount') ?? remaining
    if (amount < 1) throw invalid('Invalid positive integer', 'amount')
    if (amount > remaining) {
      throw invalid(`Refund amount (${money(amount, pi.currency)}) is greater than unrefunded amount on charge (${money(remaining, pi.currency)})`, 'amount', 'amount_too_large')
    }
    const reason = oneOf(form, 'reason', REFUND_REASONS) ?? null
    const metadata = metadataOf(form)
    record.refunded += amount
    const refund: FakeRefund = {
      id: randomId('re'),
      object: 'refund',
      amount,
      balance_transaction: randomId('txn'),
      charge,
      created: now(),
      currency: pi.currency,
      customer: pi.customer,
      metadata,
      payment_intent: pi.id,
      payment_method: pi.payment_method,
      reason,
      receipt_number: null,
      source_transfer_reversal: null,
      status: 'succeeded',
      transfer_reversal: null,
    }
    refunds.set(refund.id, refund)
    return refund
  }

  /** `expand[]` for the fields the fake can expand; the answer is a copy, stored objects keep ids. */
  function expanded(obj: { object: string }, form: Form): unknown {
    const paths = expandList(form)
    if (paths.length === 0) return obj
    const lookups: Record<string, Record<string, (id: string) => unknown>> = {
      'checkout.session': { payment_intent: (id) => paymentIntents.get(id), customer: (id) => customers.get(id) },
      payment_intent: { customer: (id) => customers.get(id) },
      refund: { payment_intent: (id) => paymentIntents.get(id) },
    }
    const out: Record<string, unknown> = { ...obj }
    for (const path of paths) {
      const lookup = lookups[obj.object]?.[path]
      if (!lookup) throw invalid(`This property cannot be expanded (${path}).`, 'expand')
      const id = out[path]
      if (typeof id === 'string') out[path] = lookup(id) ?? id
    }
    return out
  }

  type Route = { method: string; pattern: RegExp; handle: (form: Form, id: string) => { status: number; body: unknown } }
  const ok = (body: unknown) => ({ status: 200, body })
  const routes: Route[] = [
    { method: 'POST', pattern: /^\/v1\/customers$/, handle: (form) => ok(expanded(createCustomer(form), form)) },
    {
      method: 'GET',
      pattern: /^\/v1\/customers\/([^/]+)$/,
      handle: (form, id) => ok(expanded(customers.get(id) ?? throwing(noSuch('customer', id, 'id', 404)), form)),
    },
    { method: 'POST', pattern: /^\/v1\/checkout\/sessions$/, handle: (form) => ok(expanded(createSession(form), form)) },
    {
      method: 'GET',
      pattern: /^\/v1\/checkout\/sessions\/([^/]+)$/,
      handle: (form, id) => ok(expanded(sessionState(id)?.session ?? throwing(noSuch('checkout.session', id, 'session', 404)), form)),
    },
    { method: 'POST', pattern: /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/, handle: (form, id) => ok(expanded(expire(id), form)) },
    { method: 'POST', pattern: /^\/v1\/payment_intents$/, handle: (form) => createPaymentIntent(form) },
    {
      method: 'GET',
      pattern: /^\/v1\/payment_intents\/([^/]+)$/,
      handle: (form, id) => ok(expanded(paymentIntents.get(id) ?? throwing(noSuch('payment_intent', id, 'intent', 404)), form)),
    },
    { method: 'POST', pattern: /^\/v1\/refunds$/, handle: (form) => ok(expanded(createRefund(form), form)) },
    {
      method: 'GET',
      pattern: /^\/v1\/refunds\/([^/]+)$/,
      handle: (form, id) => ok(expanded(refunds.get(id) ?? throwing(noSuch('refund', id, 'id', 404)), form)),
    },
  ]

  function route(method: string, path: string, form: Form): { status: number; body: unknown } {
    for (const r of routes) {
      const m = r.method === method ? r.pattern.exec(path) : null
      if (!m) continue
      if (method === 'POST') rejectEmptyStrings(form)
      return r.handle(form, decodeURIComponent(m[1] ?? ''))
    }
    throw new StripeFailure(404, {
      type: 'invalid_request_error',
      message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    })
  }

  function json(status: number, body: unknown, headers: Record<string, string>): Answer {
    // Stripe pretty-prints its JSON; a snapshot, so later changes to stored objects do not leak in.
    return { status, body: JSON.stringify(body, null, 2), headers: { 'Content-Type': 'application/json', ...headers } }
  }

  /** One API request, start to finish, synchronously: idempotency entries are stored before anything else runs. */
  function api(req: IncomingMessage, entry: FakeStripeRequest, form: Form | StripeFailure): Answer {
    const requestId = randomId('req', 14)
    const headers: Record<string, string> = { 'Request-Id': requestId, 'Stripe-Version': headerOf(req, 'stripe-version') ?? Stripe.API_VERSION }
    const idem = entry.idempotencyKey
    if (idem !== null) headers['Idempotency-Key'] = idem
    const auth = authFailure(req)
    if (auth instanceof StripeFailure) return json(auth.status, { error: auth.error }, headers)
    if (form instanceof StripeFailure) return json(form.status, { error: form.error }, headers)

    const keyed = entry.method === 'POST' && idem !== null
    const scope = `${auth.key}\n${idem ?? ''}`
    const fingerprint = `${entry.method} ${entry.path}\n${canonical(form)}`
    if (keyed) {
      if (idem.length > 255) return json(400, { error: { type: 'invalid_request_error', message: 'Invalid idempotency key: keys must be at most 255 characters.' } }, headers)
      const prior = idempotency.get(scope)
      if (prior && prior.fingerprint !== fingerprint) {
        const message = `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idem}' if you meant to execute a different request.`
        return json(400, { error: { type: 'idempotency_error', message } }, headers)
      }
      if (prior) {
        entry.replayed = true
        return { status: prior.status, body: prior.body, headers: { 'Content-Type': 'application/json', ...headers, 'Idempotent-Replayed': 'true', 'Original-Request': prior.requestId } }
      }
    }

    let answer: Answer
    try {
      const { status, body } = route(entry.method, entry.path, form)
      answer = json(status, body, headers)
    } catch (err) {
      if (!(err instanceof StripeFailure)) throw err
      answer = json(err.status, { error: err.error }, headers)
    }
    // Like Stripe: a request that ran is kept (success or card error); one that failed validation is not.
    if (keyed && (answer.status < 400 || answer.status === 402)) idempotency.set(scope, { fingerprint, status: answer.status, body: answer.body, requestId })
    return answer
  }

  function paySession(id: string): FakeCheckoutSession {
    const state = sessionState(id)
    if (!state) throw new Error(`fake-stripe: no checkout session ${id}`)
    const s = state.session
    if (s.status !== 'open') throw new Error(`fake-stripe: checkout session ${id} is ${s.status}, not open`)
    // Checkout makes a customer when the card is saved for later and none was given.
    if (!s.customer && state.setupFutureUsage) s.customer = createCustomer({ email: s.customer_email ?? '' }).id
    const customer = s.customer ? customers.get(s.customer) : undefined
    const pi = newPaymentIntent({
      amount: s.amount_total,
      currency: s.currency,
      customer: s.customer,
      payment_method: randomId('pm'),
      metadata: { ...s.metadata, ...state.paymentIntentMetadata },
      description: state.paymentIntentDescription,
      receipt_email: null,
      setup_future_usage: state.setupFutureUsage,
    })
    succeed(pi)
    s.status = 'complete'
    s.payment_status = 'paid'
    s.payment_intent = pi.id
    s.url = null
    s.customer_details = { address: null, email: s.customer_email ?? customer?.email ?? null, name: customer?.name ?? null, phone: null, tax_exempt: 'none', tax_ids: [] }
    return structuredClone(s)
  }

  function event<T>(type: string, object: T): FakeEvent<T> {
    return {
      id: randomId('evt'),
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: now(),
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    }
  }

  async function deliver(evt: FakeEvent): Promise<number | null> {
    const { url, secret } = webhook
    if (!url || !secret) throw new Error('fake-stripe: set webhookUrl and webhookSecret (or call setWebhook) before delivering events')
    const payload = JSON.stringify(evt, null, 2)
    const delivery: WebhookDelivery = { eventId: evt.id, type: evt.type, status: null }
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'Stripe-Signature': signStripeEvent(payload, secret), 'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
        body: payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      })
      await res.arrayBuffer()
      delivery.status = res.status
    } catch (err) {
      // Unreachable or too slow: Stripe records such an attempt as failed, without a status.
      delivery.error = err instanceof Error ? err.message : String(err)
    }
    deliveries.push(delivery)
    return delivery.status
  }

  async function hosted(method: string, id: string, res: ServerResponse): Promise<void> {
    const state = sessionState(id)
    if (!state) return sendHtml(res, 404, htmlPage('Checkout session not found', '<p>No checkout session has this link.</p>'))
    const s = state.session
    if (s.status === 'expired') return sendHtml(res, 410, htmlPage('This checkout session has expired', '<p>Return to the site to start again.</p>'))
    if (s.status === 'complete') return sendHtml(res, 410, htmlPage('This checkout session is already paid', '<p>Nothing more to pay here.</p>'))
    if (method === 'GET') return sendHtml(res, 200, checkoutPage(state.session, state.items))
    if (method !== 'POST') return send(res, { status: 405, body: '', headers: { Allow: 'GET, POST' } })
    // Paid synchronously, so a double-clicked Pay finds the session complete (410), not paid twice.
    const paid = paySession(id)
    if (webhook.url && webhook.secret) await deliver(event('checkout.session.completed', paid))
    if (!paid.success_url) return sendHtml(res, 200, htmlPage('Payment complete', '<p>You can close this page.</p>'))
    res.writeHead(303, { Location: paid.success_url.replaceAll('{CHECKOUT_SESSION_ID}', paid.id), 'Content-Length': '0' })
    res.end()
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req)
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const method = req.method ?? 'GET'
    let form: Form | StripeFailure
    try {
      form = parseForm(method === 'POST' ? body : url.search.slice(1))
    } catch (err) {
      if (!(err instanceof StripeFailure)) throw err
      form = err
    }
    const entry: FakeStripeRequest = { method, path: url.pathname, idempotencyKey: headerOf(req, 'idempotency-key'), form: form instanceof StripeFailure ? {} : form, replayed: false }
    requests.push(entry)
    const page = /^\/c\/pay\/([^/]+)$/.exec(url.pathname)
    if (page) return hosted(method, decodeURIComponent(page[1] ?? ''), res)
    const outage = outages.get(url.pathname)
    if (outage && outage.left > 0) {
      outage.left -= 1
      if (outage.left === 0) outages.delete(url.pathname)
      const error = { type: 'api_error', message: `fake-stripe: failing ${url.pathname} with ${String(outage.status)} as asked (failNext)` }
      return send(res, json(outage.status, { error }, { 'Request-Id': randomId('req', 14), 'Stripe-Should-Retry': 'false' }))
    }
    send(res, api(req, entry, form))
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // A bug in the fake: answer as Stripe does for its own failures, so the test sees it.
      if (res.headersSent) return res.destroy(err instanceof Error ? err : new Error(String(err)))
      send(res, json(500, { error: { type: 'api_error', message: `fake-stripe: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}` } }, {}))
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  base = `http://127.0.0.1:${String(port)}`
  let closing: Promise<void> | undefined

  return {
    url: base,
    port,
    requests,
    deliveries,
    sessions: () => [...sessions.values()].map((state) => structuredClone(refresh(state).session)),
    paymentIntents: () => [...paymentIntents.values()].map((pi) => structuredClone(pi)),
    refunds: () => [...refunds.values()].map((r) => structuredClone(r)),
    customers: () => [...customers.values()].map((c) => structuredClone(c)),
    paySession,
    expireSession(id) {
      try {
        return structuredClone(expire(id))
      } catch (err) {
        throw err instanceof StripeFailure ? new Error(`fake-stripe: ${err.message}`) : err
      }
    },
    failNextPaymentIntent(code) {
      nextFailure = code
    },
    processNextPaymentIntent() {
      nextProcessing = true
    },
    failNext(path, status, times = 1) {
      if (status < 400 || !Number.isSafeInteger(times) || times < 1) throw new Error('fake-stripe: failNext needs an error status and a positive count')
      outages.set(path, { status, left: times })
    },
    event,
    deliver,
    setWebhook(url, secret) {
      webhook.url = url
      webhook.secret = secret
    },
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()))
        // Keep-alive sockets (the SDK's agent keeps them) would hold close() open indefinitely.
        server.closeAllConnections()
      })
      return closing
    },
  }
}

function throwing(failure: StripeFailure): never {
  throw failure
}
