'use client'
/**
 * The "Inbox" link in the admin's side navigation (admin.components.afterNavLinks), for managers
 * and admins only: chefs and editors cannot open the inbox, so they are not shown the way there.
 * Marked as the current page on /admin/inbox, like Payload's own links.
 */
import { Link, useAuth, useConfig } from '@payloadcms/ui'
import { usePathname } from 'next/navigation'

import type { User } from '../../../payload-types'

export function InboxNavLink() {
  const { user } = useAuth<User>()
  const { config } = useConfig()
  const pathname = usePathname()
  if (!user || (user.role !== 'admin' && user.role !== 'manager')) return null
  const href = `${config.routes.admin}/inbox`
  const current = pathname === href
  return (
    <Link href={href} className="nav__link" id="nav-inbox" prefetch={false} aria-current={current ? 'page' : undefined}>
      {current ? <div className="nav__link-indicator" /> : null}
      <span className="nav__link-label">Inbox</span>
    </Link>
  )
}
