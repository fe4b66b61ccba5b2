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

/**
 * The signed-in staff user. Anyone else is redirected the way Payload treats its own views
 * (which it does not do for custom ones): a visitor to the staff sign-in, which comes back to
 * `path` (under the admin route); someone signed in who is not staff — a customer, whose
 * storefront session uses the same cookie name — to the admin's "unauthorized" page. Sending a
 * signed-in customer to the sign-in would loop: it sends signed-in users on to `path`.
 */
export function staffOrSignIn(props: AdminViewServerProps, path: string): TypedUser {
  const { req } = props.initPageResult
  const { admin } = req.payload.config.routes
  const user = req.user
  if (user && isStaffUser(user)) return user
  if (user) redirect(`${admin}${req.payload.config.admin.routes.unauthorized}`)
  redirect(`${admin}/login?redirect=${encodeURIComponent(`${admin}${path}`)}`)
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
