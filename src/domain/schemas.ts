// Zod schemas for every input MyHibachi accepts from customers, staff and the API.
// Shape checks only (types, formats, lengths); business rules that depend on settings
// or the clock live in validation.ts. Object schemas are .strict(): unknown keys are
// rejected, never silently passed through. Must never import framework or I/O code.
import { z } from 'zod'
import { fromZodError } from './errors'
import { daysBetweenDates, isRealDate } from './time'

/** Longest availability query, counted in calendar days INCLUDING both ends. */
export const MAX_AVAILABILITY_RANGE_DAYS = 62

export const timeSchema = z
  .string({ error: 'Time is required' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Use a 24-hour HH:MM time, e.g. 17:30' })

export const dateSchema = z
  .string({ error: 'Date is required' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Use a YYYY-MM-DD date' })
  .refine(isRealDate, { message: 'That date does not exist on the calendar' })

export const guestsSchema = z
  .object({
    adults: z.number().int().min(0).max(1000),
    children: z.number().int().min(0).max(1000).default(0),
  })
  .strict()

export const addressSchema = z
  .object({
    street: z.string().trim().min(1, { message: 'Street is required' }).max(200),
    city: z.string().trim().min(1, { message: 'City is required' }).max(100),
    state: z.string().trim().min(2).max(50),
    zip: z.string().trim().regex(/^\d{5}$/, { message: 'ZIP code must be 5 digits' }),
  })
  .strict()

export const menuSelectionSchema = z
  .array(
    z
      .object({
        item: z
          .union([z.string().trim().min(1).max(100), z.number().int().nonnegative()])
          .transform((v) => String(v)),
        quantity: z.number().int().min(1).max(100),
      })
      .strict(),
  )
  .max(20, { message: 'Choose at most 20 menu items' })

export const contactSchema = z
  .object({
    name: z.string().trim().min(1, { message: 'Name is required' }).max(120),
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
  durationMinutes: z.number().int().positive().max(24 * 60).optional(),
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
    specialRequests: z.string().trim().max(500).optional(),
    dietaryNotes: z.string().trim().max(500).optional(),
    source: z.enum(BOOKING_SOURCES).default('web'),
  })
  .strict()

export const availabilityQuerySchema = z
  .object({ from: dateSchema, to: dateSchema })
  .strict()
  .superRefine((q, ctx) => {
    const span = daysBetweenDates(q.from, q.to)
    if (span < 0) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'End date must not be before start date' })
    } else if (span + 1 > MAX_AVAILABILITY_RANGE_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `Ask for at most ${MAX_AVAILABILITY_RANGE_DAYS} days at a time` })
    }
  })

export const rescheduleSchema = z.object({ eventDate: dateSchema, startTime: timeSchema }).strict()

export const cancelSchema = z.object({ reason: z.string().trim().max(500).optional() }).strict()

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
