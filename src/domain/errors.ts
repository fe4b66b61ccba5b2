// Typed domain errors for MyHibachi business rules.
// These carry machine-readable codes and field paths only. They must never know
// about HTTP (no status codes, no Response objects) or any framework: the app
// layer maps them to transport-specific responses.
import type { z } from 'zod'

/** One failed rule: `path` is a dotted field path (e.g. `guests.adults`, `address.zip`, `startTime`). */
export interface ValidationIssue {
  path: string
  message: string
}

/** Machine codes for ConflictError.reason. */
export type ConflictReason =
  | 'slot_full'
  | 'duplicate_booking'
  | 'invalid_transition'
  | 'chef_unavailable'
  | 'not_reschedulable'
  | 'event_passed'
  | 'has_payments'
  | 'payment_not_due'
  | 'not_failed'
  | 'has_upcoming_booking'
  | 'booking_not_active'
  | 'event_not_started'

export class DomainError extends Error {
  readonly code: string

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'DomainError'
    this.code = code
  }
}

export class ValidationError extends DomainError {
  readonly issues: ValidationIssue[]

  constructor(issues: ValidationIssue[], message?: string) {
    super('validation_error', message ?? summarizeIssues(issues))
    this.name = 'ValidationError'
    this.issues = issues
  }

  /** Convenience for the single-field case. */
  static single(path: string, message: string): ValidationError {
    return new ValidationError([{ path, message }])
  }
}

export class ConflictError extends DomainError {
  readonly reason?: ConflictReason

  constructor(message: string, reason?: ConflictReason) {
    super('conflict', message)
    this.name = 'ConflictError'
    if (reason !== undefined) this.reason = reason
  }
}

export class NotFoundError extends DomainError {
  constructor(message = 'Not found') {
    super('not_found', message)
    this.name = 'NotFoundError'
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Forbidden') {
    super('forbidden', message)
    this.name = 'ForbiddenError'
  }
}

/**
 * Something the request needs is not available: a feature that is not set up (`reason`, e.g.
 * 'payments_not_configured') or a provider that did not answer. The caller may try later.
 */
export class UnavailableError extends DomainError {
  readonly reason: string

  constructor(message: string, reason: string) {
    super('unavailable', message)
    this.name = 'UnavailableError'
    this.reason = reason
  }
}

export function isDomainError(err: unknown): err is DomainError {
  return err instanceof DomainError
}

function summarizeIssues(issues: ValidationIssue[]): string {
  if (issues.length === 0) return 'Validation failed'
  const parts = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
  return `Validation failed: ${parts.join('; ')}`
}

/** The path an issue about the whole input (not one field of it) is reported under. */
export const BODY_PATH = 'body'

function joinPath(path: readonly PropertyKey[]): string {
  // An empty path (the input itself, or an unknown key "" at its top) still names something.
  return path.map((p) => String(p)).join('.') || BODY_PATH
}

/** Each issue's path once, in the order the issues name them. */
export function uniqueIssuePaths(issues: readonly ValidationIssue[]): string[] {
  return [...new Set(issues.map((i) => i.path))]
}

/**
 * Converts a ZodError into a ValidationError. Each issue's path is joined with '.'
 * (`['guests','adults']` → `guests.adults`, `['menu',0,'item']` → `menu.0.item`); an issue about
 * the input as a whole (not an object, say) is pathed `body`.
 * Unknown-key issues from `.strict()` schemas are expanded to one issue per key,
 * pathed at the offending key itself, so forms can point at the exact field.
 */
export function fromZodError(err: z.ZodError): ValidationError {
  const issues: ValidationIssue[] = []
  for (const issue of err.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({ path: joinPath([...issue.path, key]), message: `Unknown field "${key}"` })
      }
      continue
    }
    issues.push({ path: joinPath(issue.path), message: issue.message })
  }
  return new ValidationError(issues)
}
