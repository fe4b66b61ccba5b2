// Calendar and wall-clock helpers for the business time zone (IANA, via @date-fns/tz).
// Dates are 'YYYY-MM-DD' strings and times are 'HH:MM' strings in LOCAL business time;
// instants are JS Dates (UTC). This module must never read the system time zone or the
// current clock itself (callers pass `now`), so results are identical on any server.
//
// Conversions use @date-fns/tz's `tzOffset` (Intl-backed UTC offset of a zone at an
// instant) rather than `TZDate` construction: TZDate resolves repeated fall-back times
// differently depending on the HOST's time zone (seen with TZ=America/Los_Angeles),
// which would make booking instants depend on where the server runs. Imported from its own entry:
// the package's index declares no `sideEffects: false` and patches Date's prototype for TZDate,
// so importing it would put TZDate into every bundle that does calendar arithmetic (/book's).
import { tzOffset } from '@date-fns/tz/tzOffset'

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/
/** A 24-hour 'HH:MM' time, 00:00–23:59: the one pattern for times everywhere (schemas, settings, labels). */
export const HHMM_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/
const TIME_RE = HHMM_PATTERN
const MS_PER_DAY = 86_400_000

export const MINUTES_PER_DAY = 24 * 60

export interface LocalDateTime {
  date: string
  time: string
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

function daysInMonth(year: number, month1: number): number {
  if (month1 === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
    return leap ? 29 : 28
  }
  return [4, 6, 9, 11].includes(month1) ? 30 : 31
}

function splitDate(s: string): { y: number; m: number; d: number } | null {
  const match = DATE_RE.exec(s)
  if (!match) return null
  const y = Number(match[1])
  const m = Number(match[2])
  const d = Number(match[3])
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null
  return { y, m, d }
}

function requireDate(s: string): { y: number; m: number; d: number } {
  const parts = splitDate(s)
  if (!parts) throw new RangeError(`Not a real calendar date (YYYY-MM-DD): ${s}`)
  return parts
}

/** True when `s` is 'YYYY-MM-DD' AND names a real calendar day (no 2026-02-30). */
export function isRealDate(s: string): boolean {
  return splitDate(s) !== null
}

/** True when `s` is a 24h 'HH:MM' time (00:00–23:59). */
export function isValidHHMM(s: string): boolean {
  return TIME_RE.test(s)
}

/** 'HH:MM' → minutes since midnight. Throws RangeError on anything else. */
export function parseHHMM(s: string): number {
  const match = TIME_RE.exec(s)
  if (!match) throw new RangeError(`Not a 24h HH:MM time: ${s}`)
  return Number(match[1]) * 60 + Number(match[2])
}

/** Minutes since midnight (0–1439, integer) → 'HH:MM'. Throws RangeError otherwise. */
export function formatHHMM(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes >= MINUTES_PER_DAY) {
    throw new RangeError(`Minutes must be an integer in 0..1439, got ${minutes}`)
  }
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`
}

// Day numbers by integer arithmetic on the proleptic Gregorian calendar (the "days from civil"
// algorithm, eras of 400 years = 146,097 days, years starting in March), not through Date
// objects: availability converts thousands of dates per request, and on the server every Date
// made goes through Next's own wrapper of the Date constructor.

/** Day number (days since 1970-01-01) of a calendar date; pure calendar arithmetic, no zones. */
function dayNumber(date: string): number {
  const { y: year, m, d } = requireDate(date)
  const y = m <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

function fromDayNumber(n: number): string {
  const z = n + 719_468
  const era = Math.floor(z / 146_097)
  const dayOfEra = z - era * 146_097
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365)
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const mp = Math.floor((5 * dayOfYear + 2) / 153)
  const d = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0)
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`
}

/** Calendar arithmetic on 'YYYY-MM-DD' (n may be negative). Never drifts across DST. */
export function addDaysToDate(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Day offset must be an integer, got ${n}`)
  return fromDayNumber(dayNumber(date) + n)
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetweenDates(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from)
}

/** Every date from `from` to `to`, both inclusive; empty when `to` < `from`. */
export function eachDate(from: string, to: string): string[] {
  const start = dayNumber(from)
  const end = dayNumber(to)
  const out: string[] = []
  for (let n = start; n <= end; n++) out.push(fromDayNumber(n))
  return out
}

/**
 * Local wall-clock date + time in `tz` → the UTC instant.
 * DST rules (as implemented by @date-fns/tz, and relied on by tests):
 * - a time that does not exist (spring-forward gap, e.g. 02:30 on 2026-03-08 in New York)
 *   is moved forward by the gap length (→ 03:30 EDT);
 * - a time that happens twice (fall-back, e.g. 01:30 on 2026-11-01) resolves to the
 *   FIRST occurrence (01:30 EDT).
 * The business start window (11:00–22:00) never touches either case.
 */
export function localToInstant(date: string, time: string, tz: string): Date {
  // Wall-clock time read as if it were UTC; the real instant is this minus the zone offset.
  const wallAsUtc = dayNumber(date) * MS_PER_DAY + parseHHMM(time) * 60_000
  // Zones change offset at most once within a day either side, so the offsets a day
  // before and a day after are the only two candidates.
  const offsetBefore = offsetMinutes(tz, wallAsUtc - MS_PER_DAY)
  const offsetAfter = offsetMinutes(tz, wallAsUtc + MS_PER_DAY)
  const candidates = [wallAsUtc - offsetBefore * 60_000, wallAsUtc - offsetAfter * 60_000]
  const valid = candidates.filter((t) => t + offsetMinutes(tz, t) * 60_000 === wallAsUtc)
  if (valid.length > 0) return new Date(Math.min(...valid)) // ambiguous → earliest
  // Gap: apply the pre-transition offset, which lands gap-length later on the wall clock.
  return new Date(wallAsUtc - offsetBefore * 60_000)
}

/** UTC instant → local 'YYYY-MM-DD' and 'HH:MM' in `tz` (seconds are truncated). */
export function instantToLocal(d: Date, tz: string): LocalDateTime {
  const t = d.getTime()
  if (!Number.isFinite(t)) throw new RangeError('Invalid Date')
  const shifted = new Date(t + offsetMinutes(tz, t) * 60_000)
  return {
    date: fromDayNumber(Math.floor(shifted.getTime() / MS_PER_DAY)),
    time: `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`,
  }
}

/**
 * Offsets already looked up, by zone and exact instant: Intl formatting is the costliest step of
 * availability, and the same slot instants recur on every request. Exact keys, so never a wrong
 * answer; cleared when full, so bounded.
 */
const offsetMemo = new Map<string, number>()
const OFFSET_MEMO_MAX = 20_000

function offsetMinutes(tz: string, t: number): number {
  const key = `${tz} ${t}`
  const known = offsetMemo.get(key)
  if (known !== undefined) return known
  const offset = tzOffset(tz, new Date(t))
  if (!Number.isFinite(offset)) throw new RangeError(`Unknown time zone: ${tz}`)
  if (offsetMemo.size >= OFFSET_MEMO_MAX) offsetMemo.clear()
  offsetMemo.set(key, offset)
  return offset
}

/** The business's calendar date at instant `now`. */
export function todayInZone(now: Date, tz: string): string {
  return instantToLocal(now, tz).date
}

/** Adds whole minutes to an instant (absolute time, so DST does not matter). */
export function addMinutes(d: Date, minutes: number): Date {
  return new Date(d.getTime() + minutes * 60_000)
}
