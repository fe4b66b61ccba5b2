/**
 * The Stripe objects the fake Stripe API (tests/helpers/fake-stripe.ts) answers with: the fields
 * Stripe's own types (node_modules/stripe/esm/resources/*.d.ts) give these objects, with the values
 * a test-mode account has for the features the fake leaves out (null, false, empty). A subset: the
 * fields this app's flows read, and the ones every object carries (id, object, created, livemode,
 * metadata).
 */
export type Metadata = Record<string, string>

export interface FakeCustomer {
  id: string
  object: 'customer'
  address: null
  balance: number
  created: number
  currency: null
  default_source: null
  delinquent: boolean
  description: string | null
  discount: null
  email: string | null
  invoice_prefix: string
  invoice_settings: { custom_fields: null; default_payment_method: null; footer: null; rendering_options: null }
  livemode: false
  metadata: Metadata
  name: string | null
  next_invoice_sequence: number
  phone: string | null
  preferred_locales: string[]
  shipping: null
  tax_exempt: 'none'
  test_clock: null
}

export interface FakeCheckoutSession {
  id: string
  object: 'checkout.session'
  after_expiration: null
  allow_promotion_codes: null
  amount_subtotal: number
  amount_total: number
  automatic_tax: { enabled: false; liability: null; status: null }
  billing_address_collection: null
  cancel_url: string | null
  client_reference_id: string | null
  client_secret: null
  created: number
  currency: string
  customer: string | null
  customer_creation: 'if_required' | null
  customer_details: { address: null; email: string | null; name: string | null; phone: null; tax_exempt: 'none'; tax_ids: [] } | null
  customer_email: string | null
  expires_at: number
  invoice: null
  livemode: false
  locale: null
  metadata: Metadata
  mode: 'payment'
  payment_intent: string | null
  payment_link: null
  payment_method_types: string[]
  payment_status: 'unpaid' | 'paid'
  setup_intent: null
  status: 'open' | 'complete' | 'expired'
  submit_type: null
  subscription: null
  success_url: string | null
  total_details: { amount_discount: number; amount_shipping: number; amount_tax: number }
  ui_mode: 'hosted'
  url: string | null
}

export type CardFailure = 'authentication_required' | 'card_declined'

export interface FakePaymentError {
  charge: string
  code: CardFailure
  decline_code: string
  doc_url: string
  message: string
  payment_method: { id: string; object: 'payment_method'; customer: string | null; type: 'card' }
  type: 'card_error'
}

export interface FakePaymentIntent {
  id: string
  object: 'payment_intent'
  amount: number
  amount_capturable: number
  amount_received: number
  application: null
  application_fee_amount: null
  automatic_payment_methods: null
  canceled_at: null
  cancellation_reason: null
  capture_method: 'automatic'
  client_secret: string
  confirmation_method: 'automatic'
  created: number
  currency: string
  customer: string | null
  description: string | null
  last_payment_error: FakePaymentError | null
  latest_charge: string | null
  livemode: false
  metadata: Metadata
  next_action: { type: 'use_stripe_sdk'; use_stripe_sdk: Record<string, never> } | null
  on_behalf_of: null
  payment_method: string | null
  payment_method_options: null
  payment_method_types: string[]
  processing: null
  receipt_email: string | null
  review: null
  setup_future_usage: 'on_session' | 'off_session' | null
  shipping: null
  source: null
  statement_descriptor: null
  statement_descriptor_suffix: null
  status: 'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing' | 'succeeded'
  transfer_data: null
  transfer_group: null
}

export interface FakeRefund {
  id: string
  object: 'refund'
  amount: number
  balance_transaction: string
  charge: string
  created: number
  currency: string
  customer: string | null
  metadata: Metadata
  payment_intent: string
  payment_method: string | null
  reason: 'duplicate' | 'fraudulent' | 'requested_by_customer' | null
  receipt_number: null
  source_transfer_reversal: null
  status: 'succeeded'
  transfer_reversal: null
}

export interface FakeEvent<T = unknown> {
  id: string
  object: 'event'
  api_version: string
  created: number
  data: { object: T }
  livemode: false
  pending_webhooks: number
  request: { id: null; idempotency_key: null }
  type: string
}
