// Zod schemas for every input MyHibachi accepts from customers, staff and the API.
// Shape checks only (types, formats, lengths); business rules that depend on settings
// or the clock live in validation.ts. Object schemas are .strict(): unknown keys are
// rejected, never silently passed through. Must never import framework or I/O code.
// Every string a schema lets through must be storable as PostgreSQL text (no NUL, no lone
// UTF-16 surrogate): `unstorableTextIssues` finds such strings anywhere in a body, and free-text
// fields refuse them themselves, so a bad character is a 400 naming its field, never a 500.
import { z } from 'zod'
import { fromZodError, type ValidationIssue } from './errors'
import { BOOKING_LIMITS } from './booking/limits'
import { daysBetweenDates, HHMM_PATTERN, isRealDate } from './time'

/** Longest availability query, counted in calendar days INCLUDING both ends. */
export const MAX_AVAILABILITY_RANGE_DAYS = 62

/**
 * Calendar years a date may name. Far outside anything bookable, and narrow enough that date
 * arithmetic a few days either side (availability reads a day of margin) stays on the calendar.
 */
export const MIN_DATE_YEAR = 2000
export const MAX_DATE_YEAR = 2999

/** Largest record id: ids are PostgreSQL `serial` (int4) columns; a larger one can name no row. */
export const MAX_RECORD_ID = 2_147_483_647

/** Deepest nesting `unstorableTextIssues` looks into; a real request body is 3 levels deep. */
export const MAX_BODY_DEPTH = 32

const NUL = /\u0000/
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

const NUL_MESSAGE = 'Contains an invisible NUL character; please retype it'
const SURROGATE_MESSAGE = 'Contains a broken character (half of an emoji or symbol); please retype it'

/**
 * Why `s` cannot be stored as text, in words a customer can act on, or undefined when it can.
 * PostgreSQL refuses NUL in text; a lone surrogate (half an emoji, usually from a cut string) is
 * not Unicode at all and would be silently replaced on the way to the database.
 */
export function unstorableTextProblem(s: string): string | undefined {
  if (NUL.test(s)) return NUL_MESSAGE
  if (LONE_SURROGATE.test(s)) return SURROGATE_MESSAGE
  return undefined
}

function isPlainRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * Every string in a JSON value that cannot be stored as text, by dotted path (`contact.name`,
 * `menu.0.id`). Object keys are not checked: only configured fields are ever stored, and an
 * unknown key is refused or ignored by the schema that reads it. Nesting deeper than
 * MAX_BODY_DEPTH is itself an issue (and keeps this walk's recursion bounded).
 */
export function unstorableTextIssues(value: unknown, path = ''): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const walk = (v: unknown, at: string, depth: number): void => {
    if (typeof v === 'string') {
      const problem = unstorableTextProblem(v)
      if (problem) issues.push({ path: at || 'body', message: problem })
      return
    }
    if (!Array.isArray(v) && !isPlainRecord(v)) return
    if (depth >= MAX_BODY_DEPTH) {
      issues.push({ path: at || 'body', message: 'Nested too deeply' })
      return
    }
    const entries: [string, unknown][] = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v)
    for (const [key, child] of entries) walk(child, at ? `${at}.${key}` : key, depth + 1)
  }
  walk(value, path, 0)
  return issues
}

/** A string that can be stored as text (see unstorableTextProblem); one message, then stop. */
function storableString() {
  return z
    .string()
    .refine((s) => !NUL.test(s), { message: NUL_MESSAGE, abort: true })
    .refine((s) => !LONE_SURROGATE.test(s), { message: SURROGATE_MESSAGE, abort: true })
}

export const timeSchema = z
  .string({ error: 'Time is required' })
  .regex(HHMM_PATTERN, { message: 'Use a 24-hour HH:MM time, e.g. 17:30' })

// Each check aborts, so a date gets one message (the first rule it breaks), not three, and the
// range check never sees a string that is not a calendar date.
export const dateSchema = z
  .string({ error: 'Date is required' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Use a YYYY-MM-DD date', abort: true })
  .refine(isRealDate, { message: 'That date does not exist on the calendar', abort: true })
  .refine(
    (s) => {
      const year = Number(s.slice(0, 4))
      return year >= MIN_DATE_YEAR && year <= MAX_DATE_YEAR
    },
    { message: `Use a date between ${MIN_DATE_YEAR} and ${MAX_DATE_YEAR}`, abort: true },
  )

const GUESTS_CEILING_MESSAGE = `We cater for at most ${BOOKING_LIMITS.maxGuests} guests`

export const guestsSchema = z
  .object({
    adults: z.number().int().min(0).max(BOOKING_LIMITS.maxGuests, { message: GUESTS_CEILING_MESSAGE }),
    // Absent or null both mean no children: the admin panel sends null for an emptied number
    // field, and the booking rules have always read it so; the quote must agree with them.
    children: z
      .number()
      .int()
      .min(0)
      .max(BOOKING_LIMITS.maxGuests, { message: GUESTS_CEILING_MESSAGE })
      .nullish()
      .transform((n) => n ?? 0),
  })
  .strict()

export const addressSchema = z
  .object({
    street: storableString().trim().min(1, { message: 'Street is required' }).max(200),
    city: storableString().trim().min(1, { message: 'City is required' }).max(100),
    state: storableString().trim().min(2).max(50),
    zip: z.string().trim().regex(/^\d{5}$/, { message: 'ZIP code must be 5 digits' }),
  })
  .strict()

const MENU_ITEM_MESSAGE = 'Choose an item from the menu'

/** A menu item's id, as a number or a string of digits: the record ids are whole numbers. */
const menuItemIdSchema = z
  .union([
    z.string().trim().regex(/^\d{1,10}$/, { message: MENU_ITEM_MESSAGE }),
    z.number({ error: MENU_ITEM_MESSAGE }).int({ message: MENU_ITEM_MESSAGE }),
  ], { error: MENU_ITEM_MESSAGE })
  .transform((v) => Number(v))
  .refine((n) => n >= 1 && n <= MAX_RECORD_ID, { message: MENU_ITEM_MESSAGE })
  .transform((n) => String(n))

export const menuSelectionSchema = z
  .array(
    z
      .object({
        item: menuItemIdSchema,
        quantity: z.number().int().min(1).max(BOOKING_LIMITS.maxMenuQuantity),
      })
      .strict(),
  )
  .max(BOOKING_LIMITS.maxMenuRows, { message: `Choose at most ${BOOKING_LIMITS.maxMenuRows} menu items` })

export const contactSchema = z
  .object({
    name: storableString().trim().min(1, { message: 'Name is required' }).max(120),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.email({ message: 'Enter a valid email address' })),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9 +\-().]{7,20}$/, { message: 'Enter a valid phone number' })
      .refine((s) => /\d/.test(s), { message: 'Enter a valid phone number' }),
  })
  .strict()

const quoteRequestShape = {
  eventDate: dateSchema,
  startTime: timeSchema,
  durationMinutes: z.number().int().min(BOOKING_LIMITS.minDurationMinutes).max(BOOKING_LIMITS.maxDurationMinutes).optional(),
  guests: guestsSchema,
  address: addressSchema,
  menu: menuSelectionSchema.default([]),
}

/**
 * A quote may be asked for before the address is known (the party step of the booking form):
 * without `address` there is no travel fee yet; with it only the ZIP is needed.
 */
export const quoteRequestSchema = z
  .object({ ...quoteRequestShape, address: addressSchema.partial({ street: true, city: true, state: true }).optional() })
  .strict()

export const BOOKING_SOURCES = ['web', 'phone', 'chat', 'admin'] as const
export type BookingSource = (typeof BOOKING_SOURCES)[number]

/** Quote request + nested `contact` + optional notes and source (default 'web'). */
export const bookingCreateSchema = z
  .object({
    ...quoteRequestShape,
    contact: contactSchema,
    specialRequests: storableString().trim().max(500).optional(),
    dietaryNotes: storableString().trim().max(500).optional(),
    source: z.enum(BOOKING_SOURCES).default('web'),
  })
  .strict()

export const availabilityQuerySchema = z
  .object({ from: dateSchema, to: dateSchema })
  .strict()
  .superRefine((q, ctx) => {
    // Object refinements run even when a field failed a non-aborting check: only compare two
    // real calendar dates (the date arithmetic throws on anything else).
    if (!dateSchema.safeParse(q.from).success || !dateSchema.safeParse(q.to).success) return
    const span = daysBetweenDates(q.from, q.to)
    if (span < 0) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'End date must not be before start date' })
    } else if (span + 1 > MAX_AVAILABILITY_RANGE_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `Ask for at most ${MAX_AVAILABILITY_RANGE_DAYS} days at a time` })
    }
  })

export const rescheduleSchema = z.object({ eventDate: dateSchema, startTime: timeSchema }).strict()

export const cancelSchema = z.object({ reason: storableString().trim().max(500).optional() }).strict()

/** A record's id, as a number or as digits (Payload's forms send both), within Postgres's integer. */
export const recordId = z.union([z.number(), z.string().regex(/^\d{1,10}$/, { message: 'Must be a record id' }).transform(Number)]).pipe(
  z.number().int().min(1).max(MAX_RECORD_ID, { message: 'Must be a record id' }),
)

/** Paying through the manage link takes no input: the amount is the booking's, never the browser's. */
export const payNowSchema = z.object({}).strict()

/** A staff refund by hand: the booking, how much (whole cents) and why. */
export const manualRefundSchema = z
  .object({
    booking: recordId,
    amountCents: z.number().int().positive(),
    reason: storableString().trim().min(3).max(500),
  })
  .strict()

/** Trading the single-use code of a payment return URL for the return cookie. */
export const returnCodeSchema = z.object({ code: z.string().min(1).max(200) }).strict()

export type Guests = z.infer<typeof guestsSchema>
export type Address = z.infer<typeof addressSchema>
export type MenuSelection = z.infer<typeof menuSelectionSchema>
export type Contact = z.infer<typeof contactSchema>
export type QuoteRequest = z.infer<typeof quoteRequestSchema>
export type BookingCreateInput = z.infer<typeof bookingCreateSchema>
export type AvailabilityQuery = z.infer<typeof availabilityQuerySchema>
export type RescheduleInput = z.infer<typeof rescheduleSchema>
export type CancelInput = z.infer<typeof cancelSchema>

/** Parses `input` with `schema`; throws ValidationError (paths joined with '.') on failure. */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input)
  if (!result.success) throw fromZodError(result.error)
  return result.data
}
