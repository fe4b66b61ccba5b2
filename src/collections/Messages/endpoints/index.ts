/**
 * The messaging endpoints mounted at the API root (providers call them at fixed paths): Twilio's
 * inbound-SMS and status webhooks, and the inbound-email parse POST.
 */
import type { Endpoint } from 'payload'

export const messagingEndpoints: Endpoint[] = []
