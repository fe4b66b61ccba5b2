/**
 * The customers collection's own endpoints (under /api/customers): email-link sign-in, the
 * signed-in customer's account actions, and staff's anonymising of an account. Payload's own auth
 * routes (login, logout, me, verify, forgot/reset password) stay as they are.
 */
import type { Endpoint } from 'payload'

import { anonymiseEndpoint } from './anonymise'
import { customersCsvEndpoint } from './exportCsv'
import { redeemLoginLinkEndpoint, requestLoginLinkEndpoint } from './loginLink'
import { accountMessageEndpoint, deletionRequestEndpoint, exportEndpoint, manageLinkEndpoint } from './me'

export const customerEndpoints: Endpoint[] = [
  requestLoginLinkEndpoint,
  redeemLoginLinkEndpoint,
  manageLinkEndpoint,
  accountMessageEndpoint,
  exportEndpoint,
  deletionRequestEndpoint,
  anonymiseEndpoint,
  // Staff: the customers list as CSV (managers and admins).
  customersCsvEndpoint,
]
