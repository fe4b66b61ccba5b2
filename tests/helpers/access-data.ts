/**
 * Data for the access-matrix integration test: unique markers, booking dates in the business time
 * zone (150–200 days ahead, so lead time, advance limit and other test files' bookings never get in
 * the way), and request bodies that pass the collections' own validation.
 */
import { randomBytes } from 'node:crypto'
import { dateAhead } from './bookings-fixtures'

/** This run's suffix: every email, slug and marker carries it, so a shared database never collides. */
export const RUN = randomBytes(4).toString('hex')

let counter = 0

/** A new lower-case token unique to this run, e.g. `am3f9c2a1b-7`. */
export function unique(prefix = 'am'): string {
  counter += 1
  return `${prefix}${RUN}-${String(counter)}`
}

export function uniqueEmail(who: string): string {
  return `${unique(who.replace(/[^a-z0-9]/gi, '').toLowerCase())}@access-matrix.test`
}

const FIRST_DAY = 150
const LAST_DAY = 200
const START_TIMES = ['12:00', '15:00', '18:00'] as const
let slot = Math.floor(Math.random() * (LAST_DAY - FIRST_DAY + 1))

/** The next (date, time) of this run: a different day each call, cycling within 150–200 days ahead. */
function nextSlot(): { eventDate: string; startTime: string } {
  slot += 1
  const day = FIRST_DAY + (slot % (LAST_DAY - FIRST_DAY + 1))
  return { eventDate: dateAhead(day), startTime: START_TIMES[slot % START_TIMES.length] ?? '12:00' }
}

/** A storefront booking request for 4 adults in the test service area (ZIP 10001). */
export function bookingRequest(email: string, name = 'Access Matrix') {
  return {
    ...nextSlot(),
    contact: { name, email, phone: '212 555 0100' },
    guests: { adults: 4, children: 0 },
    address: { street: '1 Test Street', city: 'New York', state: 'NY', zip: '10001' },
  }
}
