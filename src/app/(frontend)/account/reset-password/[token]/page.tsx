/**
 * /account/reset-password/[token] — the link in the "set a new password" message: the customer
 * chooses a password (for an account made by a booking, their first). Nothing happens until the
 * form is sent. The token is a key: the page is never indexed or cached and sends no Referer
 * (next.config.mjs sets the same headers for every /account/ path).
 */
import type { Metadata } from 'next'

import { ResetPasswordForm } from '../../../../../components/account/ResetPasswordForm'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = {
  title: 'Set a new password',
  robots: { index: false, follow: false },
  referrer: 'no-referrer',
}

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  return (
    <>
      <header className="page-header">
        <h1>Set a new password</h1>
      </header>
      <section className="card" aria-label="New password" style={{ maxWidth: '36rem' }}>
        <ResetPasswordForm token={token} />
      </section>
    </>
  )
}
