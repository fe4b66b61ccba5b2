/**
 * The frame of an /account/<action>/[token] page (the links in account emails): its metadata
 * (never indexed, no Referer: the token is a key) and its layout, a heading and one card holding
 * the form. The form itself does the work; opening the page changes nothing.
 */
import type { Metadata } from 'next'
import type { ComponentType, ReactNode } from 'react'

export function tokenPageMetadata(title: string): Metadata {
  return { title, robots: { index: false, follow: false }, referrer: 'no-referrer' }
}

export function TokenPage({ title, label, children }: { title: string; label: string; children: ReactNode }) {
  return (
    <>
      <header className="page-header">
        <h1>{title}</h1>
      </header>
      <section className="card" aria-label={label} style={{ maxWidth: '36rem' }}>
        {children}
      </section>
    </>
  )
}

/** The page component for a token link whose form is `Form`. */
export function tokenPage({ title, label, Form }: { title: string; label: string; Form: ComponentType<{ token: string }> }) {
  return async function AccountTokenPage({ params }: { params: Promise<{ token: string }> }) {
    const { token } = await params
    return (
      <TokenPage title={title} label={label}>
        <Form token={token} />
      </TokenPage>
    )
  }
}
