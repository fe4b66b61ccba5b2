/**
 * A staff reply from the inbox, as the business says it: staff answer a thread by email, by text
 * or with an internal note (kept in the thread, sent to nobody); a message needs words, at most
 * REPLY_MAX characters; only an email has a subject, and without one it answers the last email's
 * subject ("Re: …") or says who it is from. It may name one booking it is about. Pure rules only:
 * which address it goes to, and whether that booking is the customer's, are decided by the caller.
 */
import { z } from 'zod'

import { recordId } from '../schemas'
import { REPLY_CHANNELS, REPLY_MAX } from './index'

/** Longest email subject kept (the messages collection's limit). */
export const SUBJECT_MAX = 300

export const replySchema = z
  .object({
    channel: z.enum(REPLY_CHANNELS, { error: 'Choose email, sms, note or chat' }),
    body: z
      .string({ error: 'Write a message' })
      .trim()
      .min(1, { message: 'Write a message' })
      .max(REPLY_MAX, { message: `A reply may be at most ${REPLY_MAX} characters` }),
    subject: z.string({ error: 'The subject must be text' }).trim().max(SUBJECT_MAX, { message: `A subject may be at most ${SUBJECT_MAX} characters` }).nullish(),
    bookingId: recordId.nullish(),
  })
  .strict()
  .superRefine((reply, ctx) => {
    if (reply.channel !== 'email' && reply.subject) {
      ctx.addIssue({ code: 'custom', path: ['subject'], message: 'Only an email has a subject' })
    }
  })

export type ReplyInput = z.infer<typeof replySchema>

/**
 * The subject of a staff email when staff leave it empty: "Re: " and the thread's last email
 * subject (once: never "Re: Re: …"), or "Message from <business>" when there was none.
 */
export function defaultReplySubject(lastSubject: string | null | undefined, businessName: string): string {
  const last = lastSubject?.replace(/\s+/g, ' ').trim()
  if (!last) return `Message from ${businessName}`.slice(0, SUBJECT_MAX)
  const bare = last.replace(/^(re:\s*)+/i, '')
  return `Re: ${bare}`.slice(0, SUBJECT_MAX)
}
