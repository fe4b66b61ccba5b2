// Shared helpers for the domain unit tests (not a test file itself).
// Must never contain assertions that hide failures: helpers throw when expectations are unmet.
import { ValidationError, type ValidationIssue } from '../../src/domain/errors'
import { DEFAULT_SETTINGS, type BusinessSettings } from '../../src/domain/settings'

/** Runs `fn`, demands a ValidationError and returns its issues. */
export function validationIssues(fn: () => unknown): ValidationIssue[] {
  try {
    fn()
  } catch (err) {
    if (err instanceof ValidationError) return err.issues
    throw err
  }
  throw new Error('Expected a ValidationError but nothing was thrown')
}

/** The sorted, de-duplicated paths of the ValidationError thrown by `fn`. */
export function issuePaths(fn: () => unknown): string[] {
  return [...new Set(validationIssues(fn).map((i) => i.path))].sort()
}

/** DEFAULT_SETTINGS with overrides (a fresh copy every time). */
export function settingsWith(overrides: Partial<BusinessSettings> = {}): BusinessSettings {
  return { ...structuredClone(DEFAULT_SETTINGS), ...overrides }
}
