'use client'
/**
 * Last-resort error screen, shown when the root layout itself fails (e.g. the settings could not
 * be read). It replaces the whole document, so it brings its own <html>, <body> and inline styles
 * and depends on nothing that might be the cause (no CMS, no stylesheet, no fonts). Reports once
 * with kind 'global'. Must never show error details.
 */
import type { CSSProperties } from 'react'

import { digestOf, useReportOnce } from '../components/site/report-once'

const page: CSSProperties = {
  margin: 0,
  minHeight: '100vh',
  display: 'grid',
  placeItems: 'center',
  padding: '1.5rem',
  background: '#fffaf5',
  color: '#1f1a17',
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  lineHeight: 1.5,
}
const box: CSSProperties = { maxWidth: '32rem' }
const button: CSSProperties = {
  minHeight: '44px',
  padding: '0.625rem 1.25rem',
  border: 0,
  borderRadius: '0.5rem',
  background: '#b3261e',
  color: '#ffffff',
  font: 'inherit',
  fontWeight: 600,
  cursor: 'pointer',
}

export default function GlobalError({ error, reset, retry }: { error: unknown; reset: () => void; retry?: () => void }) {
  useReportOnce(error, 'global')
  const digest = digestOf(error)
  return (
    <html lang="en">
      <body style={page}>
        <title>Something went wrong</title>
        <main style={box}>
          <h1 style={{ fontSize: '1.75rem', margin: '0 0 0.75rem' }}>Something went wrong</h1>
          <p>Something went wrong on our side and this page could not be shown. It was not anything you did, and we have been told about it.</p>
          <p>Please try again. If it keeps happening, wait a few minutes and reload the page.</p>
          <p style={{ display: 'flex', flexWrap: 'wrap', gap: '1rem', alignItems: 'center' }}>
            <button type="button" style={button} onClick={() => (retry ?? reset)()}>
              Try again
            </button>
            {/* A plain link: a full page load, so nothing from the failed render is reused. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/" style={{ color: '#8c1d18', fontWeight: 600, minHeight: '44px', display: 'inline-flex', alignItems: 'center' }}>
              Go to the home page
            </a>
          </p>
          {digest ? <p style={{ color: '#5c524c', fontSize: '0.875rem' }}>Error reference: {digest}</p> : null}
        </main>
      </body>
    </html>
  )
}
