'use client'
/**
 * The "Calendar" link in the admin's side navigation, for managers and admins only (chefs and
 * editors cannot open the calendar, so they are not shown the way there). Marked as the current
 * page on /admin/calendar, like Payload's own links.
 */
import { Link, useAuth, useConfig } from '@payloadcms/ui'
import { usePathname } from 'next/navigation'

import type { User } from '../../../payload-types'

export function CalendarNavLink() {
  const { user } = useAuth<User>()
  const { config } = useConfig()
  const pathname = usePathname()
  if (!user || (user.role !== 'admin' && user.role !== 'manager')) return null
  const href = `${config.routes.admin}/calendar`
  const current = pathname === href
  return (
    <Link href={href} className="nav__link" id="nav-calendar" prefetch={false} aria-current={current ? 'page' : undefined}>
      {current ? <div className="nav__link-indicator" /> : null}
      <span className="nav__link-label">Calendar</span>
    </Link>
  )
}
