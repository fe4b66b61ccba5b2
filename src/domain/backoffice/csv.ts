/**
 * CSV cells that a spreadsheet cannot run. A cell starting with = + - @ (or a tab or carriage
 * return, which some spreadsheets skip before looking) is read as a formula by Excel, LibreOffice
 * and Google Sheets, so a customer named "=HYPERLINK(...)" would run in staff's spreadsheet
 * (OWASP "CSV injection"). Such cells get a leading apostrophe, which spreadsheets show as text.
 * Quoting and escaping are the CSV library's job (csv-stringify), not this file's.
 */
const FORMULA_START = /^[=+\-@\t\r]/

export function csvSafeCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  const text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value)
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** One row of safe cells, in the order of `columns`. */
export function csvSafeRow<T>(record: T, columns: readonly { header: string; value: (r: T) => unknown }[]): string[] {
  return columns.map((c) => csvSafeCell(c.value(record)))
}
