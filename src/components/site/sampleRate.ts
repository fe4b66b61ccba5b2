/**
 * Web-vitals sampling: the share of page loads that report (NEXT_PUBLIC_VITALS_SAMPLE_RATE).
 * Pure, so the parsing rules are tested; the decision is taken once per page load.
 */

const DEFAULT_VITALS_SAMPLE_RATE = 0.1

/**
 * "0.25" → 0.25; unset, blank or not a number → the default; below 0 → 0 (off); above 1 → 1 (all).
 * Accepts a percentage written as "25%" too, because that is how people say it.
 */
export function parseSampleRate(raw: string | undefined, fallback = DEFAULT_VITALS_SAMPLE_RATE): number {
  if (raw === undefined) return fallback
  const text = raw.trim()
  if (text === '') return fallback
  const percent = text.endsWith('%')
  const n = Number(percent ? text.slice(0, -1).trim() : text)
  if (!Number.isFinite(n)) return fallback
  const rate = percent ? n / 100 : n
  return Math.min(1, Math.max(0, rate))
}

/** True when this page load should report: rate 0 never, rate 1 always. */
export function isSampled(rate: number, random: () => number = Math.random): boolean {
  return rate > 0 && random() < rate
}
