'use client'
/**
 * The storefront's error boundary screen (used by every error.tsx): plain-language text, a
 * "Try again" button, a link home, and one report of the error to the server. It never shows
 * error.message (server errors are redacted in production and client errors may be technical);
 * the digest is shown as a reference the customer can quote, because it matches the server log.
 */
import Link from 'next/link'
import { useEffect, useRef } from 'react'

import { digestOf, useReportOnce } from './report-once'

export interface RouteErrorProps {
  /** What was thrown (Next passes `unknown`: client components may throw non-Errors). */
  error: unknown
  /** Next's `reset`: clears the boundary and re-renders without fetching again. */
  reset: () => void
  /** Next ≥ 16.3's `retry`: fetches the segment again, then re-renders. Preferred when present. */
  retry?: () => void
  /** Heading; defaults to "Something went wrong". */
  title?: string
}

export function RouteError({ error, reset, retry, title = 'Something went wrong' }: RouteErrorProps) {
  useReportOnce(error, 'route')
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    // Move focus to the message so keyboard and screen-reader users learn what happened.
    heading.current?.focus()
  }, [])
  const digest = digestOf(error)
  return (
    <section className="route-error card" aria-labelledby="route-error-title">
      <h1 id="route-error-title" ref={heading} tabIndex={-1}>
        {title}
      </h1>
      <p>Something went wrong on our side while loading this page. It was not anything you did, and we have been told about it.</p>
      <p>Please try again. If it keeps happening, wait a few minutes and reload the page.</p>
      <div className="actions">
        <button type="button" className="button" onClick={() => (retry ?? reset)()}>
          Try again
        </button>
        <Link className="button-secondary" href="/">
          Go to the home page
        </Link>
      </div>
      {digest ? <p className="hint">Error reference: {digest}</p> : null}
    </section>
  )
}
