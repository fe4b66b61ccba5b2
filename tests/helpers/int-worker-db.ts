/**
 * Integration files run two at a time (vitest `int` project, `maxWorkers`), each vitest worker on
 * a database of its own: a copy of the run's migrated database made by the global setup
 * (int-global-setup.ts, `CREATE DATABASE … TEMPLATE`), named `<run database>_w<worker>`. Redis
 * keys get a per-worker prefix too. Files in one worker run one after another, as before, so the
 * day-per-file convention still keeps them apart; files in different workers share nothing but
 * the servers.
 * Runs before each file's own imports, so the Payload config and env() read these values.
 */
import { workerDatabaseUri, workerRedisPrefix } from './int-workers'

const worker = Number(process.env.VITEST_POOL_ID ?? '1')
const base = process.env.INT_RUN_DATABASE_URI ?? process.env.DATABASE_URI
if (!base) throw new Error('DATABASE_URI is unset: run the integration tests with `npm run test:int`')
process.env.INT_RUN_DATABASE_URI = base
process.env.DATABASE_URI = workerDatabaseUri(base, worker)
process.env.INT_RUN_REDIS_KEY_PREFIX ??= process.env.REDIS_KEY_PREFIX ?? ''
process.env.REDIS_KEY_PREFIX = workerRedisPrefix(process.env.INT_RUN_REDIS_KEY_PREFIX, worker)
