'use client'
/**
 * Reports errors nothing else caught: window 'error' (kind 'unhandled') and
 * 'unhandledrejection' (kind 'rejection'), at most MAX_REPORTS per page load so a loop that
 * throws cannot flood the server. Errors inside route segments are reported by RouteError.
 * Must never log to the console or stop the browser's own handling.
 */
import { useEffect } from 'react'

import { reportClientError } from '../../client/report'

const MAX_REPORTS = 5
let sent = 0

function take(): boolean {
  if (sent >= MAX_REPORTS) return false
  sent += 1
  return true
}

export function ErrorReporter(): null {
  useEffect(() => {
    const onError = (event: ErrorEvent) => {
      // Cross-origin scripts give only "Script error." and no error object: still worth a count.
      if (take()) reportClientError(event.error ?? event.message, { kind: 'unhandled' })
    }
    const onRejection = (event: PromiseRejectionEvent) => {
      if (take()) reportClientError(event.reason, { kind: 'rejection' })
    }
    window.addEventListener('error', onError)
    window.addEventListener('unhandledrejection', onRejection)
    return () => {
      window.removeEventListener('error', onError)
      window.removeEventListener('unhandledrejection', onRejection)
    }
  }, [])
  return null
}
