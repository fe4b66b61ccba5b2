/**
 * The endpoints mounted at the API root (/api/<path>), in one list for payload.config.ts and for
 * the test that holds the API document to them (tests/unit/openapi.test.ts). The booking and
 * payment endpoints that read no one booking live in the bookings and payments folders but are
 * mounted here, where the storefront and the providers have always called them.
 */
import type { Endpoint } from 'payload'

import { availabilityEndpoint } from '../collections/Bookings/endpoints/availability'
import { quoteEndpoint } from '../collections/Bookings/endpoints/quote'
import { messagingEndpoints } from '../collections/Messages/endpoints'
import { stripeWebhookEndpoint } from '../collections/Payments/endpoints/webhook'
import { dashboardEndpoint } from './dashboard'
import { errorTrackingEndpoint } from './error-tracking'
import { liveEndpoint, readyEndpoint } from './health'
import { openapiEndpoint } from './openapi'
import { clientErrorsEndpoint, vitalsEndpoint } from './reports'

export const rootEndpoints: Endpoint[] = [
  liveEndpoint,
  readyEndpoint,
  availabilityEndpoint,
  quoteEndpoint,
  clientErrorsEndpoint,
  vitalsEndpoint,
  errorTrackingEndpoint,
  stripeWebhookEndpoint,
  ...messagingEndpoints,
  openapiEndpoint,
  // Staff only (managers, admins): the back-office dashboard's figures.
  dashboardEndpoint,
]
