/**
 * Assembles Payload: collections, globals, endpoints, database, editor, logger. Nothing else lives
 * here — rules are in src/domain, wiring in the collection folders.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { postgresAdapter, type PostgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig, type Config } from 'payload'
import sharp from 'sharp'

import { Bookings } from './src/collections/Bookings'
import { Customers } from './src/collections/Customers'
import { Media } from './src/collections/Media'
import { MenuItems } from './src/collections/MenuItems'
import { Messages } from './src/collections/Messages'
import { Pages } from './src/collections/Pages'
import { Users } from './src/collections/Users'
import { availabilityEndpoint } from './src/endpoints/availability'
import { liveEndpoint, readyEndpoint } from './src/endpoints/health'
import { quoteEndpoint } from './src/endpoints/quote'
import { clientErrorsEndpoint, vitalsEndpoint } from './src/endpoints/reports'
import { BusinessSettings } from './src/globals/BusinessSettings'
import { env } from './src/lib/env'
import { logger } from './src/lib/logger'
import { mapDatabaseErrors } from './src/lib/payload-errors'
import { onShutdown } from './src/lib/process-registry'

const dirname = path.dirname(fileURLToPath(import.meta.url))
const config = env()
const log = logger.child({ module: 'payload' })

export default buildConfig({
  serverURL: config.PUBLIC_SERVER_URL,
  secret: config.PAYLOAD_SECRET,
  admin: {
    user: Users.slug,
    avatar: 'default',
    importMap: { baseDir: path.resolve(dirname, 'src') },
    meta: { titleSuffix: ' — MyHibachi admin' },
  },
  collections: [Users, Customers, Bookings, Messages, MenuItems, Pages, Media],
  globals: [BusinessSettings],
  endpoints: [liveEndpoint, readyEndpoint, availabilityEndpoint, quoteEndpoint, clientErrorsEndpoint, vitalsEndpoint],
  hooks: { afterError: [mapDatabaseErrors] },
  // Expected refusals are not errors of ours: keep them out of the error log.
  // Payload looks levels up by error name at run time; its type lists only its own names.
  loggingLevels: {
    ConflictError: 'info',
    ValidationError: 'info',
    Forbidden: 'info',
    NotFound: 'info',
    AuthenticationError: 'info',
    LockedAuth: 'warn',
  } as NonNullable<Config['loggingLevels']>,
  editor: lexicalEditor(),
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
  typescript: { outputFile: path.resolve(dirname, 'src/payload-types.ts') },
  telemetry: false,
  graphQL: { disablePlaygroundInProduction: true },
  onInit: (payload) => {
    const db = payload.db as unknown as PostgresAdapter
    // pg emits 'error' on idle clients when the server goes away; unhandled, it would crash the
    // process. The pool drops the broken client and reconnects on the next query.
    // Only message and code: pg's error carries the client object, connection settings included.
    db.pool.on('error', (err: Error & { code?: string }) => log.error({ error: err.message, code: err.code }, 'idle database connection failed'))
    onShutdown('payload-db', () => payload.destroy())
  },
})
