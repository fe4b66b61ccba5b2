/**
 * The contact page: when to call or write, what to tell us, large parties.
 * Prices, hours, lead time and party sizes are read from the seed's settings (`s`), not typed
 * into the copy. Pure data; must never do I/O.
 */
import { bold, bullets, heading, link, paragraph, richText } from '../../lexical'
import type { SeedSettings } from '../settings'
import type { SeedPage } from './types'

export function contactPage(s: SeedSettings): SeedPage {
  return {
    slug: 'contact',
    title: 'Contact us',
    meta: {
      title: 'Contact MyHibachi — call or email about your hibachi party',
      description: 'Call or email MyHibachi about a private hibachi chef in Manhattan: dates, large parties, building requirements and changes to a booking.',
    },
    content: richText(
      paragraph(
        'A person answers, usually the same day. Phone is quickest for anything about a booking in the next few days; email is best when you have details to send us, such as a building’s insurance requirements.',
      ),
      heading('h2', 'Before you write'),
      bullets(
        [bold('Checking a date? '), 'The ', link('booking page', '/book'), ' shows every start time we can still staff, live. No need to ask first.'],
        [bold('Changing or cancelling? '), 'Use the link in your confirmation email: it changes the date or time, or cancels, straight away and shows any refund.'],
        [bold('Questions about space, rain or allergies? '), 'Our ', link('FAQ', '/faq'), ' answers the common ones.'],
      ),
      heading('h2', 'What to tell us'),
      paragraph('For a quote or a special request, these let us answer in one reply:'),
      bullets(
        ['The date and the start time you have in mind'],
        ['The address with its ZIP code, and where the grill would go (backyard, rooftop, terrace)'],
        [`How many adults and how many children aged ${s.childMaxAge} and under`],
        ['Allergies or dietary needs, and anything your building requires'],
      ),
      heading('h2', 'Large parties and company events'),
      paragraph(
        `For more than ${s.guestsPerChef * s.chefCount} guests, an office dinner with an invoice to a company, or a venue that needs a certificate of insurance, email us at least two weeks ahead so we can plan chefs and paperwork.`,
      ),
    ),
  }
}
