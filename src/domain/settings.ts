// Business settings for MyHibachi as plain data, their defaults, and their validation.
// Settings are inputs to every rule module; this file must never read from a database,
// the CMS or the environment: the app layer loads raw settings and calls parseSettings.
import { z } from 'zod'
import { fromZodError } from './errors'
import { isRealDate, isValidHHMM, parseHHMM } from './time'

export interface ServiceArea {
  zone: string
  /** 5-digit ZIP codes served by this zone. A ZIP may belong to at most one zone. */
  zips: string[]
  travelFeeCents: number
}

/**
 * Deposit rule. `fixed`: a flat amount, capped at the quote total.
 * `percent`: an integer percentage (0–100) of the quote total, rounded half up to a cent.
 */
export type DepositRule = { kind: 'fixed'; amountCents: number } | { kind: 'percent'; percent: number }

/** Refund tier: cancelling at least `minDaysBefore` whole days before the event refunds `refundPercent`% of what was paid. */
export interface CancellationTier {
  minDaysBefore: number
  refundPercent: number
}

export interface BusinessSettings {
  businessName: string
  /** IANA time zone all dates/times are interpreted in. */
  timezone: string
  /** ISO 4217 code, lower case (Stripe style). */
  currency: string
  /** Allowed event START times, local wall clock, inclusive on both ends (`latest` is the last allowed start). */
  startWindow: { earliest: string; latest: string }
  slotIntervalMinutes: number
  defaultDurationMinutes: number
  minDurationMinutes: number
  maxDurationMinutes: number
  /** Chef travel/setup time blocked before an event. */
  bufferBeforeMinutes: number
  /** Cleanup/travel time blocked after an event. */
  bufferAfterMinutes: number
  /** An event must start at least this many hours after booking time. */
  leadTimeHours: number
  /** The last bookable date is today (business time zone) + maxAdvanceDays. */
  maxAdvanceDays: number
  /** 'YYYY-MM-DD' dates with no events at all. */
  blackoutDates: string[]
  guests: { minTotal: number; maxTotal: number }
  adultPriceCents: number
  childPriceCents: number
  /**
   * Child pricing rule: a guest whose age is AT MOST `childMaxAge` years (default 12, i.e.
   * "12 and under") pays `childPriceCents`; anyone older pays the adult price.
   * Rule modules only receive counts; see `isChildAge` for the age test itself.
   */
  childMaxAge: number
  /** Food subtotal floor; a "Minimum order adjustment" line tops the food up to it. */
  minimumOrderCents: number
  serviceAreas: ServiceArea[]
  /** Sales tax rate in parts per million (8.875% = 88_750). Applied to food + travel fee. */
  taxRateMicros: number
  deposit: DepositRule
  cancellationTiers: CancellationTier[]
  /** How many guests one chef can cook for. */
  guestsPerChef: number
  /** How many chefs (capacity units) the business has per time slot. */
  chefCount: number
  /**
   * How long an online booking holds its slot while its deposit is unpaid. It must outlast Stripe's
   * shortest Checkout Session (30 min); a session opened near the end keeps the slot until it expires.
   */
  depositHoldMinutes: number
  /** The balance is charged to the saved card this many days before the event. */
  balanceDueDaysBefore: number
}

/** The bounds of the payment settings: the admin fields, the parser and the tests share them. */
export const PAYMENT_SETTINGS_LIMITS = {
  depositHoldMinutes: { min: 45, max: 1440 },
  balanceDueDaysBefore: { min: 1, max: 90 },
} as const

/** Inclusive list of 5-digit ZIP codes from `from` to `to`, e.g. zipRange(10001, 10003). */
export function zipRange(from: number, to: number): string[] {
  const out: string[] = []
  for (let z = from; z <= to; z++) out.push(String(z).padStart(5, '0'))
  return out
}

export const DEFAULT_SETTINGS: BusinessSettings = {
  businessName: 'MyHibachi',
  timezone: 'America/New_York',
  currency: 'usd',
  startWindow: { earliest: '11:00', latest: '22:00' },
  slotIntervalMinutes: 30,
  defaultDurationMinutes: 120,
  minDurationMinutes: 60,
  maxDurationMinutes: 480,
  bufferBeforeMinutes: 60,
  bufferAfterMinutes: 60,
  leadTimeHours: 48,
  maxAdvanceDays: 365,
  blackoutDates: [],
  guests: { minTotal: 1, maxTotal: 50 },
  adultPriceCents: 6000,
  childPriceCents: 3000,
  childMaxAge: 12,
  minimumOrderCents: 55000,
  serviceAreas: [
    { zone: 'Manhattan', zips: zipRange(10001, 10099), travelFeeCents: 0 },
    { zone: 'Upper Manhattan', zips: zipRange(10100, 10299), travelFeeCents: 2500 },
  ],
  taxRateMicros: 88750,
  deposit: { kind: 'fixed', amountCents: 10000 },
  cancellationTiers: [
    { minDaysBefore: 7, refundPercent: 100 },
    { minDaysBefore: 3, refundPercent: 50 },
    { minDaysBefore: 0, refundPercent: 0 },
  ],
  guestsPerChef: 15,
  chefCount: 2,
  depositHoldMinutes: 60,
  balanceDueDaysBefore: 2,
}

/** Children are guests aged `childMaxAge` or younger (12 and under by default). */
export function isChildAge(settings: Pick<BusinessSettings, 'childMaxAge'>, age: number): boolean {
  return age <= settings.childMaxAge
}

/** True when the runtime's Intl knows `tz` as a named IANA zone (offset strings like '+05:00' are rejected). */
export function isValidTimeZone(tz: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(tz)) return false
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz })
    return true
  } catch (err) {
    // Intl throws RangeError for unknown zones; anything else is unexpected and re-thrown.
    if (err instanceof RangeError) return false
    throw err
  }
}

const cents = z.number().int().min(0)
const hhmm = z.string().refine(isValidHHMM, { message: 'Must be a 24h HH:MM time' })

const settingsSchema = z
  .object({
    businessName: z.string().trim().min(1).max(200),
    timezone: z.string().refine(isValidTimeZone, { message: 'Must be a valid IANA time zone, e.g. America/New_York' }),
    currency: z.string().regex(/^[a-z]{3}$/, { message: 'Must be a lower-case 3-letter ISO currency code' }),
    startWindow: z.object({ earliest: hhmm, latest: hhmm }),
    slotIntervalMinutes: z.number().int().min(5).max(720),
    defaultDurationMinutes: z.number().int().positive(),
    minDurationMinutes: z.number().int().positive(),
    maxDurationMinutes: z.number().int().positive().max(24 * 60),
    bufferBeforeMinutes: z.number().int().min(0).max(24 * 60),
    bufferAfterMinutes: z.number().int().min(0).max(24 * 60),
    leadTimeHours: z.number().int().min(0),
    maxAdvanceDays: z.number().int().min(0).max(3650),
    blackoutDates: z.array(z.string().refine(isRealDate, { message: 'Must be a real YYYY-MM-DD date' })),
    guests: z.object({ minTotal: z.number().int().min(1), maxTotal: z.number().int().min(1) }),
    adultPriceCents: cents,
    childPriceCents: cents,
    childMaxAge: z.number().int().min(0).max(17),
    minimumOrderCents: cents,
    serviceAreas: z.array(
      z.object({
        zone: z.string().trim().min(1).max(100),
        zips: z.array(z.string().regex(/^\d{5}$/, { message: 'ZIP codes must be 5 digits' })),
        travelFeeCents: cents,
      }),
    ),
    taxRateMicros: z.number().int().min(0).max(1_000_000),
    deposit: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('fixed'), amountCents: cents }),
      z.object({ kind: z.literal('percent'), percent: z.number().int().min(0).max(100) }),
    ]),
    cancellationTiers: z.array(
      z.object({
        minDaysBefore: z.number().int().min(0),
        refundPercent: z.number().int().min(0).max(100),
      }),
    ),
    guestsPerChef: z.number().int().min(1),
    chefCount: z.number().int().min(1),
    depositHoldMinutes: z.number().int().min(PAYMENT_SETTINGS_LIMITS.depositHoldMinutes.min).max(PAYMENT_SETTINGS_LIMITS.depositHoldMinutes.max),
    balanceDueDaysBefore: z.number().int().min(PAYMENT_SETTINGS_LIMITS.balanceDueDaysBefore.min).max(PAYMENT_SETTINGS_LIMITS.balanceDueDaysBefore.max),
  })
  .superRefine((s, ctx) => {
    if (isValidHHMM(s.startWindow.earliest) && isValidHHMM(s.startWindow.latest)) {
      if (parseHHMM(s.startWindow.earliest) > parseHHMM(s.startWindow.latest)) {
        ctx.addIssue({ code: 'custom', path: ['startWindow', 'latest'], message: 'Latest start must not be before earliest start' })
      }
    }
    if (s.minDurationMinutes > s.maxDurationMinutes) {
      ctx.addIssue({ code: 'custom', path: ['minDurationMinutes'], message: 'Minimum duration must not exceed maximum duration' })
    }
    if (s.defaultDurationMinutes < s.minDurationMinutes || s.defaultDurationMinutes > s.maxDurationMinutes) {
      ctx.addIssue({ code: 'custom', path: ['defaultDurationMinutes'], message: 'Default duration must be within the minimum and maximum' })
    }
    if (s.guests.minTotal > s.guests.maxTotal) {
      ctx.addIssue({ code: 'custom', path: ['guests', 'minTotal'], message: 'Minimum guests must not exceed maximum guests' })
    }
    const seenZip = new Map<string, string>()
    s.serviceAreas.forEach((area, i) => {
      for (const zip of area.zips) {
        const other = seenZip.get(zip)
        if (other !== undefined && other !== area.zone) {
          ctx.addIssue({ code: 'custom', path: ['serviceAreas', i, 'zips'], message: `ZIP ${zip} is in both ${other} and ${area.zone}` })
          return
        }
        seenZip.set(zip, area.zone)
      }
    })
    const seenDays = new Set<number>()
    s.cancellationTiers.forEach((tier, i) => {
      if (seenDays.has(tier.minDaysBefore)) {
        ctx.addIssue({ code: 'custom', path: ['cancellationTiers', i, 'minDaysBefore'], message: 'Each tier needs a distinct minDaysBefore' })
      }
      seenDays.add(tier.minDaysBefore)
    })
  })

/**
 * Validates raw settings (e.g. a CMS global) and returns clean BusinessSettings.
 * Every known field is required and checked; unknown top-level keys (ids, timestamps
 * added by the CMS) are stripped rather than rejected. Throws ValidationError.
 */
export function parseSettings(input: unknown): BusinessSettings {
  const result = settingsSchema.safeParse(input)
  if (!result.success) throw fromZodError(result.error)
  return result.data
}
