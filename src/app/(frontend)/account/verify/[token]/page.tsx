/**
 * /account/verify/[token] — the link in the "confirm your email" message. Opening it changes
 * nothing (mail scanners open links): the customer presses "Confirm my email", which POSTs the
 * token. The token is a key: the page is never indexed or cached and sends no Referer
 * (next.config.mjs sets the same headers for every /account/ path).
 */
import type { Metadata } from 'next'

import { ConfirmEmail } from '../../../../../components/account/ConfirmEmail'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = {
  title: 'Confirm your email',
  robots: { index: false, follow: false },
  referrer: 'no-referrer',
}

export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  return (
    <>
      <header className="page-header">
        <h1>Confirm your email</h1>
      </header>
      <section className="card" aria-label="Confirm your email address" style={{ maxWidth: '36rem' }}>
        <ConfirmEmail token={token} />
      </section>
    </>
  )
}
