'use client'
/**
 * The back office's links in the admin's side navigation: "My schedule" for chefs, "Prep list" for
 * chefs, managers and admins. Editors see neither (the views would only tell them no).
 */
import { Link, useAuth, useConfig } from '@payloadcms/ui'
import { usePathname } from 'next/navigation'

import type { User } from '../../../payload-types'

export function BackofficeNavLinks() {
  const { user } = useAuth<User>()
  const { config } = useConfig()
  const pathname = usePathname()
  if (!user || user.collection !== 'users') return null
  const links = [
    ...(user.role === 'chef' ? [{ id: 'nav-my-schedule', href: `${config.routes.admin}/my-schedule`, label: 'My schedule' }] : []),
    ...(user.role === 'chef' || user.role === 'manager' || user.role === 'admin' ? [{ id: 'nav-prep-list', href: `${config.routes.admin}/prep-list`, label: 'Prep list' }] : []),
  ]
  return (
    <>
      {links.map((l) => {
        const current = pathname === l.href
        return (
          <Link key={l.id} href={l.href} className="nav__link" id={l.id} prefetch={false} aria-current={current ? 'page' : undefined}>
            {current ? <div className="nav__link-indicator" /> : null}
            <span className="nav__link-label">{l.label}</span>
          </Link>
        )
      })}
    </>
  )
}
