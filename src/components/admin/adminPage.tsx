/**
 * What every custom admin view (inbox, calendar, My schedule, prep list) wraps itself in:
 * Payload's own chrome (nav, header) around the page, and the sign-in redirect for anyone who is
 * not staff. Role checks stay in each view: they differ.
 */
import type { AdminViewServerProps, TypedUser } from 'payload'

import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter } from '@payloadcms/ui'
import { redirect } from 'next/navigation'
import type { ReactNode } from 'react'

import { isStaffUser } from '../../access/roles'

/** The signed-in staff user, or a redirect to the staff sign-in that comes back to `path` (under the admin route). */
export function staffOrSignIn(props: AdminViewServerProps, path: string): TypedUser {
  const { req } = props.initPageResult
  const user = req.user
  if (!user || !isStaffUser(user)) redirect(`${req.payload.config.routes.admin}/login?redirect=${encodeURIComponent(`${req.payload.config.routes.admin}${path}`)}`)
  return user
}

/** `children` in Payload's admin chrome, as the view `viewType`, in a gutter with `className`. */
export function adminPage(props: AdminViewServerProps, user: TypedUser, viewType: string, className: string, children: ReactNode) {
  const { initPageResult, params, searchParams } = props
  const { req, permissions, visibleEntities, locale } = initPageResult
  return (
    <DefaultTemplate
      i18n={req.i18n}
      locale={locale}
      params={params}
      payload={req.payload}
      permissions={permissions}
      req={req}
      searchParams={searchParams}
      user={user}
      visibleEntities={visibleEntities}
      viewType={viewType}
    >
      <Gutter className={className}>{children}</Gutter>
    </DefaultTemplate>
  )
}
