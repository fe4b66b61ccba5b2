/**
 * A dollar amount typed by staff ("12.34", "$1,250", "0.5") → integer cents, read digit by digit
 * from the string: never through a float, so "0.29" is 29 cents and not 28.999…. More than two
 * decimals is refused (not rounded), as are zero, negatives and anything that is not a plain
 * amount. Pure; the admin's payment panel uses it before anything is sent.
 */

export type DollarsParse = { ok: true; cents: number } | { ok: false; message: string }

// Whole dollars (optionally grouped by commas, 1,234,567), then an optional point and decimals.
const AMOUNT = /^(\d+|\d{1,3}(?:,\d{3})+)?(?:\.(\d*))?$/

/** At most $99,999,999.99: far above any booking, and well inside Number.MAX_SAFE_INTEGER. */
const MAX_WHOLE_DIGITS = 8

export function parseDollarsToCents(input: string): DollarsParse {
  const text = input.trim().replace(/^\$\s*/, '')
  if (text === '') return { ok: false, message: 'Enter an amount in dollars, e.g. 25 or 12.50.' }
  const match = AMOUNT.exec(text)
  if (!match) return { ok: false, message: 'Enter a plain amount in dollars, e.g. 25 or 12.50 (digits, one decimal point).' }
  const whole = (match[1] ?? '').replace(/,/g, '')
  const fraction = match[2] ?? ''
  if (whole === '' && fraction === '') return { ok: false, message: 'Enter an amount in dollars, e.g. 25 or 12.50.' }
  if (fraction.length > 2) return { ok: false, message: 'Use at most 2 decimals (whole cents), e.g. 12.34.' }
  const wholeDigits = whole.replace(/^0+(?=\d)/, '')
  if (wholeDigits.length > MAX_WHOLE_DIGITS) return { ok: false, message: 'That amount is too large.' }
  const cents = Number(wholeDigits || '0') * 100 + Number(fraction.padEnd(2, '0'))
  if (cents <= 0) return { ok: false, message: 'The amount must be more than $0.00.' }
  return { ok: true, cents }
}
