/**
 * Every collection of the app, in the order the admin panel lists them. Typed so that a
 * collection that does not state every access operation (src/access/types.ts) does not compile.
 */
import type { AppAuthCollection, AppCollection } from '../access/types'
import { Bookings } from './Bookings'
import { Customers } from './Customers'
import { EmailTemplates } from './EmailTemplates'
import { Media } from './Media'
import { MenuItems } from './MenuItems'
import { Messages } from './Messages'
import { Pages } from './Pages'
import { Payments } from './Payments'
import { StripeEvents } from './StripeEvents'
import { Threads } from './Threads'
import { Users } from './Users'
import { withDashboardPurge } from '../hooks/purgeDashboard'

export const collections: (AppCollection | AppAuthCollection)[] = [
  Users,
  Customers,
  // A change to these purges the back-office dashboard's cached figures (after the commit).
  withDashboardPurge(Bookings),
  withDashboardPurge(Payments),
  withDashboardPurge(Threads),
  withDashboardPurge(Messages),
  EmailTemplates,
  MenuItems,
  Pages,
  Media,
  StripeEvents,
]
