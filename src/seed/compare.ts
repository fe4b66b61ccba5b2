/**
 * How the seed decides whether to write: a document is left alone when every seed value is
 * already in it (so a second run writes nothing and adds no versions), and what each step did is
 * counted. Pure functions; must never write or read anything.
 */

export interface Tally {
  created: number
  updated: number
  unchanged: number
}

export const tally = (): Tally => ({ created: 0, updated: 0, unchanged: 0 })

/**
 * True when every value in `expected` is present and equal in `actual` (objects compared key by
 * key, so ids and timestamps Payload adds are ignored; arrays element by element, same length).
 */
export function isSubset(expected: unknown, actual: unknown): boolean {
  if (expected === null || expected === undefined) return actual === null || actual === undefined
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => isSubset(e, actual[i]))
  }
  if (typeof expected === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return false
    const a = actual as Record<string, unknown>
    return Object.entries(expected as Record<string, unknown>).every(([k, v]) => isSubset(v, a[k]))
  }
  return expected === actual
}
