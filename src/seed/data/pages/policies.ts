/**
 * The policies page: the balance, changes, weather, the venue, the day itself, allergies and
 * personal details.
 * Prices, hours, lead time and party sizes are read from the seed's settings (`s`), not typed
 * into the copy. Pure data; must never do I/O.
 */
import { heading, link, paragraph, richText } from '../../lexical'
import type { SeedSettings } from '../settings'
import type { SeedPage } from './types'

export function policiesPage(s: SeedSettings): SeedPage {
  return {
    slug: 'policies',
    title: 'Booking policies',
    meta: {
      title: 'Deposit, cancellation and refund policy — MyHibachi',
      description: 'What the deposit covers, how refunds work when you cancel, how to change your date, and what we need from your venue and on the day.',
    },
    content: richText(
      heading('h2', 'Paying the balance'),
      paragraph(
        'Your deposit counts toward your total. The rest — food, any travel fee and New York sales tax, as shown when you booked — is due on the day of the event. Tips are never included and never expected.',
      ),
      heading('h2', 'Changing your booking'),
      paragraph(
        `You can move your event to another free date or time from the link in your confirmation email while the booking is pending or confirmed, as long as the new start is at least ${s.leadTimeHours} hours away. Moving an event is not a cancellation: your deposit moves with it. If you later cancel a moved event, the refund is counted from your original date (or from the new date, if you moved it earlier), so moving an event never changes what a cancellation refunds. Online changes close when the event starts: after that, please call us. The price is fixed when you book; it changes only if you change the party size or the menu. You can change the proteins per guest until two days before the event.`,
      ),
      heading('h2', 'Weather'),
      paragraph(
        'We cook outdoors in light rain under cover with open sides, but not in thunderstorms or strong wind. If the forecast is bad and you have no covered space, move the event rather than cancel it. If the weather turns unsafe after your chef has arrived, we will agree a new date with you, and your payment moves to it.',
      ),
      heading('h2', 'Your venue'),
      paragraph(
        'We need about 8 × 8 feet of level outdoor space per chef, and permission from your building where it has rules about open flames or propane. If the chef cannot cook on the day because the space is not usable or the building does not allow it, that counts as a cancellation on the day.',
      ),
      heading('h2', 'On the day'),
      paragraph(
        'Your chef is booked for your start time and the length of your event, and may be cooking for another party afterwards, so we cannot always stay longer if the party starts late. Please keep children and pets a safe distance from the grill while it is hot.',
      ),
      heading('h2', 'Allergies'),
      paragraph(
        'We cook on one shared grill with soy sauce, butter, egg and sesame, so we cannot guarantee any dish is free of traces of an allergen. Tell us about allergies when you book; see the ',
        link('FAQ', '/faq'),
        ' for how the chef handles them.',
      ),
      heading('h2', 'Your details'),
      paragraph(
        'We use your name, email, phone number and address only to run your booking and to contact you about it. We do not sell them or send marketing you did not ask for.',
      ),
    ),
  }
}
