/**
 * GET /api/error-tracking — what the browser needs to report its errors to the same Sentry
 * project as the server (src/client/error-tracking.ts asks once per page load):
 * `{ dsn: null }` while SENTRY_DSN is unset (the browser then loads no SDK and sends nothing), else
 * `{ dsn, release, environment, tracesSampleRate }`. Read at run time, not built into the bundle,
 * so unsetting SENTRY_DSN on the server turns the browser side off without a rebuild. A DSN is
 * public by design (it only lets a client send events to the project). Cached by browsers for
 * CACHE_SECONDS, so a change reaches open sessions within that.
 */
import type { Endpoint } from 'payload'
import { z } from 'zod'

import { browserErrorTracking } from '../server/error-tracking'

export const CACHE_SECONDS = 300

/** The answer's shape (the OpenAPI document shows it; tests parse with it). */
export const errorTrackingConfigSchema = z
  .object({
    dsn: z.string().nullable().describe('The Sentry DSN, or null: error tracking is off'),
    release: z.string().optional(),
    environment: z.string().optional(),
    tracesSampleRate: z.number().min(0).max(1).optional(),
  })
  .strict()

export const errorTrackingEndpoint: Endpoint = {
  path: '/error-tracking',
  method: 'get',
  handler: () => Response.json(errorTrackingConfigSchema.parse(browserErrorTracking()), { headers: { 'Cache-Control': `public, max-age=${CACHE_SECONDS}` } }),
}
