'use client'
/**
 * What every error screen does with the error, apart from showing it: report it to the server
 * once, and find the digest to show as a reference. Kept apart from RouteError (which renders
 * next/link) so that global-error.tsx, loaded on every page, brings no router code of its own.
 */
import { useEffect, useRef } from 'react'

import { reportClientError, type ClientErrorKind } from '../../client/report'

/** Reports `error` once per error value (Strict Mode runs effects twice; refs survive that). */
export function useReportOnce(error: unknown, kind: ClientErrorKind): void {
  const last = useRef<unknown>(undefined)
  useEffect(() => {
    if (last.current === error) return
    last.current = error
    reportClientError(error, { kind })
  }, [error, kind])
}

/** The digest Next attaches to errors from server components (matches the server log), if any. */
export function digestOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('digest' in error)) return null
  const d = (error as { digest?: unknown }).digest
  return typeof d === 'string' && d !== '' ? d.slice(0, 40) : null
}
