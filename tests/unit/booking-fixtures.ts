// Fixtures the booking-form unit tests share (not a test file itself).
import { emptyDraft, type Draft } from '../../src/components/booking/draft'

/** A draft a customer filled in completely, ready for review. */
export function completeDraft(overrides: Partial<Draft> = {}): Draft {
  return {
    ...emptyDraft(),
    step: 'review',
    eventDate: '2026-12-04',
    startTime: '17:30',
    adults: 8,
    children: 2,
    address: { street: '350 5th Ave', city: 'New York', state: 'NY', zip: '10001' },
    contact: { name: 'Ada Lovelace', email: 'ada@example.com', phone: '212-555-0199' },
    ...overrides,
  }
}
