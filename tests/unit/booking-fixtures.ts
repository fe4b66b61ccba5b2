// Fixtures the booking-form unit tests share (not a test file itself).
import { emptyDraft, type BookingFormConfig, type Draft } from '../../src/components/booking/draft'

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

/** The booking form's settings as /book hands them over; each test adds what it is about. */
export function formConfig(overrides: Partial<BookingFormConfig> = {}): BookingFormConfig {
  return {
    businessName: 'MyHibachi',
    timezone: 'America/New_York',
    zoneName: 'Eastern Time',
    currency: 'usd',
    firstDate: '2026-06-01',
    lastDate: '2027-06-01',
    datesValidUntil: Date.UTC(2026, 5, 2, 4),
    minGuests: 2,
    maxGuests: 40,
    childMaxAge: 12,
    serviceAreas: [{ zone: 'Manhattan', zips: ['10001', '10002'], travelFeeCents: 0 }],
    phone: null,
    menu: [
      { id: '7', name: 'Filet Mignon', description: '', category: 'upgrade', priceCents: 1500, pricing: 'per_guest' },
      { id: 'gyoza', name: 'Gyoza (12 pc)', description: '', category: 'add-on', priceCents: 1200, pricing: 'flat' },
    ],
    ...overrides,
  }
}
