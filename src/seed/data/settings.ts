/**
 * The seed's business settings: the domain's default rules plus New York's service area, contact
 * details, holidays and terms, as the `business-settings` global stores them. Pure data and pure
 * date arithmetic (callers pass "today"); must never do I/O.
 */
import { DEFAULT_SETTINGS } from '../../domain'
import { settingsDocFields } from '../../globals/BusinessSettings/fromDoc'

export const BUSINESS_PHONE = '(212) 555-0147'
export const BUSINESS_PHONE_TEL = 'tel:+12125550147'
export const BUSINESS_EMAIL = 'hello@myhibachi.example'
export const TIMEZONE = DEFAULT_SETTINGS.timezone

export const SERVICE_AREAS = [
  { zone: 'Manhattan core (10001–10099)', zips: '10001-10099', travelFeeCents: 0 },
  { zone: 'Upper East Side & 101xx (10100–10199)', zips: '10100-10199', travelFeeCents: 2500 },
  { zone: 'Battery Park City & 102xx (10200–10299)', zips: '10200-10299', travelFeeCents: 4000 },
] as const

/** The next occurrence of month-day `mmdd` ('12-25') on or after `today` ('YYYY-MM-DD'). */
export function nextOccurrence(today: string, mmdd: string): string {
  const year = Number(today.slice(0, 4))
  const thisYear = `${String(year).padStart(4, '0')}-${mmdd}`
  return thisYear >= today ? thisYear : `${String(year + 1).padStart(4, '0')}-${mmdd}`
}

/** Christmas Day and New Year's Day, the upcoming ones. */
export function blackoutDates(today: string): { date: string; reason: string }[] {
  return [
    { date: nextOccurrence(today, '12-25'), reason: 'Christmas Day' },
    { date: nextOccurrence(today, '01-01'), reason: "New Year's Day" },
  ].sort((a, b) => a.date.localeCompare(b.date))
}

/**
 * The `business-settings` global as the seed writes it (field names as in the collection config):
 * the domain's default rules (src/domain/settings.ts) plus New York's service area, contact
 * details, holidays and terms.
 */
export function settingsData(today: string) {
  return {
    ...settingsDocFields(DEFAULT_SETTINGS),
    phone: BUSINESS_PHONE,
    email: BUSINESS_EMAIL,
    brandColor: '#b3261e',
    blackoutDates: blackoutDates(today),
    // The percent rule is not in use; 20 is the admin's default if the owner switches to it.
    depositPercent: 20,
    serviceAreas: SERVICE_AREAS.map((a) => ({ ...a })),
    termsSummary:
      'A $100 deposit holds your date. Cancel 7 or more days before the event for a full refund of what you paid, 3–6 days before for 50%, and less than 3 days before for no refund. ' +
      'We cook outdoors only (backyard, patio, rooftop or terrace) and need about 8 × 8 ft of level space.',
  }
}

// ---------------------------------------------------------------------------------------------

export type SeedSettings = ReturnType<typeof settingsData>
