import { describe, expect, it } from 'vitest'

import { bookingConflictFromDatabase, PAYMENTS_BOOKING_FK, SQLSTATE_CHEF_BUSY, SQLSTATE_SLOT_FULL } from '../../src/collections/Bookings/databaseErrors'

/** A pg error as drizzle wraps it (the pg error is the cause). */
const wrapped = (code: string, constraint?: string) => Object.assign(new Error('Failed query'), { cause: Object.assign(new Error('pg'), { code, constraint }) })

describe("the database's refusals of a booking write", () => {
  it('names the capacity and chef triggers', () => {
    expect(bookingConflictFromDatabase(wrapped(SQLSTATE_SLOT_FULL))?.reason).toBe('slot_full')
    expect(bookingConflictFromDatabase(wrapped(SQLSTATE_CHEF_BUSY))?.reason).toBe('chef_unavailable')
  })

  it('reads deleting a booking that has payments as has_payments, whichever code the server version uses', () => {
    // PostgreSQL 15 (this machine's) reports 23503; 18 (the embedded one) 23001 for ON DELETE RESTRICT.
    for (const code of ['23503', '23001']) expect(bookingConflictFromDatabase(wrapped(code, PAYMENTS_BOOKING_FK))?.reason, code).toBe('has_payments')
    expect(bookingConflictFromDatabase(wrapped('23503', 'some_other_fk'))).toBeUndefined()
    expect(bookingConflictFromDatabase(new Error('not a database error'))).toBeUndefined()
  })
})
