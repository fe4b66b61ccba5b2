/**
 * What the back-office views (My schedule, Prep list) share: Payload's chrome around the page, the
 * sign-in redirect for anyone who is not staff, and the menu items of a set of bookings, read as
 * the signed-in user (never with overrideAccess).
 */
import type { AdminViewServerProps, PayloadRequest, TypedUser } from 'payload'

import type { ReactNode } from 'react'

import type { MenuItemForPricing } from '../../../domain'
import type { Booking } from '../../../payload-types'
import { adminPage, staffOrSignIn } from '../adminPage'
import './backoffice.css'

export type MenuRef = Pick<MenuItemForPricing, 'id' | 'name' | 'category' | 'pricing'>

export { staffOrSignIn }

export function page(props: AdminViewServerProps, user: TypedUser, viewType: string, className: string, children: ReactNode) {
  return adminPage(props, user, viewType, `backoffice ${className}`, children)
}

/** The menu items the bookings name, by id, read as `user` (staff read inactive items too). */
export async function menuItemsOf(req: PayloadRequest, user: TypedUser, bookings: Pick<Booking, 'menu'>[]): Promise<Map<string, MenuRef>> {
  const ids = [...new Set(bookings.flatMap((b) => (b.menu ?? []).map((row) => (typeof row.item === 'object' ? row.item.id : row.item))))]
  if (ids.length === 0) return new Map()
  const found = await req.payload.find({ collection: 'menu-items', where: { id: { in: ids } }, user, overrideAccess: false, depth: 0, limit: ids.length, pagination: false, select: { name: true, category: true, pricing: true } })
  return new Map(found.docs.map((d) => [String(d.id), { id: String(d.id), name: d.name, category: d.category, pricing: d.pricing === 'flat' ? 'flat' : 'per_guest' }]))
}

export function menuRowsOf(booking: Pick<Booking, 'menu'>, items: Map<string, MenuRef>): { item: MenuRef; quantity: number }[] {
  return (booking.menu ?? []).flatMap((row) => {
    const item = items.get(String(typeof row.item === 'object' ? row.item.id : row.item))
    return item ? [{ item, quantity: row.quantity }] : []
  })
}

export function Denied({ title, reason, adminRoute }: { title: string; reason: string; adminRoute: string }) {
  return (
    <div className="backoffice-denied" role="alert">
      <h1>{title}</h1>
      <p>{reason}</p>
      <p>
        <a href={adminRoute}>Back to the dashboard</a>
      </p>
    </div>
  )
}
