/**
 * An instant from a booking's date field (an ISO string) as staff read it: "Tue, Dec 2, 2026,
 * 5:30 PM EST" in the viewer's locale, always with the zone's name so nobody mistakes whose
 * clock it is. In `timeZone` (the business's IANA zone) when one is given and the browser knows
 * it, else in the browser's own zone. Undefined for a value that is not a date.
 */

const OPTIONS: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
}

export function formatInstant(iso: string, timeZone?: string): string | undefined {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return undefined
  if (timeZone) {
    try {
      return new Intl.DateTimeFormat(undefined, { ...OPTIONS, timeZone }).format(at)
    } catch (err) {
      // An unknown zone name: fall back to the browser's zone (still named in the text).
      if (!(err instanceof RangeError)) throw err
    }
  }
  return new Intl.DateTimeFormat(undefined, OPTIONS).format(at)
}

/** The same instant before the browser has taken over (server render): fixed, in UTC. */
export function formatInstantUtc(iso: string): string | undefined {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return undefined
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}
