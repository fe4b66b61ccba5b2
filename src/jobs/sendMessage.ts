/**
 * The `sendMessage` task: one attempt at sending a queued email or text
 * (src/collections/Messages/delivery.ts). Retries are Payload's, with exponential backoff from
 * MESSAGE_RETRY_DELAY_MS; how many attempts a message gets is counted on the message itself
 * (MESSAGE_SEND_ATTEMPTS), which then turns `failed` and stops. Idempotent: a message already
 * sent is skipped.
 */
import type { TaskConfig } from 'payload'

import { sendQueuedMessage } from '../collections/Messages/delivery'
import { env } from '../server/env'
import { logFailures } from './logged'

export const sendMessageTask: TaskConfig<{ input: { messageId: number }; output: { outcome: string } }> = {
  slug: 'sendMessage',
  label: 'Send a message',
  inputSchema: [{ name: 'messageId', type: 'number', required: true }],
  outputSchema: [{ name: 'outcome', type: 'text', required: true }],
  // More than the message's own budget: the message decides when to stop (a crash may skip a count).
  retries: { attempts: env().MESSAGE_SEND_ATTEMPTS + 2, backoff: { type: 'exponential', delay: env().MESSAGE_RETRY_DELAY_MS } },
  handler: async ({ input, job, req }) => ({ output: { outcome: await logFailures('sendMessage', job.id, () => sendQueuedMessage(req.payload, req, input.messageId)) } }),
}
