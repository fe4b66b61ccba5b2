/**
 * Who may open each back-office view: the table the views read (src/access/backofficeViews.ts),
 * as a matrix over everyone who can hold a session — nobody, a customer (verified or not), and
 * each staff role. The e2e specs (backoffice-access, calendar, inbox, chef) prove the views use it.
 */
import { describe, expect, it } from 'vitest'

import { BACKOFFICE_VIEW_ROLES, mayOpenView, type BackofficeView } from '../../src/access/backofficeViews'
import { dashboardAudience } from '../../src/domain/dashboard'

const viewers = {
  anonymous: null,
  customer: { collection: 'customers', _verified: false },
  verifiedCustomer: { collection: 'customers', _verified: true },
  // A customer record that claims a staff role still is not staff.
  customerClaimingAdmin: { collection: 'customers', role: 'admin', _verified: true },
  staffWithoutRole: { collection: 'users', role: null },
  admin: { collection: 'users', role: 'admin' },
  manager: { collection: 'users', role: 'manager' },
  chef: { collection: 'users', role: 'chef' },
  editor: { collection: 'users', role: 'editor' },
} as const

type Viewer = keyof typeof viewers

const expected: Record<BackofficeView, Viewer[]> = {
  calendar: ['admin', 'manager'],
  inbox: ['admin', 'manager'],
  mySchedule: ['chef'],
  prepList: ['admin', 'manager', 'chef'],
}

describe('the back-office views: who may open which', () => {
  it('covers every view in the table', () => {
    expect(Object.keys(expected).sort()).toEqual(Object.keys(BACKOFFICE_VIEW_ROLES).sort())
  })
  for (const view of Object.keys(expected) as BackofficeView[]) {
    for (const viewer of Object.keys(viewers) as Viewer[]) {
      const allowed = expected[view].includes(viewer)
      it(`${view}: ${viewer} ${allowed ? 'may' : 'may not'} open it`, () => {
        expect(mayOpenView(viewers[viewer], view)).toBe(allowed)
      })
    }
  }
  it('the dashboard shows figures to admins and managers only, and nothing to non-staff', () => {
    const audience = Object.fromEntries((Object.keys(viewers) as Viewer[]).map((v) => [v, dashboardAudience(viewers[v])]))
    expect(audience).toEqual({
      anonymous: 'none',
      customer: 'none',
      verifiedCustomer: 'none',
      customerClaimingAdmin: 'none',
      staffWithoutRole: 'none',
      admin: 'figures',
      manager: 'figures',
      chef: 'chef',
      editor: 'content',
    })
  })
})
