'use client'
/**
 * Keeps a failing booking widget from blanking the page: the error is reported to the server
 * (never the console), the customer sees plain words, their saved answers, a retry button and
 * how to book by phone instead. A small class boundary of our own rather than
 * react-error-boundary: it is all /book needs, and the library was a kilobyte of the page's
 * own JavaScript budget (15 kB gzip).
 */
import { Component, type ReactNode } from 'react'

import { reportClientError } from '../../client/report'
import { telHref } from '../../site/format'

interface Props {
  children: ReactNode
  phone: string | null
  name: string
}

export class BookingFormBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false }

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true }
  }

  override componentDidCatch(error: Error): void {
    reportClientError(error, { kind: 'boundary', component: this.props.name })
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children
    const { phone, name } = this.props
    return (
      <div className="notice notice-error" role="alert">
        <h2>This part of the page stopped working</h2>
        <p>Sorry — something went wrong in the {name}. Your answers so far are saved on this device.</p>
        <p>
          <button type="button" className="button" onClick={() => this.setState({ failed: false })}>
            Try again
          </button>
        </p>
        {phone ? (
          <p>
            You can also book by phone: <a href={telHref(phone)}>{phone}</a>.
          </p>
        ) : null}
      </div>
    )
  }
}
