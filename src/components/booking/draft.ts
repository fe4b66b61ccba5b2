/**
 * The booking form's state as plain data, and the pure rules around it: reading a saved draft
 * back (defensively — it comes from sessionStorage) and a /book link's prefill (as defensively —
 * anyone can write a URL), the bodies sent to /api/quote and
 * /api/bookings, quick client-side checks per step, and which step owns a server error path.
 * The server is the authority on every rule; these checks only save a round trip.
 * No React, no fetch, no storage access here.
 */
import { lastBookableDate } from '../../domain/booking/horizon'
import type { ServiceArea } from '../../domain/settings'
import { todayInZone } from '../../domain/time'
import { findServiceZone, outsideServiceAreaMessage } from '../../domain/validation'

export const STEPS = ['date', 'time', 'party', 'address', 'contact', 'review'] as const
export type StepId = (typeof STEPS)[number]

export const STEP_TITLES: Record<StepId, string> = {
  date: 'Date',
  time: 'Time',
  party: 'Party and menu',
  address: 'Address',
  contact: 'Contact',
  review: 'Review',
}

export interface Draft {
  v: 1
  step: StepId
  eventDate: string | null
  startTime: string | null
  adults: number
  children: number
  /** Menu item id → quantity (0 = not chosen). */
  menu: Record<string, number>
  address: { street: string; city: string; state: string; zip: string }
  contact: { name: string; email: string; phone: string }
  specialRequests: string
  dietaryNotes: string
  /** Kept across retries and double clicks of one submit; cleared whenever the draft changes. */
  idempotencyKey: string | null
}

export type ServiceAreaInfo = ServiceArea

export interface BookingFormConfig {
  businessName: string
  timezone: string
  /**
   * The business's zone as customers say it ('Eastern Time'), named on the server (zoneNameOf):
   * naming a zone in the browser builds a time-zone formatter, the largest single cost of /book's
   * hydration. The generic name holds all year, so a cached render never goes stale at a DST change.
   */
  zoneName: string
  currency: string
  /** First and last dates a booking can be made for, business time zone. */
  firstDate: string
  lastDate: string
  /**
   * When the business's next day starts (epoch ms): until then firstDate and lastDate are still
   * today's, and the browser takes them as they are, without a time-zone lookup of its own.
   */
  datesValidUntil: number
  minGuests: number
  maxGuests: number
  childMaxAge: number
  serviceAreas: ServiceAreaInfo[]
  phone: string | null
  menu: { id: string; name: string; description: string; category: string; priceCents: number; pricing: 'per_guest' | 'flat' }[]
}

/**
 * The bookable dates at `now` for a form rendered earlier (the /book page is cached): the render's
 * own until its business day ends, with no time-zone lookup (the browser's first costs tens of ms
 * on a phone); after that, today's in the business's zone. Returns `config` itself when unchanged.
 */
export function bookableDatesAt(config: BookingFormConfig, maxAdvanceDays: number, now: Date): BookingFormConfig {
  if (now.getTime() < config.datesValidUntil) return config
  const firstDate = todayInZone(now, config.timezone)
  const lastDate = lastBookableDate({ timezone: config.timezone, maxAdvanceDays }, now)
  return firstDate === config.firstDate && lastDate === config.lastDate ? config : { ...config, firstDate, lastDate }
}

export function emptyDraft(): Draft {
  return {
    v: 1,
    step: 'date',
    eventDate: null,
    startTime: null,
    adults: 2,
    children: 0,
    menu: {},
    address: { street: '', city: 'New York', state: 'NY', zip: '' },
    contact: { name: '', email: '', phone: '' },
    specialRequests: '',
    dietaryNotes: '',
    idempotencyKey: null,
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown, max: number, fallback: string) => (typeof v === 'string' ? v.slice(0, max) : fallback)
const int = (v: unknown, min: number, max: number, fallback: number) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : fallback

/** A saved draft, or a fresh one when `raw` is missing, corrupt or from another version. */
export function parseDraft(raw: string | null): Draft {
  const base = emptyDraft()
  if (!raw) return base
  let data: unknown
  try {
    data = JSON.parse(raw)
  } catch (err) {
    // A corrupt saved draft (edited by hand, truncated) starts the form over instead of breaking it.
    if (err instanceof SyntaxError) return base
    throw err
  }
  if (!isObj(data) || data.v !== 1) return base
  const address = isObj(data.address) ? data.address : {}
  const contact = isObj(data.contact) ? data.contact : {}
  const menu: Record<string, number> = {}
  if (isObj(data.menu)) {
    for (const [id, q] of Object.entries(data.menu)) {
      const n = int(q, 0, 100, 0)
      if (n > 0 && id.length <= 100) menu[id] = n
    }
  }
  const date = typeof data.eventDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(data.eventDate) ? data.eventDate : null
  const time = typeof data.startTime === 'string' && /^\d{2}:\d{2}$/.test(data.startTime) ? data.startTime : null
  return {
    v: 1,
    step: (STEPS as readonly string[]).includes(String(data.step)) ? (data.step as StepId) : 'date',
    eventDate: date,
    startTime: date ? time : null,
    adults: int(data.adults, 0, 1000, base.adults),
    children: int(data.children, 0, 1000, base.children),
    menu,
    address: {
      street: str(address.street, 200, ''),
      city: str(address.city, 100, base.address.city),
      state: str(address.state, 50, base.address.state),
      zip: str(address.zip, 5, ''),
    },
    contact: { name: str(contact.name, 120, ''), email: str(contact.email, 254, ''), phone: str(contact.phone, 20, '') },
    specialRequests: str(data.specialRequests, 500, ''),
    dietaryNotes: str(data.dietaryNotes, 500, ''),
    idempotencyKey: typeof data.idempotencyKey === 'string' && data.idempotencyKey.length <= 255 ? data.idempotencyKey : null,
  }
}

/**
 * What a link to /book may fill in: `?date=YYYY-MM-DD&time=HH:MM&adults=N&children=N&zip=NNNNN`
 * (the chat's bookingFormHref makes these). Only the fields present and valid are set.
 */
export interface BookingPrefill {
  eventDate?: string
  startTime?: string
  adults?: number
  children?: number
  zip?: string
}

/** A page's query as Next hands it over. */
export type QueryParams = Record<string, string | string[] | undefined>

/** The query parameters a prefill is read from (and removed from the address bar once applied). */
export const PREFILL_PARAMS = ['date', 'time', 'adults', 'children', 'zip'] as const

/** True for a real calendar date written YYYY-MM-DD (not 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

/**
 * The prefill a /book query asks for, read defensively (anyone can write a URL): a value that is
 * missing, repeated, malformed or out of range is ignored, never an error. The date must be one
 * the form can book (within [firstDate, lastDate]); the time is 24-hour HH:MM; adults 1–1000,
 * children 0–1000; the ZIP five digits (whether it is served is the address step's question).
 */
export function parseBookingPrefill(query: QueryParams, config: Pick<BookingFormConfig, 'firstDate' | 'lastDate'>): BookingPrefill {
  const one = (key: (typeof PREFILL_PARAMS)[number]) => {
    const v = query[key]
    return typeof v === 'string' ? v.trim() : undefined
  }
  const count = (v: string | undefined, min: number) => (v !== undefined && /^\d{1,4}$/.test(v) && Number(v) >= min && Number(v) <= 1000 ? Number(v) : undefined)
  const prefill: BookingPrefill = {}
  const date = one('date')
  if (date !== undefined && isCalendarDate(date) && date >= config.firstDate && date <= config.lastDate) prefill.eventDate = date
  const time = one('time')
  if (time !== undefined && /^([01]\d|2[0-3]):[0-5]\d$/.test(time)) prefill.startTime = time
  const adults = count(one('adults'), 1)
  if (adults !== undefined) prefill.adults = adults
  const children = count(one('children'), 0)
  if (children !== undefined) prefill.children = children
  const zip = one('zip')
  if (zip !== undefined && /^\d{5}$/.test(zip)) prefill.zip = zip
  return prefill
}

export function hasPrefill(prefill: BookingPrefill | undefined): prefill is BookingPrefill {
  return !!prefill && Object.keys(prefill).length > 0
}

/** Chosen menu items in menu order: the `menu` array of a quote or booking body (numeric ids as numbers). */
export function menuSelection(draft: Draft, config: Pick<BookingFormConfig, 'menu'>): { item: string | number; quantity: number }[] {
  return config.menu
    .filter((m) => (draft.menu[m.id] ?? 0) > 0)
    .map((m) => ({ item: /^\d+$/.test(m.id) ? Number(m.id) : m.id, quantity: draft.menu[m.id] ?? 0 }))
}

export function zoneForZip(config: Pick<BookingFormConfig, 'serviceAreas'>, zip: string): ServiceAreaInfo | null {
  return findServiceZone(config, zip)
}

/** Body for POST /api/quote; the ZIP is included once it is a served 5-digit ZIP. */
export function quoteBody(draft: Draft, config: Pick<BookingFormConfig, 'menu' | 'serviceAreas'>) {
  const zip = draft.address.zip.trim()
  return {
    eventDate: draft.eventDate,
    startTime: draft.startTime,
    guests: { adults: draft.adults, children: draft.children },
    menu: menuSelection(draft, config),
    ...(/^\d{5}$/.test(zip) && zoneForZip(config, zip) ? { address: { zip } } : {}),
  }
}

/** Body for POST /api/bookings. */
export function bookingBody(draft: Draft, config: Pick<BookingFormConfig, 'menu'>) {
  return {
    eventDate: draft.eventDate,
    startTime: draft.startTime,
    guests: { adults: draft.adults, children: draft.children },
    menu: menuSelection(draft, config),
    address: {
      street: draft.address.street.trim(),
      city: draft.address.city.trim(),
      state: draft.address.state.trim(),
      zip: draft.address.zip.trim(),
    },
    contact: { name: draft.contact.name.trim(), email: draft.contact.email.trim(), phone: draft.contact.phone.trim() },
    ...(draft.specialRequests.trim() ? { specialRequests: draft.specialRequests.trim() } : {}),
    ...(draft.dietaryNotes.trim() ? { dietaryNotes: draft.dietaryNotes.trim() } : {}),
  }
}

/** The step whose fields a server error path belongs to (`menu.2.quantity` → party). */
export function stepOfPath(path: string): StepId {
  if (path === 'eventDate') return 'date'
  if (path === 'startTime' || path === 'durationMinutes') return 'time'
  if (path.startsWith('guests') || path.startsWith('menu')) return 'party'
  if (path.startsWith('address')) return 'address'
  if (path.startsWith('contact') || path === 'specialRequests' || path === 'dietaryNotes') return 'contact'
  return 'review'
}

/**
 * Server paths name menu rows by position in the body (`menu.1.quantity`); the form names its
 * inputs by item id (`menu.<id>`), so errors land beside the right input.
 */
export function formPath(path: string, draft: Draft, config: Pick<BookingFormConfig, 'menu'>): string {
  const m = /^menu\.(\d+)\.(item|quantity)$/.exec(path)
  if (!m) return path
  const row = menuSelection(draft, config)[Number(m[1])]
  return row ? `menu.${String(row.item)}` : 'menu'
}

/** Quick checks for one step: field path → message. Empty when the step may be left. */
export function stepErrors(step: StepId, draft: Draft, config: BookingFormConfig): Record<string, string> {
  const e: Record<string, string> = {}
  if (step === 'date' && !draft.eventDate) e.eventDate = 'Choose a date'
  if (step === 'time' && !draft.startTime) e.startTime = 'Choose a start time'
  if (step === 'party') {
    const total = draft.adults + draft.children
    if (draft.adults < 1) e['guests.adults'] = 'At least one adult must attend'
    else if (total < config.minGuests || total > config.maxGuests) {
      e['guests.adults'] = `We take ${config.minGuests} to ${config.maxGuests} guests online${config.phone ? `; for a larger party please call ${config.phone}` : ''}`
    }
    for (const item of config.menu) {
      const q = draft.menu[item.id] ?? 0
      if (item.pricing === 'per_guest' && q > total) e[`menu.${item.id}`] = `At most ${total} — one per guest`
    }
  }
  if (step === 'address') {
    if (!draft.address.street.trim()) e['address.street'] = 'Enter the street address'
    if (!draft.address.city.trim()) e['address.city'] = 'Enter the city'
    if (draft.address.state.trim().length < 2) e['address.state'] = 'Enter the state'
    const zip = draft.address.zip.trim()
    if (!/^\d{5}$/.test(zip)) e['address.zip'] = 'Enter a 5-digit ZIP code'
    else if (!zoneForZip(config, zip)) e['address.zip'] = outsideServiceAreaMessage(zip)
  }
  if (step === 'contact') {
    if (!draft.contact.name.trim()) e['contact.name'] = 'Enter your name'
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(draft.contact.email.trim())) e['contact.email'] = 'Enter a valid email address'
    if ((draft.contact.phone.match(/\d/g) ?? []).length < 7) e['contact.phone'] = 'Enter a phone number we can reach you on'
  }
  return e
}

/** The first step, in order, with anything missing: where a restored draft may resume at most. */
export function furthestReachableStep(draft: Draft, config: BookingFormConfig): StepId {
  for (const step of STEPS) {
    if (step === 'review') return step
    if (Object.keys(stepErrors(step, draft, config)).length > 0) return step
  }
  return 'review'
}
