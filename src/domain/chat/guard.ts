/**
 * Keeps the assistant honest: every price, clock time and percentage in a reply must come from a
 * tool result (or the CMS text it was grounded on) of the same turn. A model that makes up "$650"
 * or "7 pm" fails the check, and the caller replaces its words with the tool results' own.
 * Pure: no I/O.
 */

/** Money mentions ("$783.90", "$1,200", "$100", "650 dollars") as whole cents. */
export function moneyAmountsIn(text: string): number[] {
  const found: number[] = []
  const add = (wholeText: string | undefined, fractionText: string | undefined) => {
    const whole = Number((wholeText ?? '0').replace(/,/g, ''))
    const fraction = fractionText === undefined ? 0 : Number(fractionText.padEnd(2, '0'))
    if (Number.isSafeInteger(whole)) found.push(whole * 100 + fraction)
  }
  for (const m of text.matchAll(/\$\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?(?!\d)/g)) add(m[1], m[2])
  // Written out: "about 650 dollars", "700 USD" (a "$" before it was counted above).
  for (const m of text.matchAll(/(?<![\d$.,])(?<!\$\s)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s?(?:dollars?|usd|bucks)\b/gi)) add(m[1], m[2])
  return found
}

/** Clock times ("5:00 pm", "7:30PM", "5 pm", "17:00") as "HH:MM", 24-hour. */
export function clockTimesIn(text: string): string[] {
  const found: string[] = []
  for (const m of text.matchAll(/\b(\d{1,2})(?::([0-5]\d))?\s?([ap])\.?m\.?(?![a-z])/gi)) {
    let hour = Number(m[1])
    if (hour < 1 || hour > 12) continue
    const pm = (m[3] ?? '').toLowerCase() === 'p'
    if (hour === 12) hour = pm ? 12 : 0
    else if (pm) hour += 12
    found.push(`${String(hour).padStart(2, '0')}:${m[2] ?? '00'}`)
  }
  for (const m of text.matchAll(/\b([01]\d|2[0-3]):([0-5]\d)\b(?!\s?[ap]\.?m)/gi)) found.push(`${m[1]}:${m[2]}`)
  return found
}

/**
 * Clock times written with no am/pm and a one-digit hour ("7:30"): either reading, morning and
 * evening (["07:30", "19:30"]). clockTimesIn leaves these out because they are ambiguous.
 */
export function ambiguousClockTimesIn(text: string): [string, string][] {
  const found: [string, string][] = []
  for (const m of text.matchAll(/(?<![\d:.$])([1-9]):([0-5]\d)(?![\d:])(?!\s?[ap]\.?m)/gi)) {
    const hour = Number(m[1])
    found.push([`0${hour}:${m[2]}`, `${hour + 12}:${m[2]}`])
  }
  return found
}

/** Percentages ("50%", "100 %", "8.875%", "50 percent"). */
export function percentagesIn(text: string): number[] {
  return [...text.matchAll(/(?<![\d.])(\d+(?:\.\d+)?)\s?(?:%|percent\b)/gi)].map((m) => Number(m[1]))
}

/** Every cents value in a tool result: fields named `…Cents`, and money written out in its strings. */
function collectEvidence(value: unknown, into: { cents: Set<number>; times: Set<string>; percents: Set<number> }, key = ''): void {
  if (typeof value === 'number') {
    if (/cents$/i.test(key)) into.cents.add(value)
    if (/percent$/i.test(key)) into.percents.add(value)
    return
  }
  if (typeof value === 'string') {
    for (const c of moneyAmountsIn(value)) into.cents.add(c)
    for (const t of clockTimesIn(value)) into.times.add(t)
    for (const readings of ambiguousClockTimesIn(value)) for (const t of readings) into.times.add(t)
    for (const p of percentagesIn(value)) into.percents.add(p)
    if (key === 'time' && /^([01]\d|2[0-3]):[0-5]\d$/.test(value)) into.times.add(value)
    return
  }
  if (Array.isArray(value)) {
    for (const v of value) collectEvidence(v, into, key)
    return
  }
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) collectEvidence(v, into, k)
  }
}

export interface ReplyCheck {
  ok: boolean
  /** What the reply says that no tool result or grounding text backs ("$650.00", "19:00", "30%"). */
  unsupported: string[]
}

/**
 * Checks a reply against the evidence of its turn: the tool results (objects) and the grounding
 * text (strings). A reply with no figures at all passes.
 */
export function vetReply(reply: string, evidence: readonly unknown[]): ReplyCheck {
  const known = { cents: new Set<number>(), times: new Set<string>(), percents: new Set<number>() }
  for (const e of evidence) collectEvidence(e, known)
  const unsupported: string[] = []
  for (const c of moneyAmountsIn(reply)) if (!known.cents.has(c)) unsupported.push(`$${(c / 100).toFixed(2)}`)
  for (const t of clockTimesIn(reply)) if (!known.times.has(t)) unsupported.push(t)
  for (const readings of ambiguousClockTimesIn(reply)) if (!readings.some((t) => known.times.has(t))) unsupported.push(readings.join(' or '))
  for (const p of percentagesIn(reply)) if (!known.percents.has(p)) unsupported.push(`${p}%`)
  return { ok: unsupported.length === 0, unsupported }
}
