// Calendar and wall-clock helpers for the business time zone (IANA, via @date-fns/tz).
// Dates are 'YYYY-MM-DD' strings and times are 'HH:MM' strings in LOCAL business time;
// instants are JS Dates (UTC). This module must never read the system time zone or the
// current clock itself (callers pass `now`), so results are identical on any server.
//
// Conversions use @date-fns/tz's `tzOffset` (Intl-backed UTC offset of a zone at an
// instant) rather than `TZDate` construction: TZDate resolves repeated fall-back times
// differently depending on the HOST's time zone (seen with TZ=America/Los_Angeles),
// which would make booking instants depend on where the server runs.
import { tzOffset } from '@date-fns/tz'

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

/** Day number (days since 1970-01-01) of a calendar date; pure calendar arithmetic, no zones. */
function dayNumber(date: string): number {
  const { y, m, d } = requireDate(date)
  const t = new Date(0)
  t.setUTCFullYear(y, m - 1, d)
  return Math.round(t.getTime() / MS_PER_DAY)
}

function fromDayNumber(n: number): string {
  const t = new Date(n * MS_PER_DAY)
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`
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

function offsetMinutes(tz: string, t: number): number {
  const offset = tzOffset(tz, new Date(t))
  if (!Number.isFinite(offset)) throw new RangeError(`Unknown time zone: ${tz}`)
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
