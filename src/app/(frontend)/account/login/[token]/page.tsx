/**
 * /account/login/[token] — the link in the "your sign-in link" email. Opening it changes nothing
 * (mail scanners open links): the customer presses "Sign in", which POSTs the token. The token is
 * a key: the page is never indexed or cached and sends no Referer (next.config.mjs sets the same
 * headers for every /account path).
 */
import { RedeemLoginLink } from '../../../../../components/account/RedeemLoginLink'
import { tokenPage, tokenPageMetadata } from '../../../../../components/account/TokenPage'

export const dynamic = 'force-dynamic'
export const metadata = tokenPageMetadata('Sign in')
export default tokenPage({ title: 'Sign in', label: 'Sign in with your email link', Form: RedeemLoginLink })
