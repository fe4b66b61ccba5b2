/** Every task of Payload's jobs queue, for payload.config.ts. */
import { bookingEmailTask } from './bookingEmail'
import { sendMessageTask } from './sendMessage'

export const tasks = [sendMessageTask, bookingEmailTask]
