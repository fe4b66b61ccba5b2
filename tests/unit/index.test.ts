import { describe, expect, it } from 'vitest'
import * as domain from '../../src/domain'

describe('domain entry point', () => {
  it('exposes every business-rule module from one import', () => {
    const names = [
      'DomainError',
      'ValidationError',
      'ConflictError',
      'NotFoundError',
      'ForbiddenError',
      'fromZodError',
      'DEFAULT_SETTINGS',
      'parseSettings',
      'localToInstant',
      'instantToLocal',
      'todayInZone',
      'addDaysToDate',
      'isRealDate',
      'eachDate',
      'parseHHMM',
      'formatHHMM',
      'timeSchema',
      'dateSchema',
      'guestsSchema',
      'addressSchema',
      'menuSelectionSchema',
      'contactSchema',
      'quoteRequestSchema',
      'bookingCreateSchema',
      'availabilityQuerySchema',
      'rescheduleSchema',
      'cancelSchema',
      'parseOrThrow',
      'validateEventRequest',
      'findServiceZone',
      'computeQuote',
      'chefsNeeded',
      'blockedRange',
      'computeAvailability',
      'remainingUnitsAt',
      'BOOKING_STATUSES',
      'ACTIVE_STATUSES',
      'canTransition',
      'assertTransition',
      'refundForCancellation',
      'canReschedule',
    ]
    const missing = names.filter((n) => !(n in domain) || (domain as Record<string, unknown>)[n] === undefined)
    expect(missing).toEqual([])
  })
})
