/**
 * /account/reset-password/[token] — the link in the "set a new password" message: the customer
 * chooses a password (for an account made by a booking, their first). Nothing happens until the
 * form is sent. The token is a key: the page is never indexed or cached and sends no Referer
 * (next.config.mjs sets the same headers for every /account/ path).
 */
import { ResetPasswordForm } from '../../../../../components/account/ResetPasswordForm'
import { tokenPage, tokenPageMetadata } from '../../../../../components/account/TokenPage'

export const dynamic = 'force-dynamic'
export const metadata = tokenPageMetadata('Set a new password')
export default tokenPage({ title: 'Set a new password', label: 'New password', Form: ResetPasswordForm })
