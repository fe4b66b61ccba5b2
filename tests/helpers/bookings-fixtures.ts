/**
 * Shared fixtures for the booking integration tests (tests/int/bookings-*.int.spec.ts): the
 * settings each file writes, dates in the business time zone, request bodies, staff logins and
 * the Payload error shape. Every file still sets its own settings and uses its own dates.
 */
import type { Payload } from 'payload'

import { addDaysToDate, DEFAULT_SETTINGS, todayInZone } from '../../src/domain'
import { settingsDocFields } from '../../src/globals/BusinessSettings/fromDoc'
import type { RestResponse } from './rest'

export const TZ = DEFAULT_SETTINGS.timezone
export const PASSWORD = 'correct horse battery staple'

/** A booking business day `days` after today, business time zone, YYYY-MM-DD. */
export function dateAhead(days: number): string {
  return addDaysToDate(todayInZone(new Date(), TZ), days)
}

/** Every settings field the booking rules read, so no file depends on what an earlier one left. */
export function baseSettings(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...settingsDocFields(DEFAULT_SETTINGS),
    blackoutDates: [],
    depositPercent: 20,
    serviceAreas: [{ zone: 'Manhattan', zips: '10001-10099', travelFeeCents: 2500 }],
    cancellationTiers: [
      { minDaysBefore: 90, refundPercent: 100 },
      { minDaysBefore: 14, refundPercent: 50 },
      { minDaysBefore: 0, refundPercent: 0 },
    ],
    ...overrides,
  }
}

export async function applySettings(payload: Payload, overrides: Record<string, unknown> = {}): Promise<void> {
  await payload.updateGlobal({ slug: 'business-settings', data: baseSettings(overrides), overrideAccess: true })
}

export interface BookingBody {
  eventDate: string
  startTime: string
  guests: { adults: number; children?: number }
  address: { street: string; city: string; state: string; zip: string }
  menu?: { item: string | number; quantity: number }[]
  contact: { name: string; email: string; phone: string }
  specialRequests?: string
  dietaryNotes?: string
  [extra: string]: unknown
}

export function bookingBody(eventDate: string, email: string, overrides: Partial<BookingBody> = {}): BookingBody {
  return {
    eventDate,
    startTime: '12:00',
    guests: { adults: 2, children: 0 },
    address: { street: '1 Main St', city: 'New York', state: 'NY', zip: '10001' },
    contact: { name: 'Pat Guest', email, phone: '212-555-0100' },
    ...overrides,
  }
}

/** The quote request for the same party as a booking body (no contact, no notes). */
export function quoteBodyFor(b: BookingBody): Record<string, unknown> {
  return {
    eventDate: b.eventDate,
    startTime: b.startTime,
    guests: b.guests,
    address: b.address,
    ...(b.menu ? { menu: b.menu } : {}),
  }
}

export interface LineItem {
  label: string
  amountCents: number
}

export interface Pricing {
  lineItems: LineItem[]
  subtotalCents: number
  travelFeeCents: number
  taxCents: number
  depositCents: number
  totalCents: number
  currency: string
}

export interface BookingDoc {
  id: number
  status: string
  eventDate: string
  startTime: string
  source?: string | null
  guests: { adults: number; children?: number | null }
  contact: { name: string; email: string; phone: string }
  pricing: Pricing
  payment?: { depositPaidCents?: number | null; refundedCents?: number | null }
  cancellation?: { refundPercent?: number | null; refundCents?: number | null; cancelledAt?: string | null }
  assignedChefs?: (number | { id: number })[] | null
  customer?: number | { id: number } | null
  manageToken?: string
  manageTokenHash?: string
}

export interface DocResponse {
  doc: BookingDoc
}

export interface PayloadErrorBody {
  errors: {
    name?: string
    message: string
    data?: { reason?: string; errors?: { path: string; message: string }[] }
  }[]
}

/** Field paths named by a Payload validation error response. */
export function errorPaths(res: RestResponse<unknown>): string[] {
  const body = res.body as PayloadErrorBody
  return (body.errors?.[0]?.data?.errors ?? []).map((e) => e.path)
}

export function conflictReason(res: RestResponse<unknown>): string | undefined {
  return (res.body as PayloadErrorBody).errors?.[0]?.data?.reason
}

export function errorMessage(res: RestResponse<unknown>): string {
  return (res.body as PayloadErrorBody).errors?.[0]?.message ?? ''
}

/** Pricing without Payload's array row ids, for comparing a stored price with a quote. */
export function plainPricing(p: Pricing): Pricing {
  return {
    lineItems: p.lineItems.map((l) => ({ label: l.label, amountCents: l.amountCents })),
    subtotalCents: p.subtotalCents,
    travelFeeCents: p.travelFeeCents,
    taxCents: p.taxCents,
    depositCents: p.depositCents,
    totalCents: p.totalCents,
    currency: p.currency,
  }
}

export const idOf = (v: number | { id: number }): number => (typeof v === 'object' ? v.id : v)

/** A unique tag for emails of one test run. */
export const runTag = (): string => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

/**
 * Creates a staff user through the Local API and checks the role it got. The very first staff
 * user always becomes an admin, so when there is none yet an admin is created first.
 */
export async function createStaff(payload: Payload, email: string, role: 'admin' | 'manager' | 'chef' | 'editor'): Promise<number> {
  const existing = await payload.count({ collection: 'users', overrideAccess: true })
  if (existing.totalDocs === 0 && role !== 'admin') await createStaff(payload, `first-admin-${runTag()}@myhibachi.test`, 'admin')
  const user = await payload.create({ collection: 'users', data: { email, password: PASSWORD, role }, overrideAccess: true })
  if (user.role !== role) throw new Error(`expected ${email} to be ${role}, got ${user.role}`)
  return user.id
}

type Rest = <T = Record<string, unknown>>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  opts?: { body?: unknown; headers?: Record<string, string> },
) => Promise<RestResponse<T>>

/** Logs a staff user in through REST and returns the Authorization header to send. */
export async function staffAuth(rest: Rest, email: string): Promise<Record<string, string>> {
  const res = await rest<{ token?: string }>('POST', '/users/login', { body: { email, password: PASSWORD } })
  if (res.status !== 200 || typeof res.body.token !== 'string') throw new Error(`login of ${email} failed with ${res.status}`)
  return { Authorization: `JWT ${res.body.token}` }
}
