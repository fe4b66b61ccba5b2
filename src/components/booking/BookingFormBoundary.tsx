'use client'
/**
 * Keeps a failing booking widget from blanking the page: the error is reported to the server
 * (never the console), the customer sees plain words, their saved answers, a retry button and
 * how to book by phone instead.
 */
import type { ReactNode } from 'react'
import { ErrorBoundary } from 'react-error-boundary'

import { reportClientError } from '../../client/report'
import { telHref } from '../../site/format'

export function BookingFormBoundary({ children, phone, name }: { children: ReactNode; phone: string | null; name: string }) {
  return (
    <ErrorBoundary
      onError={(error) => reportClientError(error, { kind: 'boundary', component: name })}
      fallbackRender={({ resetErrorBoundary }) => (
      <div className="notice notice-error" role="alert">
        <h2>This part of the page stopped working</h2>
        <p>Sorry — something went wrong in the {name}. Your answers so far are saved on this device.</p>
        <p>
          <button type="button" className="button" onClick={resetErrorBoundary}>
            Try again
          </button>
        </p>
        {phone ? (
          <p>
            You can also book by phone: <a href={telHref(phone)}>{phone}</a>.
          </p>
        ) : null}
      </div>
      )}
    >
      {children}
    </ErrorBoundary>
  )
}
