/**
 * Reports from browsers (src/client/report.ts sends them with navigator.sendBeacon):
 *   POST /api/client-errors → 204; one `error` log line (module 'client') with the request ID
 *   POST /api/vitals        → 204; observed in the `myhibachi_web_vitals` histogram (src/infra/metrics.ts,
 *                             served on the metrics listener), logged at debug
 * Bodies are JSON (application/json or text/plain), at most 16 kB (413 beyond), checked strictly
 * (400 naming the field). Rate limited as 'reports' by the HTTP server (src/infra/rate-limit.ts).
 * Must never log personal data: e-mail addresses, phone numbers and manage-link tokens are
 * scrubbed from every text a browser sends before it is logged.
 */
import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { parseOrThrow } from '../domain'
import { jsonBody } from '../http/body'
import { errorBody, jsonResponse, refusal } from '../http/responses'
import { observeWebVital } from '../infra/metrics'
import { logger } from '../server/logger'
import { scrubText } from '../domain/redact'

const clientLog = logger.child({ module: 'client' })
const vitalsLog = logger.child({ module: 'vitals' })

const MAX_REPORT_BYTES = 16 * 1024

export const clientErrorSchema = z
  .object({
    kind: z.enum(['boundary', 'route', 'global', 'unhandled', 'rejection']),
    message: z.string().max(1000),
    name: z.string().max(100).optional(),
    stack: z.string().max(4000).optional(),
    digest: z.string().max(100).optional(),
    component: z.string().max(100).optional(),
    path: z.string().max(300),
  })
  .strict()

export const vitalSchema = z
  .object({
    name: z.enum(['CLS', 'FCP', 'INP', 'LCP', 'TTFB']),
    // zod 4 numbers are finite already (and JSON has no NaN or Infinity).
    value: z.number().min(0),
    rating: z.enum(['good', 'needs-improvement', 'poor']),
    id: z.string().max(100),
    path: z.string().max(300),
    navigationType: z.string().max(30).optional(),
  })
  .strict()

// The scrubbing of every text a browser sends (e-mail addresses, phone numbers, link tokens) is
// the one error reports use too.
export { scrubText }

const JSON_TYPES = ['application/json', 'text/plain', '']

/** Reads, size-checks and parses a report; a Response when the request is refused. */
async function readReport<T>(req: PayloadRequest, schema: z.ZodType<T>): Promise<T | Response> {
  const type = (req.headers.get('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (!JSON_TYPES.includes(type)) {
    return jsonResponse({ status: 415, body: errorBody('UnsupportedMediaType', 'Send the report as JSON (application/json or text/plain).') })
  }
  try {
    return parseOrThrow(schema, await jsonBody(req, MAX_REPORT_BYTES))
  } catch (err) {
    return jsonResponse(refusal(err))
  }
}

/** POST `path`: a report checked with `schema`, handed to `record`, answered 204. */
function reportEndpoint<T>(path: string, schema: z.ZodType<T>, record: (report: T) => void): Endpoint {
  return {
    path,
    method: 'post',
    handler: async (req) => {
      const report = await readReport(req, schema)
      if (report instanceof Response) return report
      record(report)
      return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } })
    },
  }
}

export const clientErrorsEndpoint = reportEndpoint('/client-errors', clientErrorSchema, (report) => {
  clientLog.error(
    {
      kind: report.kind,
      error: {
        name: report.name === undefined ? undefined : scrubText(report.name),
        message: scrubText(report.message),
        stack: report.stack === undefined ? undefined : scrubText(report.stack),
        digest: report.digest,
      },
      component: report.component === undefined ? undefined : scrubText(report.component),
      path: scrubText(report.path),
    },
    'browser error',
  )
})

export const vitalsEndpoint = reportEndpoint('/vitals', vitalSchema, (report) => {
  observeWebVital(report.name, report.rating, report.value)
  vitalsLog.debug(
    { vital: report.name, value: report.value, rating: report.rating, path: scrubText(report.path), navigationType: report.navigationType },
    'web vital',
  )
})
