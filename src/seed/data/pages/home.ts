/**
 * The home page: what the evening is, what is included, how booking works, prices, and
 * changing or cancelling.
 * Prices, hours, lead time and party sizes are read from the seed's settings (`s`), not typed
 * into the copy. Pure data; must never do I/O.
 */
import { bold, bullets, heading, link, numbered, paragraph, richText } from '../../lexical'
import type { SeedSettings } from '../settings'
import { clock, dollars } from './format'
import type { SeedPage } from './types'

export function homePage(s: SeedSettings): SeedPage {
  return {
    slug: 'home',
    heroImage: 'hibachi-grill',
    title: 'Hibachi night, cooked at your home',
    meta: {
      title: 'MyHibachi — private hibachi chef at your home in Manhattan',
      description: 'A hibachi chef brings the grill, the food and the show to your rooftop, terrace or backyard in Manhattan. From $60 per adult. Book online.',
    },
    content: richText(
      paragraph(
        'MyHibachi sends a hibachi chef to your home. Your chef arrives with a propane flat-top grill, fresh ingredients and every tool needed, sets up outside, and cooks a full hibachi dinner in front of your guests: fried rice, grilled vegetables and two proteins for everyone, with the onion volcano and the knife tricks you remember from the restaurant. When dinner is done, the chef cleans the grill and takes everything away.',
      ),
      heading('h2', 'What is included'),
      bullets(
        ['Two proteins per guest, chosen from chicken, NY strip steak, shrimp, salmon and tofu'],
        ['Hibachi fried rice, grilled zucchini, onion and mushrooms, and a side salad with ginger dressing'],
        ['Your chef, the grill, propane, cooking tools, yum yum sauce and ginger sauce, and cleanup of the cooking area'],
        ['About two hours of cooking and entertainment; the chef arrives early to set up'],
      ),
      paragraph(
        'You provide tables, chairs, plates, utensils and drinks for your guests. We cook outdoors only — a backyard, patio, rooftop or terrace with about 8 × 8 feet of level space — because the grill runs on propane. If your building has rules about open flames, please check with management before you book.',
      ),
      heading('h2', 'How booking works'),
      numbered(
        [bold('Pick a date and a start time. '), `Events can start between ${clock(s.earliestStart)} and ${clock(s.latestStart)}, at least ${s.leadTimeHours} hours from now. The calendar only shows times we can still staff.`],
        [bold('Tell us about your party. '), 'Number of adults and children, your address, and what everyone would like to eat. You see the full price, with tax and any travel fee, before you book.'],
        [bold('Hold your date. '), `A ${dollars(s.depositAmountCents)} deposit reserves the evening; the rest is due on the day. We confirm by email and assign your chef.`],
        [bold('Enjoy the show. '), 'Your chef arrives about an hour before the start time to set up, cooks, and leaves the space clean.'],
      ),
      heading('h2', 'Prices'),
      bullets(
        [`${dollars(s.adultPriceCents)} per adult, ${dollars(s.childPriceCents)} per child aged ${s.childMaxAge} and under`],
        [`A ${dollars(s.minimumOrderCents)} food minimum per event (smaller parties are topped up to it)`],
        ['Upgrades such as filet mignon and lobster tail, and add-ons such as gyoza and yakisoba, are priced on the menu'],
        ['New York sales tax of 8.875% applies to food and travel fee'],
      ),
      heading('h2', 'Changing or cancelling'),
      paragraph(
        'Cancel 7 or more days before your event and we refund everything you paid; 3 to 6 days before, half; less than 3 days before, nothing, because your chef and ingredients are already committed. You can change the date or time from the link in your confirmation email while the event is still pending or confirmed. The details are on our ',
        link('policies page', '/policies'),
        '.',
      ),
    ),
  }
}
