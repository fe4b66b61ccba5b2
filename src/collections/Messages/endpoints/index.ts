/**
 * The messaging endpoints mounted at the API root (providers call them at fixed paths): Twilio's
 * inbound-SMS and status webhooks (twilio.ts), and the inbound-email parse POST (inboundEmail.ts).
 * Each authenticates its provider itself (a signature or a shared secret); none takes a user.
 */
import type { Endpoint } from 'payload'

import { inboundEmailEndpoint } from './inboundEmail'
import { twilioSmsEndpoint, twilioStatusEndpoint } from './twilio'

export const messagingEndpoints: Endpoint[] = [twilioSmsEndpoint, twilioStatusEndpoint, inboundEmailEndpoint]
