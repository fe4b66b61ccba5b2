/**
 * Every key our code keeps on `req.context` (Payload's per-request side channel between an
 * endpoint and the hooks it triggers), declared once here by augmenting Payload's RequestContext,
 * so a key is typed wherever it is read or set. A new key is added here or nowhere.
 * Must never carry anything into a response or a log by itself: hooks decide what leaves.
 */
import type { BusinessSettings } from '../domain'

declare module 'payload' {
  interface RequestContext {
    /** The booking hook's plain manage-link token on create; returned once, in the create response. */
    manageToken?: string
    /** The reason a customer gave through the manage link's cancel; the booking hook records it. */
    cancelReason?: string
    /**
     * Set by the seed and bulk writes: the cache-purge hooks do nothing, and the caller purges
     * once when it is done (one purge instead of one per document).
     */
    skipPurge?: boolean
    /**
     * Set by the seed: its demo bookings queue no booking emails (src/collections/Messages/
     * bookingEmails.ts), so a fresh database does not mail its made-up customers.
     */
    skipBookingEmails?: boolean
    /** The business settings read once per request (src/globals/BusinessSettings/load.ts). */
    settings?: Promise<BusinessSettings>
    /** This request runs Payload's resetPassword operation (src/collections/Customers/hooks/verifyOnPasswordReset.ts). */
    resettingPassword?: boolean
    /**
     * A write by the payment system (webhook, refund, job), not a staff entry: the payments hooks
     * then take the record as given, and booking writes keep their payment fields.
     */
    paymentSystem?: boolean
    /** The customer whose email change needs a confirmation mail, with its token. */
    reverify?: { id: number | string; token: string }
  }
}

/** Whether cache-purge hooks should run for this request (not when the caller purges once itself). */
export function shouldPurge(context: { skipPurge?: boolean }): boolean {
  return context.skipPurge !== true
}
