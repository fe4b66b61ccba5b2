/**
 * The back office's booking endpoints: a chef's completed/no-show mark, the list's bulk
 * confirm/cancel and its CSV export. Listed before Payload's own /:id routes, so /bulk and
 * /export.csv are never read as ids.
 */
import type { Endpoint } from 'payload'

import { bulkEndpoint } from './bulk'
import { chefOutcomeEndpoint } from './chefOutcome'
import { bookingsCsvEndpoint } from './exportCsv'

export const backofficeEndpoints: Endpoint[] = [chefOutcomeEndpoint, bulkEndpoint, bookingsCsvEndpoint]
