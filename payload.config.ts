/**
 * Assembles Payload: collections, globals, endpoints, database, editor, logger. Nothing else lives
 * here — rules are in src/domain, wiring in the collection folders.
 */
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { postgresAdapter, type PostgresAdapter } from '@payloadcms/db-postgres'
import { buildConfig, type Config } from 'payload'
import sharp from 'sharp'

import { staffOnlyGraphQLMutations } from './src/access/graphqlMutations'
import { lockDownInternalCollections } from './src/access/internalCollections'
import { collections } from './src/collections'
import { bookingConflictFromDatabase } from './src/collections/Bookings/databaseErrors'
import { Users } from './src/collections/Users'
import { rootEndpoints } from './src/endpoints'
import { richTextEditor } from './src/fields/richTextEditor'
import { globals } from './src/globals'
import { tasks } from './src/jobs'
import { surfaceCommitFailures } from './src/infra/db'
import { guardPoolClients } from './src/infra/db-outage'
import { emailAdapter } from './src/infra/email'
import { trackDatabasePool } from './src/infra/metrics'
import { env } from './src/server/env'
import { logger } from './src/server/logger'
import { mapDatabaseErrors } from './src/http/errors'
import { onShutdown } from './src/server/process-registry'

const dirname = path.dirname(fileURLToPath(import.meta.url))
const config = env()
const log = logger.child({ module: 'payload' })

// Payload's own collections (locks, preferences, migrations, key-value store) are locked down once they exist.
export default buildConfig({
  serverURL: config.PUBLIC_SERVER_URL,
  secret: config.PAYLOAD_SECRET,
  admin: {
    user: Users.slug,
    avatar: 'default',
    importMap: { baseDir: path.resolve(dirname, 'src') },
    meta: { titleSuffix: ' — MyHibachi admin' },
    components: {
      // The staff inbox (managers and admins; the view checks): threads, replies, assignment.
      views: {
        inbox: { Component: '/components/admin/inbox/InboxView#InboxView', path: '/inbox', exact: true, meta: { title: 'Inbox' } },
        // The first screen after sign-in: figures for managers and admins, content links for editors, "My schedule" for chefs.
        dashboard: { Component: '/components/admin/dashboard/DashboardView#DashboardView' },
        // Back office: a chef's events (chefs only) and the kitchen's daily prep list (chefs, managers, admins; the views check).
        mySchedule: { Component: '/components/admin/backoffice/MyScheduleView#MyScheduleView', path: '/my-schedule', exact: true, meta: { title: 'My schedule' } },
        prepList: { Component: '/components/admin/backoffice/PrepListView#PrepListView', path: '/prep-list', exact: true, meta: { title: 'Prep list' } },
        // The chef calendar (managers and admins; the view checks): bookings by chef, assign by drag or keyboard.
        calendar: { Component: '/components/admin/calendar/CalendarView#CalendarView', path: '/calendar', exact: true, meta: { title: 'Calendar' } },
      },
      beforeNavLinks: [
        '/components/admin/inbox/InboxNavLink#InboxNavLink',
        '/components/admin/calendar/CalendarNavLink#CalendarNavLink',
        '/components/admin/backoffice/BackofficeNavLinks#BackofficeNavLinks',
      ],
    },
  },
  collections,
  globals,
  // Root paths (/api/availability, /api/quote, /api/stripe/webhook, /api/openapi.json…): src/endpoints/index.ts.
  endpoints: rootEndpoints,
  // Database refusals that escape a hook answer 409/400 (the bookings collection names its own).
  hooks: { afterError: [mapDatabaseErrors([bookingConflictFromDatabase])] },
  // Expected refusals are not errors of ours: keep them out of the error log.
  // Payload looks levels up by error name at run time; its type lists only its own names.
  loggingLevels: {
    ConflictError: 'info',
    ValidationError: 'info',
    Forbidden: 'info',
    NotFound: 'info',
    AuthenticationError: 'info',
    UnverifiedEmail: 'info',
    LockedAuth: 'warn',
    // A client that went away mid-body (src/http/body.ts): nothing of ours failed.
    ClientClosedRequest: 'info',
  } as NonNullable<Config['loggingLevels']>,
  // The jobs queue: emails, texts and scheduled booking emails. Run only by the runner that holds
  // the advisory lock (src/jobs/runner.ts), never by a request: the REST run/queue/cancel routes
  // are closed, and finished jobs are deleted (their effects are in `messages`).
  jobs: {
    tasks,
    deleteJobOnComplete: true,
    access: { run: () => false, queue: () => false, cancel: () => false },
  },
  editor: richTextEditor(),
  // Verification and password-reset mail: SMTP_URL, or .data/outbox/*.eml outside production.
  email: emailAdapter({ smtpUrl: config.SMTP_URL, from: config.EMAIL_FROM }),
  db: postgresAdapter({
    pool: {
      connectionString: config.DATABASE_URI,
      max: config.DB_POOL_MAX,
      idleTimeoutMillis: config.DB_IDLE_TIMEOUT_MS,
      connectionTimeoutMillis: config.DB_CONNECT_TIMEOUT_MS,
      statement_timeout: config.DB_STATEMENT_TIMEOUT_MS,
      application_name: 'myhibachi',
    },
    push: false,
    migrationDir: path.resolve(dirname, 'migrations'),
  }),
  sharp,
  logger: log,
  // Types are generated on purpose (`npm run generate:types`) and committed; a dev start must not
  // rewrite them behind the developer's back (and spend a core doing it).
  typescript: { outputFile: path.resolve(dirname, 'src/payload-types.ts'), autoGenerate: false },
  telemetry: false,
  // Public writes go through REST only (rate limits, Idempotency-Key): GraphQL mutations are staff-only.
  graphQL: { disablePlaygroundInProduction: true, validationRules: staffOnlyGraphQLMutations },
  onInit: (payload) => {
    const db = payload.db as unknown as PostgresAdapter
    // pg emits 'error' on idle clients when the server goes away; unhandled, it would crash the
    // process. The pool drops the broken client and reconnects on the next query.
    // Only message and code: pg's error carries the client object, connection settings included.
    db.pool.on('error', (err: Error & { code?: string }) => log.error({ error: err.message, code: err.code }, 'idle database connection failed'))
    // The same for a connection a request holds (src/infra/db-outage.ts): its request fails with a
    // 503, and the process does not get an uncaught exception.
    guardPoolClients(db.pool, log)
    // A COMMIT that failed fails the request (Payload's adapter would answer success): src/infra/db.ts.
    surfaceCommitFailures(db, log)
    // Its connections count in the pool gauges of the metrics (Next's Payload and the server's own).
    trackDatabasePool(db.pool)
    // Unique per instance: the server's background jobs run a Payload of their own beside Next's.
    onShutdown(`payload-db:${randomUUID()}`, () => payload.destroy())
  },
}).then(lockDownInternalCollections)
