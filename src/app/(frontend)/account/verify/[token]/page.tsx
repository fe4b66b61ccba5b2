/**
 * /account/verify/[token] — the link in the "confirm your email" message. Opening it changes
 * nothing (mail scanners open links): the customer presses "Confirm my email", which POSTs the
 * token. The token is a key: the page is never indexed or cached and sends no Referer
 * (next.config.mjs sets the same headers for every /account/ path).
 */
import { ConfirmEmail } from '../../../../../components/account/ConfirmEmail'
import { tokenPage, tokenPageMetadata } from '../../../../../components/account/TokenPage'

export const dynamic = 'force-dynamic'
export const metadata = tokenPageMetadata('Confirm your email')
export default tokenPage({ title: 'Confirm your email', label: 'Confirm your email address', Form: ConfirmEmail })
