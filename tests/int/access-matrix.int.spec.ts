/**
 * The access matrix: who may do what to each collection and the business-settings global, through
 * Payload's real REST handler. One named test per cell of the table below.
 *
 * Expectations:
 * - 'yes': a 2xx answer AND the change is in the database (checked with the Local API).
 * - 'no': refused (401/403; 404 when the caller may not even see that document, or, for a list,
 *   200 with no documents) AND the database is unchanged.
 * - { sees }: a list answered 200 showing exactly these fixtures among this test's fixtures;
 *   `only` also forbids any other document, `mine` any document that is not the caller's own
 *   (checked in the database), `every` is a field value every listed document has.
 * The same reads are made through GraphQL, and history (versions), drafts, unlocking a locked
 * account, the admin panel, fields only staff (or nobody) may read, and Payload's jobs queue have
 * rows of their own. The last test enumerates the built config: a collection or an operation
 * without a row here fails it.
 */
import config from '@payload-config'
import { getPayload, type Payload, type SanitizedConfig } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { DEFAULT_TEMPLATES } from '../../src/collections/EmailTemplates/defaults'
import type { BookingEmailEvent } from '../../src/domain'
import type { Message } from '../../src/payload-types'
import { bookingRequest, RUN, unique, uniqueEmail } from '../helpers/access-data'
import { graphqlClient } from '../helpers/graphql'
import { restClient, type RestResponse } from '../helpers/rest'

const rest = restClient(config)
const graphql = graphqlClient(config)
let payload: Payload

const PASSWORD = 'correct horse battery staple'
const STAFF_NOTE = `Staff only ${RUN}: prefers the back entrance`
/** Payment internals on A's booking and account: staff (or nobody) may read them, never the customer. */
const PAYMENT_SECRETS = {
  depositSessionId: `cs_test_secret_${RUN}`,
  stripePaymentMethodId: `pm_secret_${RUN}`,
  lastPaymentError: `Card declined secret ${RUN}`,
  balanceLinkTokenHash: `balancelinkhash${RUN}`,
  returnCodeHash: `returncodehash${RUN}`,
} as const
const STRIPE_CUSTOMER_ID = `cus_secret_${RUN}`
/** The title of an unpublished edit of the published page: only content editors may see it. */
const DRAFT_TITLE = `Unpublished edit ${RUN}`
/** The name of an unpublished edit of a published menu item (with a new price): content editors only. */
const DRAFT_ITEM_NAME = `Unpublished item edit ${RUN}`
/** A menu item that was only ever a draft: content editors only, never the public menu. */
const DRAFT_ONLY_ITEM_NAME = `Draft-only item ${RUN}`
/** Refusal of an operation. */
const REFUSED = [401, 403]
/** Refusal of an operation on one document: 404 too, when the caller may not even see it. */
const REFUSED_BY_ID = [401, 403, 404]
/** An id no media document has: a refused delete must be refused before the lookup. */
const MISSING_MEDIA_ID = 2_147_483_000
/** Staff's internal note in A's thread (a `note` message): A never reads it, not even through the thread's preview. */
const NOTE_BODY = `Internal note ${RUN}: call back after 5`
/** A's thread's title: staff's inbox only. */
const THREAD_TITLE = `Inbox thread of A ${RUN}`
/**
 * The delivery internals of "message to A" (staff-only fields), each with a value so that its
 * absence from a customer's answer means something. `sealedLinks` is hidden from everyone.
 */
const MESSAGE_INTERNALS = {
  html: `<p>Rendered html ${RUN}</p>`,
  from: `bookings-${RUN}@myhibachi.example`,
  attachInvite: true,
  key: `access-matrix:${RUN}:received`,
  attempts: 2,
  error: `Mailbox full ${RUN}`,
  providerId: `<provider-${RUN}@mail.example>`,
  lastAttemptAt: '2026-01-02T03:04:05.000Z',
  failedAt: '2026-01-02T03:04:06.000Z',
  readAt: '2026-01-02T03:04:07.000Z',
} as const
const SEALED_LINKS = `v1.sealed-links-${RUN}`
/** The fields of a message only staff read (their values: MESSAGE_INTERNALS, `to`, `author`, `thread`). */
const STAFF_ONLY_MESSAGE_FIELDS = ['html', 'to', 'from', 'attachInvite', 'key', 'attempts', 'error', 'providerId', 'author', 'lastAttemptAt', 'failedAt', 'readAt', 'thread'] as const
/** The booking emails in the order the template fixtures take them: the rarest emails first. */
const TEMPLATE_EVENTS: readonly BookingEmailEvent[] = ['thank_you', 'balance_due', 'rescheduled', 'reminder', 'cancelled', 'confirmed', 'received']
/** The jobs queue this file parks its jobs on: no runner of the app (queue `default`) takes them. */
const JOB_QUEUE = `access-matrix-${RUN}`

type Actor = 'anonymous' | 'customer A' | 'customer B' | 'chef' | 'editor' | 'manager' | 'admin'
type Staff = 'chef' | 'editor' | 'manager' | 'admin'
type Customer = 'customer A' | 'customer B'
type Internal = 'payload-locked-documents' | 'payload-preferences' | 'payload-migrations' | 'payload-kv' | 'payload-jobs'
type Collection =
  | 'users'
  | 'customers'
  | 'bookings'
  | 'payments'
  | 'stripe-events'
  | 'messages'
  | 'threads'
  | 'email-templates'
  | 'menu-items'
  | 'pages'
  | 'media'
  | 'business-settings'
  | Internal
type ListedCollection = Exclude<Collection, 'media' | 'business-settings' | Internal>

const FIXTURES = {
  users: ['admin', 'manager', 'editor', 'chef'],
  customers: ['customer A', 'customer B'],
  bookings: ["A's booking", "B's booking", "chef's booking"],
  payments: ['payment of A'],
  'stripe-events': ['a stripe event'],
  messages: ['message to A', 'note about A', 'message to B'],
  threads: ["A's thread", "B's thread"],
  'email-templates': ['a template'],
  'menu-items': ['active item', 'inactive item'],
  pages: ['published page', 'draft page'],
} as const satisfies Record<ListedCollection, readonly string[]>
type Fixture = (typeof FIXTURES)[ListedCollection][number]

type Op =
  | 'read'
  | 'create'
  | 'update'
  | 'delete'
  | 'change role'
  | 'set notes'
  | 'see notes'
  | 'read versions'
  | 'read drafts'
  | 'unlock'
  | 'use admin'
  | 'graphql read'
  | 'graphql read versions'
  | 'read deep'
  | 'see internals'
  | 'see sealed links'
  | 'write system fields'
  | 'run jobs'
type Expectation = 'yes' | 'no' | { sees: Fixture[]; only?: true; mine?: true; every?: Record<string, unknown> }

interface Cell {
  actor: Actor
  collection: Collection
  op: Op
  expect: Expectation
  /** The document acted on; without it, `read` lists and `delete` removes a fresh document. */
  target?: Fixture
}

// ─── The matrix ────────────────────────────────────────────────────────────────────────────────

const ALL_STAFF = { sees: ['admin', 'manager', 'editor', 'chef'] } satisfies Expectation
const ACTIVE_ONLY: Expectation = { sees: ['active item'], every: { active: true } }
const PUBLISHED_ONLY: Expectation = { sees: ['published page'], every: { _status: 'published' } }

function cell(actor: Actor, collection: Collection, op: Op, expectation: Expectation, target?: Fixture): Cell {
  return target === undefined ? { actor, collection, op, expect: expectation } : { actor, collection, op, expect: expectation, target }
}

const CELLS: Cell[] = [
  // users: staff accounts
  cell('anonymous', 'users', 'read', 'no'),
  cell('customer A', 'users', 'read', 'no'),
  cell('chef', 'users', 'read', { sees: ['chef'], only: true }),
  cell('editor', 'users', 'read', { sees: ['editor'], only: true }),
  // Managers see the whole staff directory: they assign chefs to bookings.
  cell('manager', 'users', 'read', ALL_STAFF),
  cell('admin', 'users', 'read', ALL_STAFF),
  cell('anonymous', 'users', 'read', 'no', 'chef'),
  cell('customer A', 'users', 'read', 'no', 'chef'),
  cell('chef', 'users', 'read', 'yes', 'chef'),
  cell('chef', 'users', 'read', 'no', 'admin'),
  cell('editor', 'users', 'read', 'no', 'admin'),
  cell('manager', 'users', 'read', 'yes', 'chef'),
  cell('admin', 'users', 'read', 'yes', 'chef'),
  cell('anonymous', 'users', 'create', 'no'),
  cell('customer A', 'users', 'create', 'no'),
  cell('chef', 'users', 'create', 'no'),
  cell('editor', 'users', 'create', 'no'),
  cell('manager', 'users', 'create', 'no'),
  cell('admin', 'users', 'create', 'yes'),
  cell('anonymous', 'users', 'update', 'no', 'chef'),
  cell('customer A', 'users', 'update', 'no', 'chef'),
  cell('chef', 'users', 'update', 'no', 'admin'),
  cell('editor', 'users', 'update', 'no', 'admin'),
  cell('manager', 'users', 'update', 'no', 'admin'),
  cell('admin', 'users', 'update', 'yes', 'chef'),
  cell('anonymous', 'users', 'delete', 'no'),
  cell('customer A', 'users', 'delete', 'no'),
  cell('chef', 'users', 'delete', 'no'),
  cell('editor', 'users', 'delete', 'no'),
  cell('manager', 'users', 'delete', 'no'),
  cell('admin', 'users', 'delete', 'yes'),
  cell('chef', 'users', 'change role', 'no', 'chef'),
  cell('editor', 'users', 'change role', 'no', 'editor'),
  cell('manager', 'users', 'change role', 'no', 'manager'),
  cell('admin', 'users', 'change role', 'yes'),

  // customers: customer accounts
  cell('anonymous', 'customers', 'read', 'no'),
  cell('customer A', 'customers', 'read', { sees: ['customer A'], only: true }),
  cell('customer B', 'customers', 'read', { sees: ['customer B'], only: true }),
  cell('chef', 'customers', 'read', 'no'),
  cell('editor', 'customers', 'read', 'no'),
  cell('manager', 'customers', 'read', { sees: ['customer A', 'customer B'] }),
  cell('admin', 'customers', 'read', { sees: ['customer A', 'customer B'] }),
  cell('anonymous', 'customers', 'read', 'no', 'customer A'),
  cell('customer A', 'customers', 'read', 'yes', 'customer A'),
  cell('customer A', 'customers', 'read', 'no', 'customer B'),
  cell('customer B', 'customers', 'read', 'no', 'customer A'),
  cell('chef', 'customers', 'read', 'no', 'customer A'),
  cell('editor', 'customers', 'read', 'no', 'customer A'),
  cell('manager', 'customers', 'read', 'yes', 'customer B'),
  cell('admin', 'customers', 'read', 'yes', 'customer B'),
  cell('anonymous', 'customers', 'create', 'yes'),
  cell('manager', 'customers', 'create', 'yes'),
  cell('admin', 'customers', 'create', 'yes'),
  cell('anonymous', 'customers', 'update', 'no', 'customer A'),
  cell('customer A', 'customers', 'update', 'yes', 'customer A'),
  cell('customer A', 'customers', 'update', 'no', 'customer B'),
  cell('chef', 'customers', 'update', 'no', 'customer A'),
  cell('editor', 'customers', 'update', 'no', 'customer A'),
  cell('manager', 'customers', 'update', 'yes', 'customer B'),
  cell('admin', 'customers', 'update', 'yes', 'customer B'),
  cell('anonymous', 'customers', 'set notes', 'no'),
  cell('customer A', 'customers', 'set notes', 'no', 'customer A'),
  cell('customer B', 'customers', 'set notes', 'no', 'customer B'),
  cell('manager', 'customers', 'set notes', 'yes'),
  cell('admin', 'customers', 'set notes', 'yes'),
  cell('customer A', 'customers', 'see notes', 'no', 'customer A'),
  cell('manager', 'customers', 'see notes', 'yes', 'customer A'),
  cell('admin', 'customers', 'see notes', 'yes', 'customer A'),
  cell('anonymous', 'customers', 'delete', 'no'),
  cell('customer A', 'customers', 'delete', 'no', 'customer B'),
  cell('chef', 'customers', 'delete', 'no'),
  cell('editor', 'customers', 'delete', 'no'),
  cell('manager', 'customers', 'delete', 'yes'),
  cell('admin', 'customers', 'delete', 'yes'),

  // bookings
  cell('anonymous', 'bookings', 'read', 'no'),
  cell('customer A', 'bookings', 'read', { sees: ["A's booking"], only: true }),
  cell('customer B', 'bookings', 'read', { sees: ["B's booking"], only: true }),
  cell('chef', 'bookings', 'read', { sees: ["chef's booking"], only: true }),
  cell('editor', 'bookings', 'read', 'no'),
  cell('manager', 'bookings', 'read', { sees: ["A's booking", "B's booking", "chef's booking"] }),
  cell('admin', 'bookings', 'read', { sees: ["A's booking", "B's booking", "chef's booking"] }),
  cell('anonymous', 'bookings', 'read', 'no', "A's booking"),
  cell('customer A', 'bookings', 'read', 'yes', "A's booking"),
  cell('customer A', 'bookings', 'read', 'no', "B's booking"),
  cell('chef', 'bookings', 'read', 'yes', "chef's booking"),
  cell('chef', 'bookings', 'read', 'no', "A's booking"),
  cell('editor', 'bookings', 'read', 'no', "A's booking"),
  cell('anonymous', 'bookings', 'create', 'yes'),
  cell('anonymous', 'bookings', 'update', 'no', "A's booking"),
  cell('customer A', 'bookings', 'update', 'no', "A's booking"),
  cell('customer B', 'bookings', 'update', 'no', "A's booking"),
  cell('chef', 'bookings', 'update', 'no', "chef's booking"),
  cell('editor', 'bookings', 'update', 'no', "A's booking"),
  cell('manager', 'bookings', 'update', 'yes', "B's booking"),
  cell('admin', 'bookings', 'update', 'yes', "B's booking"),
  cell('anonymous', 'bookings', 'delete', 'no'),
  cell('customer A', 'bookings', 'delete', 'no'),
  cell('chef', 'bookings', 'delete', 'no'),
  cell('editor', 'bookings', 'delete', 'no'),
  cell('manager', 'bookings', 'delete', 'no'),
  cell('admin', 'bookings', 'delete', 'yes'),

  // payments: the money's audit trail (a cash payment on A's booking). Managers read them and
  // record offline payments; nobody edits or deletes one; customers see their money on the
  // manage page, never here, not even their own payment.
  cell('anonymous', 'payments', 'read', 'no'),
  cell('customer A', 'payments', 'read', 'no'),
  cell('chef', 'payments', 'read', 'no'),
  cell('editor', 'payments', 'read', 'no'),
  cell('manager', 'payments', 'read', { sees: ['payment of A'] }),
  cell('admin', 'payments', 'read', { sees: ['payment of A'] }),
  cell('anonymous', 'payments', 'read', 'no', 'payment of A'),
  cell('customer A', 'payments', 'read', 'no', 'payment of A'),
  cell('chef', 'payments', 'read', 'no', 'payment of A'),
  cell('editor', 'payments', 'read', 'no', 'payment of A'),
  cell('manager', 'payments', 'read', 'yes', 'payment of A'),
  cell('admin', 'payments', 'read', 'yes', 'payment of A'),
  cell('anonymous', 'payments', 'create', 'no'),
  cell('customer A', 'payments', 'create', 'no'),
  cell('chef', 'payments', 'create', 'no'),
  cell('editor', 'payments', 'create', 'no'),
  cell('manager', 'payments', 'create', 'yes'),
  cell('admin', 'payments', 'create', 'yes'),
  cell('anonymous', 'payments', 'update', 'no', 'payment of A'),
  cell('customer A', 'payments', 'update', 'no', 'payment of A'),
  cell('chef', 'payments', 'update', 'no', 'payment of A'),
  cell('editor', 'payments', 'update', 'no', 'payment of A'),
  cell('manager', 'payments', 'update', 'no', 'payment of A'),
  cell('admin', 'payments', 'update', 'no', 'payment of A'),
  cell('anonymous', 'payments', 'delete', 'no'),
  cell('customer A', 'payments', 'delete', 'no'),
  cell('chef', 'payments', 'delete', 'no'),
  cell('editor', 'payments', 'delete', 'no'),
  cell('manager', 'payments', 'delete', 'no'),
  cell('admin', 'payments', 'delete', 'no'),

  // stripe-events: the webhook's record of applied events. Internal: nobody, staff included.
  cell('anonymous', 'stripe-events', 'read', 'no'),
  cell('customer A', 'stripe-events', 'read', 'no'),
  cell('chef', 'stripe-events', 'read', 'no'),
  cell('editor', 'stripe-events', 'read', 'no'),
  cell('manager', 'stripe-events', 'read', 'no'),
  cell('admin', 'stripe-events', 'read', 'no'),
  cell('manager', 'stripe-events', 'read', 'no', 'a stripe event'),
  cell('admin', 'stripe-events', 'read', 'no', 'a stripe event'),
  cell('anonymous', 'stripe-events', 'create', 'no'),
  cell('customer A', 'stripe-events', 'create', 'no'),
  cell('chef', 'stripe-events', 'create', 'no'),
  cell('editor', 'stripe-events', 'create', 'no'),
  cell('manager', 'stripe-events', 'create', 'no'),
  cell('admin', 'stripe-events', 'create', 'no'),
  cell('anonymous', 'stripe-events', 'update', 'no', 'a stripe event'),
  cell('customer A', 'stripe-events', 'update', 'no', 'a stripe event'),
  cell('manager', 'stripe-events', 'update', 'no', 'a stripe event'),
  cell('admin', 'stripe-events', 'update', 'no', 'a stripe event'),
  cell('anonymous', 'stripe-events', 'delete', 'no'),
  cell('customer A', 'stripe-events', 'delete', 'no'),
  cell('manager', 'stripe-events', 'delete', 'no'),
  cell('admin', 'stripe-events', 'delete', 'no'),

  // messages: every message in or out, in the customer's thread. Nobody writes one through the
  // API, staff included: the system does (the outbox, the provider webhooks, the inbox's reply
  // endpoints). Managers read them all; a customer reads their own (their booking emails too),
  // never staff's internal notes in their thread, and never the delivery internals.
  cell('anonymous', 'messages', 'read', 'no'),
  cell('customer A', 'messages', 'read', { sees: ['message to A'], mine: true }),
  cell('customer B', 'messages', 'read', { sees: ['message to B'], mine: true }),
  cell('chef', 'messages', 'read', 'no'),
  cell('editor', 'messages', 'read', 'no'),
  cell('manager', 'messages', 'read', { sees: ['message to A', 'note about A', 'message to B'] }),
  cell('admin', 'messages', 'read', { sees: ['message to A', 'note about A', 'message to B'] }),
  cell('anonymous', 'messages', 'read', 'no', 'message to A'),
  cell('customer A', 'messages', 'read', 'yes', 'message to A'),
  cell('customer A', 'messages', 'read', 'no', 'note about A'),
  cell('customer A', 'messages', 'read', 'no', 'message to B'),
  cell('customer B', 'messages', 'read', 'no', 'message to A'),
  cell('chef', 'messages', 'read', 'no', 'message to A'),
  cell('editor', 'messages', 'read', 'no', 'message to A'),
  cell('manager', 'messages', 'read', 'yes', 'note about A'),
  cell('admin', 'messages', 'read', 'yes', 'note about A'),
  cell('anonymous', 'messages', 'create', 'no'),
  cell('customer A', 'messages', 'create', 'no'),
  cell('customer B', 'messages', 'create', 'no'),
  cell('chef', 'messages', 'create', 'no'),
  cell('editor', 'messages', 'create', 'no'),
  cell('manager', 'messages', 'create', 'no'),
  cell('admin', 'messages', 'create', 'no'),
  cell('anonymous', 'messages', 'update', 'no', 'message to A'),
  cell('customer A', 'messages', 'update', 'no', 'message to A'),
  cell('customer B', 'messages', 'update', 'no', 'message to A'),
  cell('chef', 'messages', 'update', 'no', 'message to A'),
  cell('editor', 'messages', 'update', 'no', 'message to A'),
  cell('manager', 'messages', 'update', 'no', 'message to A'),
  cell('admin', 'messages', 'update', 'no', 'message to A'),
  cell('anonymous', 'messages', 'delete', 'no'),
  cell('customer A', 'messages', 'delete', 'no'),
  cell('chef', 'messages', 'delete', 'no'),
  cell('editor', 'messages', 'delete', 'no'),
  cell('manager', 'messages', 'delete', 'no'),
  cell('admin', 'messages', 'delete', 'no'),
  // The rendered html, addresses, provider ids, errors, attempts, the author and the thread.
  cell('customer A', 'messages', 'see internals', 'no', 'message to A'),
  cell('manager', 'messages', 'see internals', 'yes', 'message to A'),
  cell('admin', 'messages', 'see internals', 'yes', 'message to A'),
  // The sealed private links are opened only by the sender: hidden from staff too.
  cell('customer A', 'messages', 'see sealed links', 'no', 'message to A'),
  cell('manager', 'messages', 'see sealed links', 'no', 'message to A'),
  cell('admin', 'messages', 'see sealed links', 'no', 'message to A'),

  // threads: the staff inbox, one conversation per customer. Managers read them, assign them and
  // mark them done; the system creates them and keeps their counters; a customer never reads a
  // thread, not even their own (they read their messages).
  cell('anonymous', 'threads', 'read', 'no'),
  cell('customer A', 'threads', 'read', 'no'),
  cell('customer B', 'threads', 'read', 'no'),
  cell('chef', 'threads', 'read', 'no'),
  cell('editor', 'threads', 'read', 'no'),
  cell('manager', 'threads', 'read', { sees: ["A's thread", "B's thread"] }),
  cell('admin', 'threads', 'read', { sees: ["A's thread", "B's thread"] }),
  cell('anonymous', 'threads', 'read', 'no', "A's thread"),
  cell('customer A', 'threads', 'read', 'no', "A's thread"),
  cell('customer B', 'threads', 'read', 'no', "A's thread"),
  cell('chef', 'threads', 'read', 'no', "A's thread"),
  cell('editor', 'threads', 'read', 'no', "A's thread"),
  cell('manager', 'threads', 'read', 'yes', "A's thread"),
  cell('admin', 'threads', 'read', 'yes', "B's thread"),
  cell('anonymous', 'threads', 'create', 'no'),
  cell('customer A', 'threads', 'create', 'no'),
  cell('chef', 'threads', 'create', 'no'),
  cell('editor', 'threads', 'create', 'no'),
  cell('manager', 'threads', 'create', 'no'),
  cell('admin', 'threads', 'create', 'no'),
  cell('anonymous', 'threads', 'update', 'no', "A's thread"),
  cell('customer A', 'threads', 'update', 'no', "A's thread"),
  cell('customer B', 'threads', 'update', 'no', "A's thread"),
  cell('chef', 'threads', 'update', 'no', "A's thread"),
  cell('editor', 'threads', 'update', 'no', "A's thread"),
  cell('manager', 'threads', 'update', 'yes', "A's thread"),
  cell('admin', 'threads', 'update', 'yes', "B's thread"),
  cell('anonymous', 'threads', 'delete', 'no', "A's thread"),
  cell('customer A', 'threads', 'delete', 'no', "A's thread"),
  cell('chef', 'threads', 'delete', 'no', "A's thread"),
  cell('editor', 'threads', 'delete', 'no', "A's thread"),
  cell('manager', 'threads', 'delete', 'no', "A's thread"),
  cell('admin', 'threads', 'delete', 'no', "A's thread"),
  // A manager's PATCH changes `state` and `assignee` only: the title, customer, unread count and
  // preview are the system's.
  cell('manager', 'threads', 'write system fields', 'no', "A's thread"),
  cell('admin', 'threads', 'write system fields', 'no', "B's thread"),

  // email-templates: the booking emails' wording. Managers write them; nobody deletes one (a
  // missing template falls back to the default wording, and versions keep the old ones).
  cell('anonymous', 'email-templates', 'read', 'no'),
  cell('customer A', 'email-templates', 'read', 'no'),
  cell('chef', 'email-templates', 'read', 'no'),
  cell('editor', 'email-templates', 'read', 'no'),
  cell('manager', 'email-templates', 'read', { sees: ['a template'] }),
  cell('admin', 'email-templates', 'read', { sees: ['a template'] }),
  cell('anonymous', 'email-templates', 'read', 'no', 'a template'),
  cell('customer A', 'email-templates', 'read', 'no', 'a template'),
  cell('chef', 'email-templates', 'read', 'no', 'a template'),
  cell('editor', 'email-templates', 'read', 'no', 'a template'),
  cell('manager', 'email-templates', 'read', 'yes', 'a template'),
  cell('admin', 'email-templates', 'read', 'yes', 'a template'),
  cell('anonymous', 'email-templates', 'create', 'no'),
  cell('customer A', 'email-templates', 'create', 'no'),
  cell('chef', 'email-templates', 'create', 'no'),
  cell('editor', 'email-templates', 'create', 'no'),
  cell('manager', 'email-templates', 'create', 'yes'),
  cell('admin', 'email-templates', 'create', 'yes'),
  cell('anonymous', 'email-templates', 'update', 'no', 'a template'),
  cell('customer A', 'email-templates', 'update', 'no', 'a template'),
  cell('chef', 'email-templates', 'update', 'no', 'a template'),
  cell('editor', 'email-templates', 'update', 'no', 'a template'),
  cell('manager', 'email-templates', 'update', 'yes', 'a template'),
  cell('admin', 'email-templates', 'update', 'yes', 'a template'),
  cell('anonymous', 'email-templates', 'delete', 'no', 'a template'),
  cell('customer A', 'email-templates', 'delete', 'no', 'a template'),
  cell('chef', 'email-templates', 'delete', 'no', 'a template'),
  cell('editor', 'email-templates', 'delete', 'no', 'a template'),
  cell('manager', 'email-templates', 'delete', 'no', 'a template'),
  cell('admin', 'email-templates', 'delete', 'no', 'a template'),

  // menu-items
  cell('anonymous', 'menu-items', 'read', ACTIVE_ONLY),
  cell('customer A', 'menu-items', 'read', ACTIVE_ONLY),
  cell('chef', 'menu-items', 'read', { sees: ['active item', 'inactive item'] }),
  cell('editor', 'menu-items', 'read', { sees: ['active item', 'inactive item'] }),
  cell('manager', 'menu-items', 'read', { sees: ['active item', 'inactive item'] }),
  cell('admin', 'menu-items', 'read', { sees: ['active item', 'inactive item'] }),
  cell('anonymous', 'menu-items', 'read', 'no', 'inactive item'),
  cell('customer A', 'menu-items', 'read', 'no', 'inactive item'),
  cell('chef', 'menu-items', 'read', 'yes', 'inactive item'),
  cell('anonymous', 'menu-items', 'create', 'no'),
  cell('customer A', 'menu-items', 'create', 'no'),
  cell('chef', 'menu-items', 'create', 'no'),
  cell('editor', 'menu-items', 'create', 'yes'),
  cell('manager', 'menu-items', 'create', 'yes'),
  cell('admin', 'menu-items', 'create', 'yes'),
  cell('anonymous', 'menu-items', 'update', 'no', 'active item'),
  cell('customer A', 'menu-items', 'update', 'no', 'active item'),
  cell('chef', 'menu-items', 'update', 'no', 'active item'),
  cell('editor', 'menu-items', 'update', 'yes', 'active item'),
  cell('manager', 'menu-items', 'update', 'yes', 'active item'),
  cell('admin', 'menu-items', 'update', 'yes', 'active item'),
  cell('anonymous', 'menu-items', 'delete', 'no'),
  cell('customer A', 'menu-items', 'delete', 'no'),
  cell('chef', 'menu-items', 'delete', 'no'),
  cell('editor', 'menu-items', 'delete', 'yes'),
  cell('manager', 'menu-items', 'delete', 'yes'),
  cell('admin', 'menu-items', 'delete', 'yes'),

  // pages
  cell('anonymous', 'pages', 'read', PUBLISHED_ONLY),
  cell('customer A', 'pages', 'read', PUBLISHED_ONLY),
  cell('editor', 'pages', 'read', { sees: ['published page', 'draft page'] }),
  cell('manager', 'pages', 'read', { sees: ['published page', 'draft page'] }),
  cell('admin', 'pages', 'read', { sees: ['published page', 'draft page'] }),
  cell('anonymous', 'pages', 'read', 'no', 'draft page'),
  cell('customer A', 'pages', 'read', 'no', 'draft page'),
  cell('editor', 'pages', 'read', 'yes', 'draft page'),
  cell('anonymous', 'pages', 'create', 'no'),
  cell('customer A', 'pages', 'create', 'no'),
  cell('chef', 'pages', 'create', 'no'),
  cell('editor', 'pages', 'create', 'yes'),
  cell('manager', 'pages', 'create', 'yes'),
  cell('admin', 'pages', 'create', 'yes'),
  cell('anonymous', 'pages', 'update', 'no', 'published page'),
  cell('customer A', 'pages', 'update', 'no', 'published page'),
  cell('chef', 'pages', 'update', 'no', 'published page'),
  cell('editor', 'pages', 'update', 'yes', 'published page'),
  cell('manager', 'pages', 'update', 'yes', 'published page'),
  cell('admin', 'pages', 'update', 'yes', 'published page'),
  cell('anonymous', 'pages', 'delete', 'no'),
  cell('customer A', 'pages', 'delete', 'no'),
  cell('chef', 'pages', 'delete', 'no'),
  cell('editor', 'pages', 'delete', 'yes'),
  cell('manager', 'pages', 'delete', 'yes'),
  cell('admin', 'pages', 'delete', 'yes'),

  // media (creating needs a file upload: only refusals are checked)
  cell('anonymous', 'media', 'read', 'yes'),
  cell('customer A', 'media', 'read', 'yes'),
  cell('customer B', 'media', 'read', 'yes'),
  cell('chef', 'media', 'read', 'yes'),
  cell('editor', 'media', 'read', 'yes'),
  cell('manager', 'media', 'read', 'yes'),
  cell('admin', 'media', 'read', 'yes'),
  cell('anonymous', 'media', 'create', 'no'),
  cell('customer A', 'media', 'create', 'no'),
  cell('chef', 'media', 'create', 'no'),
  cell('anonymous', 'media', 'delete', 'no'),
  cell('customer A', 'media', 'delete', 'no'),
  cell('chef', 'media', 'delete', 'no'),
  cell('anonymous', 'media', 'update', 'no'),
  cell('customer A', 'media', 'update', 'no'),
  cell('chef', 'media', 'update', 'no'),

  // global business-settings
  cell('anonymous', 'business-settings', 'read', 'yes'),
  cell('customer A', 'business-settings', 'read', 'yes'),
  cell('customer B', 'business-settings', 'read', 'yes'),
  cell('chef', 'business-settings', 'read', 'yes'),
  cell('editor', 'business-settings', 'read', 'yes'),
  cell('manager', 'business-settings', 'read', 'yes'),
  cell('admin', 'business-settings', 'read', 'yes'),
  cell('anonymous', 'business-settings', 'update', 'no'),
  cell('customer A', 'business-settings', 'update', 'no'),
  cell('chef', 'business-settings', 'update', 'no'),
  cell('editor', 'business-settings', 'update', 'no'),
  cell('manager', 'business-settings', 'update', 'yes'),
  cell('admin', 'business-settings', 'update', 'yes'),

  // History: a booking's versions hold every customer's contact and address.
  cell('anonymous', 'bookings', 'read versions', 'no'),
  cell('customer A', 'bookings', 'read versions', 'no'),
  cell('customer B', 'bookings', 'read versions', 'no'),
  cell('chef', 'bookings', 'read versions', 'no'),
  cell('editor', 'bookings', 'read versions', 'no'),
  cell('manager', 'bookings', 'read versions', 'yes'),
  cell('admin', 'bookings', 'read versions', 'yes'),
  cell('customer A', 'bookings', 'read versions', 'no', "A's booking"),
  cell('chef', 'bookings', 'read versions', 'no', "chef's booking"),
  cell('manager', 'bookings', 'read versions', 'yes', "A's booking"),
  cell('anonymous', 'pages', 'read versions', 'no'),
  cell('customer A', 'pages', 'read versions', 'no'),
  cell('chef', 'pages', 'read versions', 'no'),
  cell('editor', 'pages', 'read versions', 'yes'),
  cell('manager', 'pages', 'read versions', 'yes'),
  cell('admin', 'pages', 'read versions', 'yes'),
  cell('anonymous', 'pages', 'read versions', 'no', 'draft page'),
  cell('editor', 'pages', 'read versions', 'yes', 'draft page'),
  // The menu's history and drafts (drafts and scheduled publish): content editors only.
  cell('anonymous', 'menu-items', 'read versions', 'no'),
  cell('customer A', 'menu-items', 'read versions', 'no'),
  cell('chef', 'menu-items', 'read versions', 'no'),
  cell('editor', 'menu-items', 'read versions', 'yes'),
  cell('manager', 'menu-items', 'read versions', 'yes'),
  cell('admin', 'menu-items', 'read versions', 'yes'),
  cell('anonymous', 'menu-items', 'read versions', 'no', 'active item'),
  cell('editor', 'menu-items', 'read versions', 'yes', 'active item'),
  cell('anonymous', 'business-settings', 'read versions', 'no'),
  cell('customer A', 'business-settings', 'read versions', 'no'),
  cell('chef', 'business-settings', 'read versions', 'no'),
  cell('editor', 'business-settings', 'read versions', 'no'),
  cell('manager', 'business-settings', 'read versions', 'yes'),
  cell('admin', 'business-settings', 'read versions', 'yes'),
  cell('anonymous', 'email-templates', 'read versions', 'no'),
  cell('customer A', 'email-templates', 'read versions', 'no'),
  cell('chef', 'email-templates', 'read versions', 'no'),
  cell('editor', 'email-templates', 'read versions', 'no'),
  cell('manager', 'email-templates', 'read versions', 'yes'),
  cell('admin', 'email-templates', 'read versions', 'yes'),
  cell('customer A', 'email-templates', 'read versions', 'no', 'a template'),
  cell('editor', 'email-templates', 'read versions', 'no', 'a template'),
  cell('manager', 'email-templates', 'read versions', 'yes', 'a template'),

  // Drafts: an unpublished edit of a published page (Payload reads drafts through `read`).
  cell('anonymous', 'pages', 'read drafts', 'no'),
  cell('customer A', 'pages', 'read drafts', 'no'),
  cell('chef', 'pages', 'read drafts', 'no'),
  cell('editor', 'pages', 'read drafts', 'yes'),
  cell('manager', 'pages', 'read drafts', 'yes'),
  cell('admin', 'pages', 'read drafts', 'yes'),
  // A draft price of a published item, and an item that was only ever a draft.
  cell('anonymous', 'menu-items', 'read drafts', 'no'),
  cell('customer A', 'menu-items', 'read drafts', 'no'),
  cell('chef', 'menu-items', 'read drafts', 'no'),
  cell('editor', 'menu-items', 'read drafts', 'yes'),
  cell('manager', 'menu-items', 'read drafts', 'yes'),
  cell('admin', 'menu-items', 'read drafts', 'yes'),

  // Unlocking an account locked out after failed sign-ins.
  cell('anonymous', 'users', 'unlock', 'no'),
  cell('customer A', 'users', 'unlock', 'no'),
  cell('chef', 'users', 'unlock', 'no'),
  cell('editor', 'users', 'unlock', 'no'),
  cell('manager', 'users', 'unlock', 'no'),
  cell('admin', 'users', 'unlock', 'yes'),
  cell('anonymous', 'customers', 'unlock', 'no'),
  cell('customer A', 'customers', 'unlock', 'no'),
  cell('chef', 'customers', 'unlock', 'no'),
  cell('editor', 'customers', 'unlock', 'no'),
  cell('manager', 'customers', 'unlock', 'yes'),
  cell('admin', 'customers', 'unlock', 'yes'),

  // The admin panel: staff only (GET /api/access → canAccessAdmin).
  cell('anonymous', 'users', 'use admin', 'no'),
  cell('customer A', 'users', 'use admin', 'no'),
  cell('chef', 'users', 'use admin', 'yes'),
  cell('editor', 'users', 'use admin', 'yes'),
  cell('manager', 'users', 'use admin', 'yes'),
  cell('admin', 'users', 'use admin', 'yes'),
  cell('customer A', 'customers', 'use admin', 'no'),
  cell('customer B', 'customers', 'use admin', 'no'),

  // The same reads through GraphQL.
  cell('anonymous', 'bookings', 'graphql read', 'no'),
  cell('customer A', 'bookings', 'graphql read', { sees: ["A's booking"], only: true }),
  cell('customer B', 'bookings', 'graphql read', { sees: ["B's booking"], only: true }),
  cell('chef', 'bookings', 'graphql read', { sees: ["chef's booking"], only: true }),
  cell('editor', 'bookings', 'graphql read', 'no'),
  cell('manager', 'bookings', 'graphql read', { sees: ["A's booking", "B's booking", "chef's booking"] }),
  cell('anonymous', 'customers', 'graphql read', 'no'),
  cell('customer A', 'customers', 'graphql read', { sees: ['customer A'], only: true }),
  cell('chef', 'customers', 'graphql read', 'no'),
  cell('editor', 'customers', 'graphql read', 'no'),
  cell('manager', 'customers', 'graphql read', { sees: ['customer A', 'customer B'] }),
  cell('anonymous', 'messages', 'graphql read', 'no'),
  cell('customer A', 'messages', 'graphql read', { sees: ['message to A'], mine: true }),
  cell('customer B', 'messages', 'graphql read', { sees: ['message to B'], mine: true }),
  cell('chef', 'messages', 'graphql read', 'no'),
  cell('editor', 'messages', 'graphql read', 'no'),
  cell('manager', 'messages', 'graphql read', { sees: ['message to A', 'note about A', 'message to B'] }),
  cell('admin', 'messages', 'graphql read', { sees: ['message to A', 'note about A', 'message to B'] }),
  cell('anonymous', 'threads', 'graphql read', 'no'),
  cell('customer A', 'threads', 'graphql read', 'no'),
  cell('customer B', 'threads', 'graphql read', 'no'),
  cell('chef', 'threads', 'graphql read', 'no'),
  cell('editor', 'threads', 'graphql read', 'no'),
  cell('manager', 'threads', 'graphql read', { sees: ["A's thread", "B's thread"] }),
  cell('admin', 'threads', 'graphql read', { sees: ["A's thread", "B's thread"] }),
  cell('anonymous', 'email-templates', 'graphql read', 'no'),
  cell('customer A', 'email-templates', 'graphql read', 'no'),
  cell('chef', 'email-templates', 'graphql read', 'no'),
  cell('editor', 'email-templates', 'graphql read', 'no'),
  cell('manager', 'email-templates', 'graphql read', { sees: ['a template'] }),
  cell('admin', 'email-templates', 'graphql read', { sees: ['a template'] }),
  cell('anonymous', 'users', 'graphql read', 'no'),
  cell('customer A', 'users', 'graphql read', 'no'),
  cell('chef', 'users', 'graphql read', { sees: ['chef'], only: true }),
  cell('manager', 'users', 'graphql read', ALL_STAFF),
  cell('anonymous', 'pages', 'graphql read', PUBLISHED_ONLY),
  cell('editor', 'pages', 'graphql read', { sees: ['published page', 'draft page'] }),
  cell('anonymous', 'menu-items', 'graphql read', { sees: ['active item'] }),
  cell('chef', 'menu-items', 'graphql read', { sees: ['active item', 'inactive item'] }),
  cell('anonymous', 'payments', 'graphql read', 'no'),
  cell('customer A', 'payments', 'graphql read', 'no'),
  cell('chef', 'payments', 'graphql read', 'no'),
  cell('editor', 'payments', 'graphql read', 'no'),
  cell('manager', 'payments', 'graphql read', { sees: ['payment of A'] }),
  cell('admin', 'payments', 'graphql read', { sees: ['payment of A'] }),
  cell('anonymous', 'stripe-events', 'graphql read', 'no'),
  cell('customer A', 'stripe-events', 'graphql read', 'no'),
  cell('manager', 'stripe-events', 'graphql read', 'no'),
  cell('admin', 'stripe-events', 'graphql read', 'no'),
  cell('anonymous', 'bookings', 'graphql read versions', 'no'),
  cell('customer A', 'bookings', 'graphql read versions', 'no'),
  cell('chef', 'bookings', 'graphql read versions', 'no'),
  cell('editor', 'bookings', 'graphql read versions', 'no'),
  cell('manager', 'bookings', 'graphql read versions', 'yes'),
  cell('anonymous', 'pages', 'graphql read versions', 'no'),
  cell('customer A', 'pages', 'graphql read versions', 'no'),
  cell('editor', 'pages', 'graphql read versions', 'yes'),
  cell('anonymous', 'menu-items', 'graphql read versions', 'no'),
  cell('customer A', 'menu-items', 'graphql read versions', 'no'),
  cell('chef', 'menu-items', 'graphql read versions', 'no'),
  cell('editor', 'menu-items', 'graphql read versions', 'yes'),
  cell('anonymous', 'business-settings', 'graphql read versions', 'no'),
  cell('customer A', 'business-settings', 'graphql read versions', 'no'),
  cell('manager', 'business-settings', 'graphql read versions', 'yes'),
  cell('anonymous', 'email-templates', 'graphql read versions', 'no'),
  cell('customer A', 'email-templates', 'graphql read versions', 'no'),
  cell('editor', 'email-templates', 'graphql read versions', 'no'),
  cell('manager', 'email-templates', 'graphql read versions', 'yes'),

  // Relationship depth never reaches past what the caller may read.
  cell('chef', 'bookings', 'read deep', 'no', "chef's booking"),
  cell('customer A', 'bookings', 'read deep', 'no', "A's booking"),
  cell('customer A', 'messages', 'read deep', 'no', 'message to A'),

  // Payload's own collections: admin-panel plumbing, staff only.
  cell('anonymous', 'payload-locked-documents', 'read', 'no'),
  cell('customer A', 'payload-locked-documents', 'read', 'no'),
  cell('editor', 'payload-locked-documents', 'read', 'yes'),
  cell('anonymous', 'payload-locked-documents', 'create', 'no'),
  cell('customer A', 'payload-locked-documents', 'create', 'no'),
  cell('customer A', 'payload-locked-documents', 'update', 'no'),
  cell('customer A', 'payload-locked-documents', 'delete', 'no'),
  cell('anonymous', 'payload-preferences', 'read', 'no'),
  cell('customer A', 'payload-preferences', 'read', 'no'),
  cell('customer A', 'payload-preferences', 'create', 'no'),
  cell('customer A', 'payload-preferences', 'update', 'no'),
  cell('customer A', 'payload-preferences', 'delete', 'no'),
  cell('editor', 'payload-preferences', 'create', 'yes'),
  cell('anonymous', 'payload-migrations', 'read', 'no'),
  cell('customer A', 'payload-migrations', 'read', 'no'),
  cell('manager', 'payload-migrations', 'read', 'no'),
  cell('customer A', 'payload-migrations', 'create', 'no'),
  cell('customer A', 'payload-migrations', 'update', 'no'),
  cell('admin', 'payload-migrations', 'delete', 'no'),
  cell('anonymous', 'payload-kv', 'read', 'no'),
  cell('customer A', 'payload-kv', 'create', 'no'),
  cell('admin', 'payload-kv', 'update', 'no'),
  cell('admin', 'payload-kv', 'delete', 'no'),
  // The jobs queue: written by the system (payload.jobs.queue) and run only by the runner that
  // holds the lock, never through the API, whoever asks — admins included.
  cell('anonymous', 'payload-jobs', 'read', 'no'),
  cell('customer A', 'payload-jobs', 'read', 'no'),
  cell('chef', 'payload-jobs', 'read', 'no'),
  cell('editor', 'payload-jobs', 'read', 'no'),
  cell('manager', 'payload-jobs', 'read', 'no'),
  cell('admin', 'payload-jobs', 'read', 'no'),
  cell('anonymous', 'payload-jobs', 'create', 'no'),
  cell('customer A', 'payload-jobs', 'create', 'no'),
  cell('chef', 'payload-jobs', 'create', 'no'),
  cell('editor', 'payload-jobs', 'create', 'no'),
  cell('manager', 'payload-jobs', 'create', 'no'),
  cell('admin', 'payload-jobs', 'create', 'no'),
  cell('anonymous', 'payload-jobs', 'update', 'no'),
  cell('customer A', 'payload-jobs', 'update', 'no'),
  cell('chef', 'payload-jobs', 'update', 'no'),
  cell('editor', 'payload-jobs', 'update', 'no'),
  cell('manager', 'payload-jobs', 'update', 'no'),
  cell('admin', 'payload-jobs', 'update', 'no'),
  cell('anonymous', 'payload-jobs', 'delete', 'no'),
  cell('customer A', 'payload-jobs', 'delete', 'no'),
  cell('chef', 'payload-jobs', 'delete', 'no'),
  cell('editor', 'payload-jobs', 'delete', 'no'),
  cell('manager', 'payload-jobs', 'delete', 'no'),
  cell('admin', 'payload-jobs', 'delete', 'no'),
  cell('anonymous', 'payload-jobs', 'run jobs', 'no'),
  cell('customer A', 'payload-jobs', 'run jobs', 'no'),
  cell('customer B', 'payload-jobs', 'run jobs', 'no'),
  cell('chef', 'payload-jobs', 'run jobs', 'no'),
  cell('editor', 'payload-jobs', 'run jobs', 'no'),
  cell('manager', 'payload-jobs', 'run jobs', 'no'),
  cell('admin', 'payload-jobs', 'run jobs', 'no'),
]

const VERB: Record<Op, string> = {
  read: 'read',
  create: 'create',
  update: 'update',
  delete: 'delete',
  'change role': 'change the role in',
  'set notes': 'set notes on',
  'see notes': 'see notes on',
  'read versions': 'read the history of',
  'read drafts': 'read unpublished drafts of',
  unlock: 'unlock an account in',
  'use admin': 'use the admin panel as',
  'graphql read': 'read through GraphQL',
  'graphql read versions': 'read through GraphQL the history of',
  'read deep': 'reach through relationships of',
  'see internals': 'see the delivery internals of',
  'see sealed links': 'see the sealed links of',
  'write system fields': 'write the system fields of',
  'run jobs': 'run the queued jobs through',
}

function nameOf(c: Cell): string {
  if (typeof c.expect === 'object' && c.op !== 'read') return `${nameOfList(c)} (${c.op})`
  return nameOfList(c)
}

function nameOfList(c: Cell): string {
  if (typeof c.expect === 'object') {
    const sees: readonly Fixture[] = c.expect.sees
    const hidden = c.collection in FIXTURES ? FIXTURES[c.collection as ListedCollection].filter((f) => !sees.includes(f)) : []
    const shown = sees.length > 0 ? sees.join(', ') : 'nothing'
    const mine = c.expect.mine ? ' and nothing not their own' : ''
    return `${c.actor} reads ${c.expect.only ? 'only ' : ''}${shown}${mine} in ${c.collection}${hidden.length > 0 ? ` (not ${hidden.join(', ')})` : ''}`
  }
  const can = c.expect === 'yes' ? 'can' : 'cannot'
  const what = c.target === undefined ? c.collection : `${c.collection} (${c.target === c.actor ? 'own' : c.target})`
  return `${c.actor} ${can} ${VERB[c.op]} ${what}`
}

// ─── Fixtures and actors ───────────────────────────────────────────────────────────────────────

interface Doc {
  id: number | string
  [key: string]: unknown
}
interface ListBody {
  docs?: Doc[]
}
interface DocBody {
  doc?: Doc
}

const ids = new Map<Fixture, number>()
const emails = new Map<Staff | Customer, string>()
const tokens = new Map<Actor, string>()

function idOf(fixture: Fixture): number {
  const id = ids.get(fixture)
  if (id === undefined) throw new Error(`fixture ${fixture} was not created`)
  return id
}

function emailOf(who: Staff | Customer): string {
  const email = emails.get(who)
  if (email === undefined) throw new Error(`no account for ${who}`)
  return email
}

function as(actor: Actor): { headers?: Record<string, string> } {
  const token = tokens.get(actor)
  return token === undefined ? {} : { headers: { Authorization: `JWT ${token}` } }
}

function show(res: RestResponse<unknown>): string {
  return `HTTP ${String(res.status)} ${JSON.stringify(res.body).slice(0, 400)}`
}

function expectStatusIn(res: RestResponse<unknown>, statuses: number[]): void {
  expect(statuses, show(res)).toContain(res.status)
}

function expectSuccess(res: RestResponse<unknown>): void {
  expect(res.status >= 200 && res.status < 300, show(res)).toBe(true)
}

async function login(actor: Exclude<Actor, 'anonymous'>, collection: 'users' | 'customers', email: string): Promise<void> {
  const res = await rest<{ token?: string }>('POST', `/${collection}/login`, { body: { email, password: PASSWORD } })
  expect(res.status, show(res)).toBe(200)
  const token = res.body.token
  if (typeof token !== 'string') throw new Error(`no token for ${actor}`)
  tokens.set(actor, token)
}

/** A document as stored (Local API, no access control), or undefined when there is none. */
async function stored(collection: ListedCollection, id: number | string): Promise<Record<string, unknown> | undefined> {
  const found = await payload.find({ collection, where: { id: { equals: id } }, overrideAccess: true, depth: 0, limit: 1 })
  const doc: object | undefined = found.docs[0]
  return doc === undefined ? undefined : { ...doc }
}

async function storedCount(collection: ListedCollection | 'media', field: string, value: string): Promise<number> {
  const { totalDocs } = await payload.count({ collection, where: { [field]: { equals: value } }, overrideAccess: true })
  return totalDocs
}

async function createStaff(role: Staff): Promise<number> {
  const email = uniqueEmail(role)
  const user = await payload.create({ collection: 'users', data: { email, password: PASSWORD, role, name: `${role} ${RUN}` }, overrideAccess: true })
  expect(user.role).toBe(role)
  return user.id
}

async function createCustomer(name: string, notes?: string): Promise<{ id: number; email: string }> {
  const email = uniqueEmail(name)
  const customer = await payload.create({
    collection: 'customers',
    // Verified: a customer account signs in only once its email is proved.
    data: { email, password: PASSWORD, name, _verified: true, ...(notes === undefined ? {} : { notes }) },
    overrideAccess: true,
    disableVerificationEmail: true,
  })
  return { id: customer.id, email }
}

async function createBooking(contactEmail: string, chef?: number): Promise<number> {
  const booking = await payload.create({ collection: 'bookings', data: { ...bookingRequest(contactEmail), status: 'pending' }, overrideAccess: true })
  if (chef !== undefined) await payload.update({ collection: 'bookings', id: booking.id, data: { assignedChefs: [chef] }, overrideAccess: true })
  return booking.id
}

/** A cash payment on A's booking, recorded through the Local API as a manager's entry would be (part of the deposit). */
async function createPayment(amountCents: number, note: string): Promise<number> {
  const payment = await payload.create({ collection: 'payments', data: { booking: idOf("A's booking"), kind: 'deposit', method: 'cash', amountCents, note }, overrideAccess: true })
  return payment.id
}

async function createStripeEvent(): Promise<number> {
  const event = await payload.create({ collection: 'stripe-events', data: { eventId: unique('evt_'), type: 'checkout.session.completed' }, overrideAccess: true })
  return event.id
}

/** The customer's thread (the booking's "received" email has usually made it already). */
async function threadOf(customer: number): Promise<number> {
  const existing = await payload.find({ collection: 'threads', where: { customer: { equals: customer } }, limit: 1, depth: 0, overrideAccess: true })
  const thread = existing.docs[0] ?? (await payload.create({ collection: 'threads', data: { customer, title: `Customer ${customer}`, unreadCount: 0, state: 'open', chatMode: 'assistant' }, overrideAccess: true }))
  return thread.id
}

/** A message in the customer's thread, written as the system writes them (nobody may through the API). */
async function createMessage(to: number, body: string, extra: Partial<Omit<Message, 'id' | 'createdAt' | 'updatedAt'>> = {}): Promise<number> {
  const thread = await threadOf(to)
  const message = await payload.create({
    collection: 'messages',
    data: { thread, customer: to, channel: 'email', direction: 'outbound', body, status: 'queued', attempts: 0, ...extra },
    overrideAccess: true,
  })
  return message.id
}

/** A booking event no stored template has yet (`event` is unique), the rarest emails first. */
async function freeTemplateEvent(): Promise<BookingEmailEvent> {
  const stored = await payload.find({ collection: 'email-templates', depth: 0, pagination: false, overrideAccess: true })
  const taken = new Set<string>(stored.docs.map((d) => d.event))
  const free = TEMPLATE_EVENTS.find((event) => !taken.has(event))
  if (free === undefined) throw new Error('every booking event already has a stored template')
  return free
}

/**
 * What a template request sends: the event's default wording, so that the row, while it exists,
 * makes exactly the email the default would (other files may send that email meanwhile).
 */
function templateBody(event: BookingEmailEvent): { event: BookingEmailEvent; subject: string; body: (typeof DEFAULT_TEMPLATES)[BookingEmailEvent]['body'] } {
  const wording = DEFAULT_TEMPLATES[event]
  return { event, subject: wording.subject, body: wording.body }
}

async function createTemplate(): Promise<number> {
  const template = await payload.create({ collection: 'email-templates', data: templateBody(await freeTemplateEvent()), overrideAccess: true })
  return template.id
}

async function createMenuItem(active: boolean): Promise<number> {
  const item = await payload.create({
    collection: 'menu-items',
    data: { name: unique('item'), category: 'side', priceCents: 500, pricing: 'flat', active },
    overrideAccess: true,
  })
  return item.id
}

async function createPage(status: 'published' | 'draft'): Promise<number> {
  const page = await payload.create({
    collection: 'pages',
    data: { title: `Page ${RUN}`, slug: unique('page'), _status: status },
    draft: status === 'draft',
    overrideAccess: true,
  })
  return page.id
}

/** A throw-away document for a delete cell; for a customer or the chef, one of their own. */
async function freshDoc(collection: Collection, actor: Actor): Promise<number> {
  switch (collection) {
    case 'users':
      return createStaff('editor')
    case 'customers':
      return (await createCustomer('Fresh Customer')).id
    case 'bookings':
      if (actor === 'customer A' || actor === 'customer B') return createBooking(emailOf(actor))
      return createBooking(uniqueEmail('fresh'), actor === 'chef' ? idOf('chef') : undefined)
    case 'payments':
      return createPayment(1, unique('fresh payment '))
    case 'stripe-events':
      return createStripeEvent()
    case 'messages':
      return createMessage(idOf('customer A'), unique('fresh message '))
    case 'threads':
    case 'email-templates':
      throw new Error(`nobody may delete ${collection}: its delete cells name a fixture`)
    case 'menu-items':
      return createMenuItem(true)
    case 'pages':
      return createPage('published')
    case 'media':
      return MISSING_MEDIA_ID
    case 'business-settings':
      throw new Error('a global has no documents to delete')
    default:
      throw new Error(`${collection} is checked by checkInternal`)
  }
}

/** What a create request sends, and how the created document is found again. */
async function createRequest(collection: Collection): Promise<{ body: Record<string, unknown>; field: string; marker: string }> {
  switch (collection) {
    case 'users': {
      const email = uniqueEmail('created')
      return { body: { email, password: PASSWORD, role: 'editor', name: 'Created' }, field: 'email', marker: email }
    }
    case 'customers': {
      const email = uniqueEmail('signup')
      return { body: { email, password: PASSWORD, name: 'Signed Up' }, field: 'email', marker: email }
    }
    case 'bookings': {
      const email = uniqueEmail('booker')
      return { body: bookingRequest(email), field: 'contact.email', marker: email }
    }
    case 'payments': {
      const note = unique('created payment ')
      return { body: { booking: idOf("A's booking"), kind: 'deposit', method: 'cash', amountCents: 1, note }, field: 'note', marker: note }
    }
    case 'stripe-events': {
      const eventId = unique('evt_created_')
      return { body: { eventId, type: 'checkout.session.completed' }, field: 'eventId', marker: eventId }
    }
    case 'messages': {
      const body = unique('created message ')
      return { body: { thread: idOf("A's thread"), customer: idOf('customer A'), channel: 'note', direction: 'outbound', status: 'sent', body }, field: 'body', marker: body }
    }
    case 'threads': {
      const title = unique('created thread ')
      return { body: { title, phone: `+1917${String(Math.floor(1_000_000 + Math.random() * 8_999_999))}`, state: 'open' }, field: 'title', marker: title }
    }
    case 'email-templates': {
      const event = await freeTemplateEvent()
      return { body: templateBody(event), field: 'event', marker: event }
    }
    case 'menu-items': {
      const name = unique('created item ')
      return { body: { name, category: 'side', priceCents: 100, pricing: 'flat' }, field: 'name', marker: name }
    }
    case 'pages': {
      const slug = unique('created-page-')
      return { body: { title: 'Created', slug, _status: 'published' }, field: 'slug', marker: slug }
    }
    case 'media': {
      const alt = unique('created media ')
      return { body: { alt }, field: 'alt', marker: alt }
    }
    case 'business-settings':
      throw new Error('a global is not created')
    default:
      throw new Error(`${collection} is checked by checkInternal`)
  }
}

/** The harmless field an update cell changes. */
const UPDATE_FIELD: Record<ListedCollection, string> = {
  users: 'name',
  customers: 'name',
  bookings: 'specialRequests',
  payments: 'note',
  'stripe-events': 'outcome',
  messages: 'body',
  threads: 'state',
  'email-templates': 'subject',
  'menu-items': 'description',
  pages: 'title',
}

function listed(collection: Collection): ListedCollection {
  if (collection === 'media' || collection === 'business-settings' || collection.startsWith('payload-')) throw new Error(`${collection} has no fixtures`)
  return collection as ListedCollection
}

function fixtureName(collection: ListedCollection, id: number | string): Fixture | undefined {
  return FIXTURES[collection].find((f) => ids.get(f) === Number(id))
}

// ─── What each operation checks ────────────────────────────────────────────────────────────────

async function checkList(c: Cell): Promise<void> {
  if (c.collection === 'business-settings') {
    const res = await rest<Doc>('GET', '/globals/business-settings?depth=0', as(c.actor))
    expect(res.status, show(res)).toBe(200)
    expect(typeof res.body.timezone, show(res)).toBe('string')
    return
  }
  const res = await rest<ListBody>('GET', `/${c.collection}?limit=1000&depth=0`, as(c.actor))
  const docs = res.body.docs ?? []
  if (c.expect === 'no') {
    if (res.status === 200) expect(docs.map((d) => d.id), show(res)).toEqual([])
    else expectStatusIn(res, REFUSED)
    return
  }
  expect(res.status, show(res)).toBe(200)
  expect(Array.isArray(res.body.docs), show(res)).toBe(true)
  await expectSees(c, docs)
}

/** Where a collection says whose a document is (for `mine`). */
const OWNER_FIELD: Partial<Record<ListedCollection, string>> = { bookings: 'customer', messages: 'customer' }

/**
 * A list that was answered: exactly the fixtures the cell names (and, with `only`, nothing else;
 * with `mine`, nothing that is not the caller's own, as stored).
 */
async function expectSees(c: Cell, docs: Doc[]): Promise<void> {
  if (typeof c.expect !== 'object') return
  const collection = listed(c.collection)
  const names = docs.map((d) => fixtureName(collection, d.id) ?? `another document #${String(d.id)}`)
  const visible = c.expect.only ? names : names.filter((n) => (FIXTURES[collection] as readonly string[]).includes(n))
  expect(visible.sort()).toEqual([...c.expect.sees].sort())
  for (const doc of docs) {
    for (const [field, value] of Object.entries(c.expect.every ?? {})) expect(doc[field], `${field} of #${String(doc.id)}`).toEqual(value)
  }
  if (c.expect.mine) {
    const owner = OWNER_FIELD[collection]
    if (owner === undefined || (c.actor !== 'customer A' && c.actor !== 'customer B')) throw new Error(`'mine' needs a customer and an owner field (${c.actor}, ${collection})`)
    const others = await payload.find({
      collection,
      where: { and: [{ id: { in: docs.map((d) => d.id) } }, { [owner]: { not_equals: idOf(c.actor) } }] },
      depth: 0,
      pagination: false,
      overrideAccess: true,
    })
    expect(others.docs.map((d) => d.id), `${c.actor} is shown documents that are not theirs`).toEqual([])
    if (collection === 'messages') {
      const notes = await payload.count({ collection, where: { and: [{ id: { in: docs.map((d) => d.id) } }, { channel: { equals: 'note' } }] }, overrideAccess: true })
      expect(notes.totalDocs, `${c.actor} is shown staff notes`).toBe(0)
    }
  }
}

async function checkRead(c: Cell, target: Fixture): Promise<void> {
  const id = idOf(target)
  const res = await rest<Doc>('GET', `/${c.collection}/${String(id)}?depth=0`, as(c.actor))
  if (c.expect === 'yes') {
    expect(res.status, show(res)).toBe(200)
    expect(Number(res.body.id)).toBe(id)
  } else {
    expectStatusIn(res, REFUSED_BY_ID)
  }
}

async function checkCreate(c: Cell): Promise<void> {
  const { body, field, marker } = await createRequest(c.collection)
  const res = await rest<DocBody>('POST', `/${c.collection}`, { ...as(c.actor), body })
  const collection = c.collection === 'media' ? 'media' : listed(c.collection)
  const count = await storedCount(collection, field, marker)
  try {
    if (c.expect === 'yes') {
      expectSuccess(res)
      expect(res.body.doc?.id, show(res)).toBeDefined()
      expect(count).toBe(1)
    } else {
      expectStatusIn(res, REFUSED)
      expect(count).toBe(0)
    }
  } finally {
    // A template's event is unique and the booking emails use the row: never leave one behind.
    if (collection === 'email-templates' && count > 0) await payload.delete({ collection, where: { event: { equals: marker } }, overrideAccess: true })
  }
}

async function checkGlobalUpdate(c: Cell): Promise<void> {
  const marker = unique('terms ')
  const res = await rest('POST', '/globals/business-settings', { ...as(c.actor), body: { termsSummary: marker } })
  const settings = await payload.findGlobal({ slug: 'business-settings', overrideAccess: true })
  if (c.expect === 'yes') {
    expectSuccess(res)
    expect(settings.termsSummary).toBe(marker)
    // The rest of the settings survive a partial update (bookings in this file depend on them).
    expect(settings.chefCount).toBe(10)
  } else {
    expectStatusIn(res, REFUSED)
    expect(settings.termsSummary).not.toBe(marker)
  }
}

async function checkUpdate(c: Cell, target: Fixture): Promise<void> {
  if (c.collection === 'media') {
    // No such media document: only an access refusal can come before "not found".
    const res = await rest('PATCH', `/media/${String(MISSING_MEDIA_ID)}`, { ...as(c.actor), body: { alt: 'changed' } })
    expect(c.expect, 'media updates are only checked for refusals').toBe('no')
    expectStatusIn(res, REFUSED)
    return
  }
  const collection = listed(c.collection)
  const field = UPDATE_FIELD[collection]
  const id = idOf(target)
  const before = (await stored(collection, id))?.[field]
  // A thread's state is open or done: the update moves it to the other one.
  const marker = collection === 'threads' ? (before === 'open' ? 'done' : 'open') : unique('updated ')
  const res = await rest<DocBody>('PATCH', `/${collection}/${String(id)}`, { ...as(c.actor), body: { [field]: marker } })
  const after = await stored(collection, id)
  try {
    expect(after, `${target} still exists`).toBeDefined()
    if (c.expect === 'yes') {
      expect(res.status, show(res)).toBe(200)
      expect(after?.[field]).toBe(marker)
    } else {
      expectStatusIn(res, REFUSED_BY_ID)
      expect(after?.[field]).toBe(before)
    }
  } finally {
    // The template's subject goes back to the default wording it had (booking emails use the row).
    if (collection === 'email-templates' && after !== undefined && after[field] !== before) {
      await payload.update({ collection, id, data: { subject: String(before) }, overrideAccess: true })
    }
  }
}

async function checkDelete(c: Cell): Promise<void> {
  const id = c.target === undefined ? await freshDoc(c.collection, c.actor) : idOf(c.target)
  const res = await rest<DocBody>('DELETE', `/${c.collection}/${String(id)}`, as(c.actor))
  if (c.collection === 'media') {
    // No such media document: only an access refusal can come before "not found".
    expect(c.expect, 'media deletes are only checked for refusals').toBe('no')
    expectStatusIn(res, REFUSED)
    return
  }
  const after = await stored(listed(c.collection), id)
  if (c.expect === 'yes') {
    expect(res.status, show(res)).toBe(200)
    expect(after, 'the document is gone').toBeUndefined()
  } else {
    expectStatusIn(res, REFUSED_BY_ID)
    expect(after, 'the document is still there').toBeDefined()
  }
}

/** Non-admins try to make themselves admin; an admin changes another user's role. */
async function checkRoleChange(c: Cell): Promise<void> {
  const id = c.target === undefined ? await createStaff('editor') : idOf(c.target)
  const before = (await stored('users', id))?.role
  const wanted = c.expect === 'yes' ? 'manager' : 'admin'
  expect(before).not.toBe(wanted)
  try {
    const res = await rest<DocBody>('PATCH', `/users/${String(id)}`, { ...as(c.actor), body: { role: wanted } })
    const after = (await stored('users', id))?.role
    if (c.expect === 'yes') {
      expect(res.status, show(res)).toBe(200)
      expect(after).toBe(wanted)
    } else {
      // Either refused outright or accepted with the role field dropped.
      expectStatusIn(res, [200, ...REFUSED_BY_ID])
      expect(after, show(res)).toBe(before)
    }
  } finally {
    // Keep the actor's role for the other cells even when the app wrongly let it change.
    if (c.target !== undefined && typeof before === 'string' && (before === 'admin' || before === 'manager' || before === 'chef' || before === 'editor')) {
      await payload.update({ collection: 'users', id, data: { role: before }, overrideAccess: true })
    }
  }
}

/** Anonymous: sign-up with notes; a customer: notes on their own record; staff: notes on a customer. */
async function checkSetNotes(c: Cell): Promise<void> {
  const marker = unique('notes ')
  if (c.actor === 'anonymous') {
    const email = uniqueEmail('signupnotes')
    const res = await rest<DocBody>('POST', '/customers', { body: { email, password: PASSWORD, name: 'Signs Up', notes: marker } })
    expectSuccess(res)
    const created = await payload.find({ collection: 'customers', where: { email: { equals: email } }, overrideAccess: true, limit: 1 })
    expect(created.docs).toHaveLength(1)
    const notes = created.docs[0]?.notes
    if (c.expect === 'yes') expect(notes).toBe(marker)
    else expect(notes ?? '', 'sign-up leaves notes empty').toBe('')
    return
  }
  const id = c.target === undefined ? (await createCustomer('Notes Target')).id : idOf(c.target)
  const before = (await stored('customers', id))?.notes ?? null
  const res = await rest<DocBody>('PATCH', `/customers/${String(id)}`, { ...as(c.actor), body: { notes: marker } })
  const after = (await stored('customers', id))?.notes ?? null
  if (c.expect === 'yes') {
    expect(res.status, show(res)).toBe(200)
    expect(after).toBe(marker)
  } else {
    expectStatusIn(res, [200, ...REFUSED_BY_ID])
    expect(after, show(res)).toBe(before)
  }
}

/** Customer A's record carries a staff note: by id, in the list, and as a query condition. */
async function checkSeeNotes(c: Cell, target: Fixture): Promise<void> {
  const id = idOf(target)
  const one = await rest<Doc>('GET', `/customers/${String(id)}?depth=0`, as(c.actor))
  const list = await rest<ListBody>('GET', `/customers?depth=0&limit=1000&where[id][equals]=${String(id)}`, as(c.actor))
  const probe = await rest<ListBody>('GET', `/customers?depth=0&where[notes][equals]=${encodeURIComponent(STAFF_NOTE)}`, as(c.actor))
  if (c.expect === 'yes') {
    expect(one.status, show(one)).toBe(200)
    expect(one.body.notes).toBe(STAFF_NOTE)
    expect(list.status, show(list)).toBe(200)
    expect(list.body.docs?.[0]?.notes).toBe(STAFF_NOTE)
    expect(probe.body.docs?.map((d) => Number(d.id)), show(probe)).toEqual([id])
    return
  }
  for (const res of [one, list, probe]) {
    expect(JSON.stringify(res.body), 'the staff note never reaches the caller').not.toContain(STAFF_NOTE)
  }
  // The customer reads their own record, without the notes field.
  expect(one.status, show(one)).toBe(200)
  expect(Object.keys(one.body)).not.toContain('notes')
  expect(list.status, show(list)).toBe(200)
  for (const doc of list.body.docs ?? []) expect(Object.keys(doc)).not.toContain('notes')
  // Filtering on notes must not reveal them either (refused, or no match).
  if (probe.status === 200) expect(probe.body.docs ?? [], 'a where on notes finds nothing').toEqual([])
  else expectStatusIn(probe, [400, ...REFUSED])
}

async function check(c: Cell): Promise<void> {
  if (c.collection.startsWith('payload-')) return checkInternal(c)
  switch (c.op) {
    case 'read':
      return c.target === undefined ? checkList(c) : checkRead(c, c.target)
    case 'create':
      return checkCreate(c)
    case 'update':
      if (c.collection === 'business-settings') return checkGlobalUpdate(c)
      if (c.collection === 'media') return checkUpdate(c, 'active item')
      if (c.target === undefined) throw new Error('an update cell needs a target')
      return checkUpdate(c, c.target)
    case 'delete':
      return checkDelete(c)
    case 'change role':
      return checkRoleChange(c)
    case 'set notes':
      return checkSetNotes(c)
    case 'see notes':
      if (c.target === undefined) throw new Error('a see-notes cell needs a target')
      return checkSeeNotes(c, c.target)
    case 'read versions':
      return checkReadVersions(c)
    case 'read drafts':
      return checkReadDrafts(c)
    case 'unlock':
      return checkUnlock(c)
    case 'use admin':
      return checkUseAdmin(c)
    case 'graphql read':
      return checkGraphqlRead(c)
    case 'graphql read versions':
      return checkGraphqlReadVersions(c)
    case 'read deep':
      if (c.target === undefined) throw new Error('a read-deep cell needs a target')
      return checkReadDeep(c, c.target)
    case 'see internals':
      if (c.target === undefined) throw new Error('a see-internals cell needs a target')
      return checkSeeInternals(c, c.target)
    case 'see sealed links':
      if (c.target === undefined) throw new Error('a see-sealed-links cell needs a target')
      return checkSeeSealedLinks(c, c.target)
    case 'write system fields':
      if (c.target === undefined) throw new Error('a write-system-fields cell needs a target')
      return checkThreadSystemFields(c, c.target)
    case 'run jobs':
      throw new Error('running jobs is a row of payload-jobs (checkJobs)')
  }
}

// ─── Messages' staff-only fields, threads' system fields ───────────────────────────────────────

/** A where on a field the caller may not read finds nothing (or is refused): it must not become an oracle. */
async function expectNoOracle(c: Cell, collection: 'messages', field: string, value: string): Promise<void> {
  const probe = await rest<ListBody>('GET', `/${collection}?depth=0&where[${field}][equals]=${encodeURIComponent(value)}`, as(c.actor))
  if (probe.status === 200) expect(probe.body.docs ?? [], `a where on ${field} finds nothing`).toEqual([])
  else expectStatusIn(probe, [400, ...REFUSED])
}

/** The message to A as the caller reads it: REST by id, REST list, and GraphQL (the staff-only fields asked for). */
async function readMessageEveryWay(c: Cell, id: number): Promise<{ label: string; doc: Doc | undefined; raw: unknown }[]> {
  const one = await rest<Doc>('GET', `/messages/${String(id)}?depth=0`, as(c.actor))
  expect(one.status, show(one)).toBe(200)
  const list = await rest<ListBody>('GET', `/messages?depth=0&limit=10&where[id][equals]=${String(id)}`, as(c.actor))
  expect(list.status, show(list)).toBe(200)
  const fields = 'id body channel status html to from attachInvite key attempts error providerId lastAttemptAt failedAt readAt author { id email } thread { id title }'
  const gql = await graphql<{ Messages: { docs: Doc[] } | null }>(`{ Messages(where: { id: { equals: ${String(id)} } }) { docs { ${fields} } } }`, as(c.actor))
  expect(gql.errors ?? [], JSON.stringify(gql.errors)).toEqual([])
  return [
    { label: 'REST by id', doc: one.body, raw: one.body },
    { label: 'REST list', doc: list.body.docs?.[0], raw: list.body },
    { label: 'GraphQL', doc: gql.data?.Messages?.docs[0], raw: gql },
  ]
}

/** A reads the body, channel and status of the email to them, never how it was delivered; staff read it all. */
async function checkSeeInternals(c: Cell, target: Fixture): Promise<void> {
  const id = idOf(target)
  const answers = await readMessageEveryWay(c, id)
  for (const { label, doc, raw } of answers) {
    expect(doc, `${label} lists ${target}`).toBeDefined()
    expect(Number(doc?.id), label).toBe(id)
    expect(doc?.body, label).toBe(`Hello A ${RUN}`)
    expect(doc?.channel, label).toBe('email')
    expect(doc?.status, label).toBe('sent')
    const text = JSON.stringify(raw)
    if (c.expect === 'yes') {
      expect(doc, label).toMatchObject({ ...MESSAGE_INTERNALS, to: emailOf('customer A') })
      const author = label === 'GraphQL' ? (doc?.author as Doc | null)?.id : doc?.author
      const thread = label === 'GraphQL' ? (doc?.thread as Doc | null)?.id : doc?.thread
      expect(Number(author), `${label}: author`).toBe(idOf('manager'))
      expect(Number(thread), `${label}: thread`).toBe(idOf("A's thread"))
      continue
    }
    for (const field of STAFF_ONLY_MESSAGE_FIELDS) {
      // GraphQL has every field in its schema: one the caller may not read comes back null.
      if (label === 'GraphQL') expect(doc?.[field] ?? null, `${label}: ${field}`).toBeNull()
      else expect(Object.keys(doc ?? {}), `${label}: ${field}`).not.toContain(field)
    }
    for (const value of [MESSAGE_INTERNALS.html, MESSAGE_INTERNALS.from, MESSAGE_INTERNALS.key, MESSAGE_INTERNALS.error, MESSAGE_INTERNALS.providerId, THREAD_TITLE, emailOf('manager')]) {
      expect(text, `${label} shows ${value}`).not.toContain(value)
    }
  }
  if (c.expect !== 'yes') {
    for (const [field, value] of [
      ['key', MESSAGE_INTERNALS.key],
      ['providerId', MESSAGE_INTERNALS.providerId],
      ['error', MESSAGE_INTERNALS.error],
      ['from', MESSAGE_INTERNALS.from],
      ['to', emailOf('customer A')],
      ['author', String(idOf('manager'))],
    ] as const) {
      await expectNoOracle(c, 'messages', field, value)
    }
  }
}

/** The sealed private links never leave the server through the API: not by id, not in a list, not as a filter, not in GraphQL's schema. */
async function checkSeeSealedLinks(c: Cell, target: Fixture): Promise<void> {
  const id = idOf(target)
  const one = await rest<Doc>('GET', `/messages/${String(id)}?depth=1`, as(c.actor))
  expect(one.status, show(one)).toBe(200)
  const list = await rest<ListBody>('GET', `/messages?depth=1&limit=10&where[id][equals]=${String(id)}`, as(c.actor))
  expect(list.body.docs?.map((d) => Number(d.id)), show(list)).toEqual([id])
  const gql = await graphql<{ Messages: { docs: Doc[] } | null }>(`{ Messages(where: { id: { equals: ${String(id)} } }) { docs { id sealedLinks } } }`, as(c.actor))
  if (c.expect === 'yes') {
    expect(one.body.sealedLinks).toBe(SEALED_LINKS)
    return
  }
  for (const [label, res] of [['REST by id', one.body], ['REST list', list.body], ['GraphQL', gql]] as const) {
    expect(JSON.stringify(res), `${label} shows the sealed links`).not.toContain(SEALED_LINKS)
  }
  expect(Object.keys(one.body)).not.toContain('sealedLinks')
  for (const doc of list.body.docs ?? []) expect(Object.keys(doc)).not.toContain('sealedLinks')
  // GraphQL's schema has the field (Payload keeps hidden fields in it), but it always reads null.
  expect(gql.errors ?? [], JSON.stringify(gql.errors)).toEqual([])
  const viaGraphql = gql.data?.Messages?.docs[0]
  expect(Number(viaGraphql?.id), JSON.stringify(gql)).toBe(id)
  expect(viaGraphql?.sealedLinks ?? null, 'GraphQL reads the hidden field as null').toBeNull()
  await expectNoOracle(c, 'messages', 'sealedLinks', SEALED_LINKS)
}

/** Staff assign a thread and mark it done; the title, customer, unread count and preview are the system's. */
async function checkThreadSystemFields(c: Cell, target: Fixture): Promise<void> {
  const id = idOf(target)
  const before = await payload.findByID({ collection: 'threads', id, depth: 0, overrideAccess: true })
  const state = before.state === 'open' ? 'done' : 'open'
  const assignee = c.actor === 'admin' ? idOf('admin') : idOf('manager')
  expect(before.assignee ?? null, 'the assignee is going to change').not.toBe(assignee)
  const intruder = (await createCustomer('Thread Intruder')).id
  const marker = unique('system field ')
  const res = await rest<DocBody>('PATCH', `/threads/${String(id)}`, {
    ...as(c.actor),
    body: { state, assignee, title: marker, customer: intruder, unreadCount: 4242, lastPreview: marker, lastChannel: 'sms', lastMessageAt: '2020-01-01T00:00:00.000Z' },
  })
  const after = await payload.findByID({ collection: 'threads', id, depth: 0, overrideAccess: true })
  expect(res.status, show(res)).toBe(200)
  // What staff may change, changed.
  expect(after.state, show(res)).toBe(state)
  expect(after.assignee, show(res)).toBe(assignee)
  const system = { title: after.title, customer: after.customer, unreadCount: after.unreadCount, lastPreview: after.lastPreview, lastChannel: after.lastChannel, lastMessageAt: after.lastMessageAt }
  const was = { title: before.title, customer: before.customer, unreadCount: before.unreadCount, lastPreview: before.lastPreview, lastChannel: before.lastChannel, lastMessageAt: before.lastMessageAt }
  if (c.expect === 'yes') expect(system, show(res)).not.toEqual(was)
  else expect(system, 'the system fields stay as they were').toEqual(was)
}


// ─── History, drafts, unlocking, the admin panel, GraphQL, relationship depth ──────────────────

/** A page published with one title, then edited as an unpublished draft titled DRAFT_TITLE. */
let draftedPageId = 0
/** A menu item published at 500 cents, then edited as a draft named DRAFT_ITEM_NAME at 9999; and one only ever a draft. */
let draftedItemId = 0
let draftOnlyItemId = 0
/** GraphQL's name for the business settings' history query (found by introspection). */
let settingsVersionsQuery = ''

function expectNothingListed(res: RestResponse<ListBody>): void {
  if (res.status === 200) expect(res.body.docs ?? [], show(res)).toEqual([])
  else expectStatusIn(res, REFUSED)
}

type Versioned = 'bookings' | 'pages' | 'email-templates' | 'menu-items'

async function versionOf(collection: Versioned, target: Fixture): Promise<number | string> {
  const found = await payload.findVersions({ collection, where: { parent: { equals: idOf(target) } }, limit: 1, depth: 0, overrideAccess: true })
  const version = found.docs[0]
  if (!version) throw new Error(`${target} has no stored version`)
  return version.id
}

async function checkReadVersions(c: Cell): Promise<void> {
  if (c.collection === 'business-settings') {
    const res = await rest<ListBody>('GET', '/globals/business-settings/versions?limit=100&depth=0', as(c.actor))
    if (c.expect === 'yes') {
      expect(res.status, show(res)).toBe(200)
      expect(res.body.docs?.length ?? 0, show(res)).toBeGreaterThan(0)
    } else {
      expectNothingListed(res)
    }
    return
  }
  if (c.collection !== 'bookings' && c.collection !== 'pages' && c.collection !== 'email-templates' && c.collection !== 'menu-items') throw new Error(`${c.collection} keeps no versions`)
  const collection = c.collection
  if (c.target !== undefined) {
    const versionId = await versionOf(collection, c.target)
    const res = await rest<Doc>('GET', `/${collection}/versions/${String(versionId)}?depth=0`, as(c.actor))
    if (c.expect === 'yes') {
      expect(res.status, show(res)).toBe(200)
      expect(Number(res.body.parent), show(res)).toBe(idOf(c.target))
    } else {
      expectStatusIn(res, REFUSED_BY_ID)
      expect(JSON.stringify(res.body)).not.toContain('@access-matrix.test')
    }
    return
  }
  const res = await rest<ListBody>('GET', `/${collection}/versions?limit=1000&depth=0`, as(c.actor))
  if (c.expect !== 'yes') {
    expectNothingListed(res)
    return
  }
  expect(res.status, show(res)).toBe(200)
  const parents = new Set((res.body.docs ?? []).map((d) => Number(d.parent)))
  for (const fixture of FIXTURES[collection]) expect(parents.has(idOf(fixture)), `a version of ${fixture} is listed`).toBe(true)
}

async function checkReadDrafts(c: Cell): Promise<void> {
  if (c.collection === 'menu-items') return checkReadMenuDrafts(c)
  const one = await rest<Doc>('GET', `/pages/${String(draftedPageId)}?draft=true&depth=0`, as(c.actor))
  const list = await rest<ListBody>('GET', `/pages?draft=true&depth=0&where[id][equals]=${String(draftedPageId)}`, as(c.actor))
  if (c.expect === 'yes') {
    expect(one.status, show(one)).toBe(200)
    expect(one.body.title).toBe(DRAFT_TITLE)
    expect(list.body.docs?.[0]?.title, show(list)).toBe(DRAFT_TITLE)
    return
  }
  for (const res of [one, list]) expect(JSON.stringify(res.body), 'the unpublished edit never reaches the caller').not.toContain(DRAFT_TITLE)
  // The published version stays public.
  expect(one.status, show(one)).toBe(200)
  expect(one.body.title).toBe(`Page ${RUN}`)
}

/** REST by id and list, and GraphQL, with `draft=true`: the draft name, price and the draft-only item are the editors'. */
async function checkReadMenuDrafts(c: Cell): Promise<void> {
  const one = await rest<Doc>('GET', `/menu-items/${String(draftedItemId)}?draft=true&depth=0`, as(c.actor))
  const list = await rest<ListBody>('GET', `/menu-items?draft=true&depth=0&limit=1000&where[id][in]=${String(draftedItemId)},${String(draftOnlyItemId)}`, as(c.actor))
  const gql = await graphql<{ MenuItems: { docs: { id: number; name: string }[] } | null }>(`{ MenuItems(draft: true, limit: 1000) { docs { id name priceCents } } }`, as(c.actor))
  const gqlOne = await graphql<{ MenuItem: { name: string } | null }>(`{ MenuItem(id: ${String(draftOnlyItemId)}, draft: true) { name } }`, as(c.actor))
  if (c.expect === 'yes') {
    expect(one.status, show(one)).toBe(200)
    expect(one.body.name).toBe(DRAFT_ITEM_NAME)
    expect(one.body.priceCents).toBe(9999)
    expect((list.body.docs ?? []).map((d) => d.name).sort(), show(list)).toEqual([DRAFT_ONLY_ITEM_NAME, DRAFT_ITEM_NAME].sort())
    expect(gql.data?.MenuItems?.docs.map((d) => d.name), JSON.stringify(gql.errors)).toEqual(expect.arrayContaining([DRAFT_ITEM_NAME, DRAFT_ONLY_ITEM_NAME]))
    expect(gqlOne.data?.MenuItem?.name).toBe(DRAFT_ONLY_ITEM_NAME)
    return
  }
  for (const res of [one.body, list.body, gql, gqlOne]) {
    const text = JSON.stringify(res)
    expect(text, 'the unpublished edit never reaches the caller').not.toContain(DRAFT_ITEM_NAME)
    expect(text, 'a draft-only item never reaches the caller').not.toContain(DRAFT_ONLY_ITEM_NAME)
    expect(text, 'nor the draft price').not.toContain('9999')
  }
  // The published version stays public.
  expect(one.status, show(one)).toBe(200)
  expect(one.body.priceCents).toBe(500)
}

async function checkUnlock(c: Cell): Promise<void> {
  if (c.collection !== 'users' && c.collection !== 'customers') throw new Error(`${c.collection} has no accounts`)
  const collection = c.collection
  const email = uniqueEmail('locked')
  const created =
    collection === 'users'
      ? await payload.create({ collection, data: { email, password: PASSWORD, role: 'chef', name: 'Locked Out' }, overrideAccess: true })
      : await payload.create({ collection, data: { email, password: PASSWORD, name: 'Locked Out', _verified: true }, overrideAccess: true, disableVerificationEmail: true })
  const lockUntil = new Date(Date.now() + 3_600_000).toISOString()
  await payload.db.updateOne({ collection, where: { id: { equals: created.id } }, data: { loginAttempts: 5, lockUntil } })
  const res = await rest('POST', `/${collection}/unlock`, { ...as(c.actor), body: { email } })
  const after = (await payload.db.findOne({ collection, where: { id: { equals: created.id } } })) as { lockUntil?: string | null } | null
  if (c.expect === 'yes') {
    expect(res.status, show(res)).toBe(200)
    expect(after?.lockUntil ?? null).toBeNull()
  } else {
    expectStatusIn(res, REFUSED)
    expect(after?.lockUntil, 'still locked').toBeTruthy()
  }
}

async function checkUseAdmin(c: Cell): Promise<void> {
  const res = await rest<{ canAccessAdmin?: boolean }>('GET', '/access', as(c.actor))
  expect(res.status, show(res)).toBe(200)
  expect(res.body.canAccessAdmin === true, show(res)).toBe(c.expect === 'yes')
}

const GRAPHQL_LIST: Record<ListedCollection, string> = {
  users: 'Users',
  customers: 'Customers',
  bookings: 'Bookings',
  payments: 'Payments',
  'stripe-events': 'StripeEvents',
  messages: 'Messages',
  threads: 'Threads',
  'email-templates': 'EmailTemplates',
  'menu-items': 'MenuItems',
  pages: 'Pages',
}

/** GraphQL's history queries of the versioned collections. */
const GRAPHQL_VERSIONS: Record<Versioned, string> = { bookings: 'versionsBookings', pages: 'versionsPages', 'email-templates': 'versionsEmailTemplates', 'menu-items': 'versionsMenuItems' }

async function checkGraphqlRead(c: Cell): Promise<void> {
  const field = GRAPHQL_LIST[listed(c.collection)]
  const extra = typeof c.expect === 'object' ? Object.keys(c.expect.every ?? {}).join(' ') : ''
  const res = await graphql<Record<string, { docs: Doc[] } | null>>(`{ ${field}(limit: 1000) { docs { id ${extra} } } }`, as(c.actor))
  const docs = res.data?.[field]?.docs ?? []
  if (c.expect === 'no') {
    expect(docs, JSON.stringify(res)).toEqual([])
    return
  }
  expect(res.errors ?? [], JSON.stringify(res.errors)).toEqual([])
  // Exactly what the same caller lists through REST (whose rows prove `only`; cells that ran since
  // may have added documents of the caller's own), and the fixtures the cell names.
  const viaRest = await rest<ListBody>('GET', `/${c.collection}?limit=1000&depth=0`, as(c.actor))
  expect(docs.map((d) => Number(d.id)).sort(), 'GraphQL and REST list the same documents').toEqual((viaRest.body.docs ?? []).map((d) => Number(d.id)).sort())
  if (typeof c.expect !== 'object') return
  const loose: Expectation = { sees: c.expect.sees, ...(c.expect.every ? { every: c.expect.every } : {}), ...(c.expect.mine ? { mine: true } : {}) }
  await expectSees({ ...c, expect: loose }, docs.map((d) => ({ ...d, id: Number(d.id) })))
}

async function checkGraphqlReadVersions(c: Cell): Promise<void> {
  if (c.collection !== 'business-settings' && c.collection !== 'bookings' && c.collection !== 'pages' && c.collection !== 'email-templates' && c.collection !== 'menu-items') throw new Error(`${c.collection} keeps no versions`)
  const field = c.collection === 'business-settings' ? settingsVersionsQuery : GRAPHQL_VERSIONS[c.collection]
  const res = await graphql<Record<string, { docs: { id: unknown }[] } | null>>(`{ ${field}(limit: 1000) { docs { id } } }`, as(c.actor))
  const docs = res.data?.[field]?.docs ?? []
  if (c.expect === 'yes') {
    expect(res.errors ?? [], JSON.stringify(res.errors)).toEqual([])
    expect(docs.length).toBeGreaterThan(0)
  } else {
    expect(docs, JSON.stringify(res)).toEqual([])
  }
}

/** Populating relationships (REST depth, GraphQL sub-selections) shows nothing the caller may not read. */
async function checkReadDeep(c: Cell, target: Fixture): Promise<void> {
  const collection = listed(c.collection)
  const res = await rest<Doc>('GET', `/${collection}/${String(idOf(target))}?depth=5`, as(c.actor))
  expect(res.status, show(res)).toBe(200)
  const text = JSON.stringify(res.body)
  expect(text, 'a staff note never travels with a populated customer').not.toContain(STAFF_NOTE)
  if (c.actor === 'chef') {
    // A chef works the booking (contact and address are on it) but may not open the customer account.
    expect(typeof res.body.customer, show(res)).toBe('number')
  }
  const field = GRAPHQL_LIST[collection]
  const gql = await graphql(`{ ${field}(limit: 100) { docs { id customer { id email notes } } } }`, as(c.actor))
  expect(JSON.stringify(gql), 'GraphQL sub-selections obey the same rules').not.toContain(STAFF_NOTE)
  if (c.actor === 'chef') expect(JSON.stringify(gql.data)).not.toContain('@access-matrix.test')
  if (collection === 'messages') await expectMessageStaysShallow(c, target)
}

/**
 * A customer's message at depth 2 (and in a list, and in GraphQL sub-selections) reaches their
 * booking and their own account, never the inbox thread (its title, its preview of staff's note),
 * the staff author, or a staff account through the booking.
 */
async function expectMessageStaysShallow(c: Cell, target: Fixture): Promise<void> {
  const staffEmails = (['admin', 'manager', 'editor', 'chef'] as const).map(emailOf)
  const one = await rest<Doc>('GET', `/messages/${String(idOf(target))}?depth=2`, as(c.actor))
  expect(one.status, show(one)).toBe(200)
  expect(Object.keys(one.body), 'no thread at depth 2').not.toContain('thread')
  expect(Object.keys(one.body), 'no author at depth 2').not.toContain('author')
  expect((one.body.booking as Doc | null)?.id, 'the booking, their own, is populated').toBe(idOf("A's booking"))
  const list = await rest<ListBody>('GET', '/messages?depth=2&limit=100', as(c.actor))
  expect(list.status, show(list)).toBe(200)
  const gql = await graphql<{ Messages: { docs: Doc[] } | null }>(
    `{ Messages(limit: 100) { docs { id thread { id title lastPreview customer { id notes } messages { docs { id body } } } author { id email name } booking { id assignedChefs { id email } } } } }`,
    as(c.actor),
  )
  // The query is answered (a refused sub-selection reads null), so what it does not show means something.
  expect(gql.data?.Messages?.docs.map((d) => Number(d.id)), JSON.stringify(gql)).toContain(idOf(target))
  for (const [label, res] of [['REST by id', one.body], ['REST list', list.body], ['GraphQL', gql]] as const) {
    const text = JSON.stringify(res)
    for (const secret of [THREAD_TITLE, NOTE_BODY, STAFF_NOTE, SEALED_LINKS, ...staffEmails]) expect(text, `${label} shows ${secret}`).not.toContain(secret)
  }
}

/** Payload's own collections: admin-panel plumbing that only staff may touch. */
async function checkInternal(c: Cell): Promise<void> {
  const slug = c.collection
  if (slug === 'payload-jobs') return checkJobs(c)
  // The migrations table and the key-value store have no REST routes at all: Payload answers 501.
  const refusedOr404 = slug === 'payload-migrations' || slug === 'payload-kv' ? [...REFUSED_BY_ID, 501] : [...REFUSED_BY_ID]
  if (slug === 'payload-preferences') {
    const key = unique('pref')
    const path = `/payload-preferences/${key}`
    const res =
      c.op === 'read'
        ? await rest('GET', path, as(c.actor))
        : c.op === 'delete'
          ? await rest('DELETE', path, as(c.actor))
          : await rest('POST', path, { ...as(c.actor), body: { value: { columns: ['x'] } } })
    const stored = await payload.count({ collection: 'payload-preferences', where: { key: { equals: key } }, overrideAccess: true })
    if (c.expect === 'yes') {
      expectSuccess(res)
      expect(stored.totalDocs).toBe(1)
    } else {
      expectStatusIn(res, refusedOr404)
      expect(stored.totalDocs).toBe(0)
    }
    return
  }
  const before = await payload.count({ collection: slug as 'payload-locked-documents', overrideAccess: true })
  const body = slug === 'payload-locked-documents' ? { document: { relationTo: 'bookings', value: idOf("A's booking") }, user: { relationTo: 'customers', value: idOf('customer A') } } : { name: 'evil', batch: 99 }
  const res =
    c.op === 'read'
      ? await rest<ListBody>('GET', `/${slug}?depth=0`, as(c.actor))
      : c.op === 'create'
        ? await rest<ListBody>('POST', `/${slug}`, { ...as(c.actor), body })
        : c.op === 'update'
          ? await rest<ListBody>('PATCH', `/${slug}?where[id][exists]=true`, { ...as(c.actor), body })
          : await rest<ListBody>('DELETE', `/${slug}?where[id][exists]=true`, as(c.actor))
  const after = await payload.count({ collection: slug as 'payload-locked-documents', overrideAccess: true })
  if (c.expect === 'yes') {
    expect(res.status, show(res)).toBe(200)
    return
  }
  if (res.status === 200) expect(res.body.docs ?? [], show(res)).toEqual([])
  else expectStatusIn(res, refusedOr404)
  expect(after.totalDocs, 'nothing written').toBe(before.totalDocs)
}

/**
 * The jobs queue through REST: a job parked on this file's own queue (no runner of the app takes
 * it) must not be listed, read, added to, changed, deleted or run by anyone. A run that went
 * through would send the parked job's message and delete the finished job. The parked job is
 * removed afterwards, as the system would, so no other file's runner ever sees it.
 */
async function checkJobs(c: Cell): Promise<void> {
  const messageId = await createMessage(idOf('customer B'), unique('parked job message '))
  const job = await payload.jobs.queue({ task: 'sendMessage', input: { messageId }, queue: JOB_QUEUE, overrideAccess: true })
  const onQueue = async (queue: string) => (await payload.count({ collection: 'payload-jobs', where: { queue: { equals: queue } }, overrideAccess: true })).totalDocs
  try {
    const created = `${JOB_QUEUE}-created`
    const responses: { what: string; res: RestResponse<ListBody & Doc>; one?: true }[] = []
    const call = async (what: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, one?: true) => {
      const res = await rest<ListBody & Doc>(method, path, { ...as(c.actor), ...(body === undefined ? {} : { body }) })
      responses.push({ what, res, ...(one ? { one } : {}) })
    }
    switch (c.op) {
      case 'read':
        await call('list', 'GET', `/payload-jobs?depth=0&where[queue][equals]=${JOB_QUEUE}`)
        await call('by id', 'GET', `/payload-jobs/${String(job.id)}?depth=0`, undefined, true)
        break
      case 'create':
        await call('create', 'POST', '/payload-jobs', { taskSlug: 'sendMessage', input: { messageId }, queue: created })
        break
      case 'update':
        await call('by id', 'PATCH', `/payload-jobs/${String(job.id)}`, { queue: 'default', waitUntil: null }, true)
        await call('by where', 'PATCH', `/payload-jobs?where[queue][equals]=${JOB_QUEUE}`, { queue: 'default' })
        break
      case 'delete':
        await call('by id', 'DELETE', `/payload-jobs/${String(job.id)}`, undefined, true)
        await call('by where', 'DELETE', `/payload-jobs?where[queue][equals]=${JOB_QUEUE}`)
        break
      case 'run jobs':
        await call('run', 'GET', `/payload-jobs/run?queue=${JOB_QUEUE}`)
        await call('run (no queue named)', 'GET', '/payload-jobs/run')
        await call('handle schedules', 'GET', `/payload-jobs/handle-schedules?queue=${JOB_QUEUE}`)
        break
      default:
        throw new Error(`payload-jobs has no ${c.op} row`)
    }
    expect(c.expect, 'the jobs queue is never open to the API').toBe('no')
    for (const { what, res, one } of responses) {
      if (c.op === 'run jobs') expectStatusIn(res, REFUSED)
      else if (res.status === 200 && !one) expect(res.body.docs ?? [], `${what}: ${show(res)}`).toEqual([])
      else expectStatusIn(res, one ? REFUSED_BY_ID : REFUSED)
      expect(JSON.stringify(res.body), `${what} shows the job`).not.toContain('messageId')
    }
    // Nothing changed: the parked job is still there, untouched and unrun, and nothing was added.
    const after = await payload.find({ collection: 'payload-jobs', where: { id: { equals: job.id } }, depth: 0, overrideAccess: true })
    const stored = after.docs[0]
    expect(stored, 'the parked job still exists').toBeDefined()
    expect(stored?.queue).toBe(JOB_QUEUE)
    expect(stored?.completedAt ?? null, 'the parked job did not run').toBeNull()
    expect(stored?.processing ?? false).toBe(false)
    expect(stored?.totalTried ?? 0).toBe(0)
    expect(await onQueue(created), 'no job was added').toBe(0)
    const message = await payload.findByID({ collection: 'messages', id: messageId, depth: 0, overrideAccess: true })
    expect({ status: message.status, attempts: message.attempts }, 'its message was not sent').toEqual({ status: 'queued', attempts: 0 })
  } finally {
    await payload.delete({ collection: 'payload-jobs', where: { or: [{ id: { equals: job.id } }, { queue: { in: [JOB_QUEUE, `${JOB_QUEUE}-created`] } }] }, overrideAccess: true })
  }
}

// ─── Setup and the tests ───────────────────────────────────────────────────────────────────────

beforeAll(async () => {
  payload = await getPayload({ config })
  await payload.updateGlobal({
    slug: 'business-settings',
    data: {
      chefCount: 10,
      serviceAreas: [{ zone: 'Test', zips: '10001-10099', travelFeeCents: 0 }],
      timezone: 'America/New_York',
      earliestStart: '11:00',
      latestStart: '22:00',
      leadTimeHours: 48,
      maxAdvanceDays: 365,
      blackoutDates: [],
      minGuests: 1,
      maxGuests: 50,
    },
  })

  // Staff: an admin first (the very first user would become one anyway), then the other roles.
  for (const role of ['admin', 'manager', 'editor', 'chef'] as const) {
    const id = await createStaff(role)
    ids.set(role, id)
    const user = await payload.findByID({ collection: 'users', id, overrideAccess: true })
    emails.set(role, user.email)
  }
  const a = await createCustomer('Customer A', STAFF_NOTE)
  const b = await createCustomer('Customer B')
  ids.set('customer A', a.id)
  ids.set('customer B', b.id)
  emails.set('customer A', a.email)
  emails.set('customer B', b.email)

  // Bookings: found-or-created customer by contact email, so A's and B's belong to them.
  ids.set("A's booking", await createBooking(a.email))
  ids.set("B's booking", await createBooking(b.email))
  ids.set("chef's booking", await createBooking(uniqueEmail('chefguest'), idOf('chef')))
  for (const [fixture, owner] of [["A's booking", a.id], ["B's booking", b.id]] as const) {
    const booking = await payload.findByID({ collection: 'bookings', id: idOf(fixture), depth: 0, overrideAccess: true })
    expect(booking.customer, `${fixture} belongs to its customer`).toBe(owner)
  }
  const chefs = (await payload.findByID({ collection: 'bookings', id: idOf("chef's booking"), depth: 0, overrideAccess: true })).assignedChefs
  expect(chefs).toEqual([idOf('chef')])

  for (const staff of ['admin', 'manager', 'editor', 'chef'] as const) await login(staff, 'users', emailOf(staff))
  await login('customer A', 'customers', a.email)
  await login('customer B', 'customers', b.email)

  ids.set('payment of A', await createPayment(100, `Cash ${RUN}`))
  ids.set('a stripe event', await createStripeEvent())

  // A's booking email as the outbox leaves it once sent (every delivery internal set), then a
  // staff note in the same thread, which makes the note the thread's preview.
  ids.set(
    'message to A',
    await createMessage(a.id, `Hello A ${RUN}`, {
      ...MESSAGE_INTERNALS,
      booking: idOf("A's booking"),
      subject: `Your booking ${RUN}`,
      to: a.email,
      status: 'sent',
      sentAt: '2026-01-02T03:04:05.000Z',
      author: idOf('manager'),
      sealedLinks: SEALED_LINKS,
    }),
  )
  ids.set('note about A', await createMessage(a.id, NOTE_BODY, { channel: 'note', status: 'sent', author: idOf('manager') }))
  ids.set('message to B', await createMessage(b.id, `Hello B ${RUN}`))
  ids.set("A's thread", await threadOf(a.id))
  ids.set("B's thread", await threadOf(b.id))
  await payload.update({ collection: 'threads', id: idOf("A's thread"), data: { title: THREAD_TITLE }, overrideAccess: true })
  const threadA = await payload.findByID({ collection: 'threads', id: idOf("A's thread"), depth: 0, overrideAccess: true })
  expect(threadA.lastPreview, "the note is A's thread's preview").toBe(NOTE_BODY)
  const sealed = await payload.findByID({ collection: 'messages', id: idOf('message to A'), depth: 0, overrideAccess: true, showHiddenFields: true })
  expect(sealed.sealedLinks, 'the sealed links are stored').toBe(SEALED_LINKS)
  ids.set('a template', await createTemplate())
  ids.set('active item', await createMenuItem(true))
  ids.set('inactive item', await createMenuItem(false))
  ids.set('published page', await createPage('published'))
  ids.set('draft page', await createPage('draft'))
  draftedPageId = await createPage('published')
  await payload.update({ collection: 'pages', id: draftedPageId, data: { title: DRAFT_TITLE }, draft: true, overrideAccess: true })
  draftedItemId = await createMenuItem(true)
  await payload.update({ collection: 'menu-items', id: draftedItemId, data: { name: DRAFT_ITEM_NAME, priceCents: 9999 }, draft: true, overrideAccess: true })
  draftOnlyItemId = (await payload.create({ collection: 'menu-items', data: { name: DRAFT_ONLY_ITEM_NAME, category: 'side', priceCents: 9999, pricing: 'flat', active: true }, draft: true, overrideAccess: true })).id

  const introspection = await graphql<{ __schema: { queryType: { fields: { name: string }[] } } }>('{ __schema { queryType { fields { name } } } }', as('admin'))
  settingsVersionsQuery = introspection.data?.__schema.queryType.fields.map((f) => f.name).find((n) => /^versions.*business/i.test(n)) ?? ''
  expect(settingsVersionsQuery, 'GraphQL has a history query for the business settings').not.toBe('')
})

afterAll(async () => {
  // The template's event is unique and booking emails read the row: the next file starts without it.
  const template = ids.get('a template')
  if (template !== undefined) await payload.delete({ collection: 'email-templates', id: template, overrideAccess: true })
})

describe('access matrix', () => {
  const named = CELLS.map((c) => ({ ...c, name: nameOf(c) }))

  it('names every cell uniquely', () => {
    const names = named.map((c) => c.name)
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([])
  })

  it.for(named)('$name', async (c) => {
    await check(c)
  })

  it('has a row for every collection, global and access operation of the built config, and states every operation', async () => {
    const built: SanitizedConfig = await config
    const rows = new Set(CELLS.map((c) => `${c.collection}: ${c.op}`))
    const missingRows: string[] = []
    const unstated: string[] = []
    const isPayloadDefault = (fn: unknown) => typeof fn !== 'function' || fn.name === 'defaultAccess' || fn.name === 'defaultUnlockAccess'
    for (const collection of built.collections) {
      const ops: Op[] = ['read', 'create', 'update', 'delete']
      if (collection.versions) ops.push('read versions')
      if (collection.versions && collection.versions.drafts) ops.push('read drafts')
      if (collection.auth) ops.push('unlock', 'use admin')
      if (!collection.slug.startsWith('payload-') && collection.slug !== 'media') ops.push('graphql read', 'read deep')
      if (collection.versions && !collection.slug.startsWith('payload-')) ops.push('graphql read versions')
      if (collection.slug === 'payload-jobs') ops.push('run jobs')
      for (const op of ops) {
        // Not every collection has a document a depth read could reach through: a row or a reason.
        if (op === 'read deep' && !['bookings', 'messages'].includes(collection.slug)) continue
        if (!rows.has(`${collection.slug}: ${op}`)) missingRows.push(`${collection.slug}: ${op}`)
      }
      const stated: string[] = ['create', 'read', 'update', 'delete', 'readVersions', ...(collection.auth ? ['unlock', 'admin'] : [])]
      const access = collection.access as Record<string, unknown>
      for (const op of stated) if (isPayloadDefault(access[op])) unstated.push(`${collection.slug}.access.${op}`)
    }
    for (const global of built.globals) {
      const ops: Op[] = ['read', 'update', ...(global.versions ? (['read versions', 'graphql read versions'] as const) : [])]
      for (const op of ops) if (!rows.has(`${global.slug}: ${op}`)) missingRows.push(`${global.slug}: ${op}`)
      const access = global.access as Record<string, unknown>
      for (const op of ['read', 'update', 'readVersions']) if (isPayloadDefault(access[op])) unstated.push(`${global.slug}.access.${op}`)
    }
    // The jobs queue's own operations (the REST run route, the Local API's queue and cancel for a user).
    const jobsAccess = (built.jobs.access ?? {}) as Record<string, unknown>
    for (const op of ['run', 'queue', 'cancel']) if (isPayloadDefault(jobsAccess[op])) unstated.push(`jobs.access.${op}`)
    expect(missingRows, 'operations without a row in the matrix').toEqual([])
    expect(unstated, 'operations left to Payload, which allows any signed-in user').toEqual([])
  })
})

describe("a customer reading their own booking's money", () => {
  beforeAll(async () => {
    // Set here, after the matrix: a payment recorded on A's booking (the create cells) clears its last error.
    await payload.update({ collection: 'bookings', id: idOf("A's booking"), data: { payment: { ...PAYMENT_SECRETS } }, overrideAccess: true })
    await payload.update({ collection: 'customers', id: idOf('customer A'), data: { stripeCustomerId: STRIPE_CUSTOMER_ID }, overrideAccess: true })
    const stored = await payload.findByID({ collection: 'bookings', id: idOf("A's booking"), overrideAccess: true, showHiddenFields: true, depth: 0 })
    expect(stored.payment, 'the payment internals are stored').toMatchObject(PAYMENT_SECRETS)
  })

  const secrets = [...Object.values(PAYMENT_SECRETS), STRIPE_CUSTOMER_ID]
  const expectNoSecret = (res: { body: unknown }, what: string) => {
    const text = JSON.stringify(res.body)
    for (const secret of secrets) expect(text, `${what} shows ${secret}`).not.toContain(secret)
  }

  it('sees the amounts, but not the Stripe ids, the last payment error or the link and return hashes', async () => {
    const one = await rest<Doc>('GET', `/bookings/${String(idOf("A's booking"))}?depth=0`, as('customer A'))
    expect(one.status, show(one)).toBe(200)
    const payment = one.body.payment as Record<string, unknown>
    expect(payment.depositPaidCents, show(one)).toBeGreaterThanOrEqual(100)
    for (const key of ['depositSessionId', 'stripePaymentMethodId', 'lastPaymentError', 'balanceLinkTokenHash', 'returnCodeHash', 'returnCodeExpiresAt']) {
      expect(Object.keys(payment), `payment.${key}`).not.toContain(key)
    }
    expectNoSecret(one, 'the booking')
    const deep = await rest<Doc>('GET', `/bookings/${String(idOf("A's booking"))}?depth=3`, as('customer A'))
    expect(deep.status, show(deep)).toBe(200)
    expectNoSecret(deep, 'the booking at depth 3')
    const list = await rest<ListBody>('GET', '/bookings?depth=1&limit=100', as('customer A'))
    expect(list.body.docs?.map((d) => Number(d.id)), show(list)).toContain(idOf("A's booking"))
    expectNoSecret(list, 'the list')
    const gql = await graphql(`{ Bookings { docs { id payment { depositPaidCents depositSessionId stripePaymentMethodId lastPaymentError } } } }`, as('customer A'))
    expectNoSecret({ body: gql }, 'GraphQL')
  })

  it('cannot find the booking by filtering on a hidden or staff-only payment field', async () => {
    for (const [field, value] of [
      ['payment.depositSessionId', PAYMENT_SECRETS.depositSessionId],
      ['payment.lastPaymentError', PAYMENT_SECRETS.lastPaymentError],
      ['payment.balanceLinkTokenHash', PAYMENT_SECRETS.balanceLinkTokenHash],
      ['payment.returnCodeHash', PAYMENT_SECRETS.returnCodeHash],
    ] as const) {
      const probe = await rest<ListBody>('GET', `/bookings?depth=0&where[${field}][equals]=${encodeURIComponent(value)}`, as('customer A'))
      if (probe.status === 200) expect(probe.body.docs ?? [], `a where on ${field} finds nothing`).toEqual([])
      else expectStatusIn(probe, [400, ...REFUSED])
    }
  })

  it("staff see what they need: a manager reads the Stripe ids and the error, never the hashes", async () => {
    const res = await rest<Doc>('GET', `/bookings/${String(idOf("A's booking"))}?depth=0`, as('manager'))
    expect(res.status, show(res)).toBe(200)
    expect(res.body.payment, show(res)).toMatchObject({
      depositSessionId: PAYMENT_SECRETS.depositSessionId,
      stripePaymentMethodId: PAYMENT_SECRETS.stripePaymentMethodId,
      lastPaymentError: PAYMENT_SECRETS.lastPaymentError,
    })
    const text = JSON.stringify(res.body)
    expect(text).not.toContain(PAYMENT_SECRETS.balanceLinkTokenHash)
    expect(text).not.toContain(PAYMENT_SECRETS.returnCodeHash)
  })

  it('does not see their own Stripe customer id; a manager does', async () => {
    const own = await rest<Doc>('GET', `/customers/${String(idOf('customer A'))}?depth=0`, as('customer A'))
    expect(own.status, show(own)).toBe(200)
    expect(Object.keys(own.body)).not.toContain('stripeCustomerId')
    expectNoSecret(own, 'the account')
    const me = await rest<{ user?: Doc }>('GET', '/customers/me', as('customer A'))
    expect(me.status, show(me)).toBe(200)
    expect(me.body.user?.email, show(me)).toBe(emailOf('customer A'))
    expectNoSecret(me, '/customers/me')
    const probe = await rest<ListBody>('GET', `/customers?depth=0&where[stripeCustomerId][equals]=${STRIPE_CUSTOMER_ID}`, as('customer A'))
    if (probe.status === 200) expect(probe.body.docs ?? [], 'a where on stripeCustomerId finds nothing').toEqual([])
    else expectStatusIn(probe, [400, ...REFUSED])
    const staff = await rest<Doc>('GET', `/customers/${String(idOf('customer A'))}?depth=0`, as('manager'))
    expect(staff.body.stripeCustomerId, show(staff)).toBe(STRIPE_CUSTOMER_ID)
  })

  it("never sees a one-time sign-in link's hash, and staff do not either", async () => {
    const hash = `loginlinkhash${RUN}`
    await payload.update({ collection: 'customers', id: idOf('customer A'), data: { loginLinkHash: hash, loginLinkExpiresAt: new Date(Date.now() + 600_000).toISOString() }, overrideAccess: true })
    const stored = await payload.findByID({ collection: 'customers', id: idOf('customer A'), depth: 0, overrideAccess: true, showHiddenFields: true })
    expect(stored.loginLinkHash, 'the hash is stored').toBe(hash)
    for (const actor of ['customer A', 'manager', 'admin'] as const) {
      const one = await rest<Doc>('GET', `/customers/${String(idOf('customer A'))}?depth=0`, as(actor))
      expect(one.status, show(one)).toBe(200)
      expect(Object.keys(one.body), actor).not.toContain('loginLinkHash')
      expect(JSON.stringify(one.body), actor).not.toContain(hash)
      const probe = await rest<ListBody>('GET', `/customers?depth=0&where[loginLinkHash][equals]=${hash}`, as(actor))
      if (probe.status === 200) expect(probe.body.docs ?? [], `${actor}: a where on loginLinkHash finds nothing`).toEqual([])
      else expectStatusIn(probe, [400, ...REFUSED])
    }
    const me = await rest<{ user?: Doc }>('GET', '/customers/me', as('customer A'))
    expect(me.body.user?.email, show(me)).toBe(emailOf('customer A'))
    expect(JSON.stringify(me.body)).not.toContain(hash)
    const gql = await graphql(`{ Customers { docs { id email loginLinkHash } } }`, as('manager'))
    expect(JSON.stringify(gql)).not.toContain(hash)
  })
})
