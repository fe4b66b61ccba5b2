/**
 * The FAQ page: space, rain, allergies, guests per chef, deposit, timing, what to bring,
 * alcohol, tips and rooftop fire rules.
 * Prices, hours, lead time and party sizes are read from the seed's settings (`s`), not typed
 * into the copy. Pure data; must never do I/O.
 */
import { bold, heading, link, paragraph, richText } from '../../lexical'
import { BUSINESS_EMAIL, BUSINESS_PHONE, BUSINESS_PHONE_TEL, type SeedSettings } from '../settings'
import { dollars } from './format'
import type { SeedPage } from './types'

export function faqPage(s: SeedSettings): SeedPage {
  return {
    slug: 'faq',
    title: 'Frequently asked questions',
    meta: {
      title: 'FAQ: space, rain, allergies, deposit — MyHibachi',
      description: 'How much space the grill needs, what happens if it rains, allergies, guests per chef, the deposit, tipping and building fire rules for rooftops.',
    },
    content: richText(
      paragraph(
        'The questions hosts ask us most, answered. If yours is not here, call ',
        link(BUSINESS_PHONE, BUSINESS_PHONE_TEL),
        ' or email ',
        link(BUSINESS_EMAIL, `mailto:${BUSINESS_EMAIL}`),
        '.',
      ),
      heading('h2', 'How much space does the chef need?'),
      paragraph(
        'About 8 × 8 feet of level, open-air ground for each chef: a backyard, patio, rooftop, terrace or courtyard. That holds the grill, a prep table and room for the chef to move. Put your guests’ tables on three sides of it, so everyone can watch, and keep the grill clear of doorways, awnings, umbrellas, plants and anything else that can catch a spark.',
      ),
      paragraph(
        'The grill runs on propane, so we never cook indoors, in a garage, on a balcony or under a low roof. Tell us about stairs or a walk-up when you book: your chef carries the grill in, and a freight elevator saves everyone time.',
      ),
      heading('h2', 'What happens if it rains?'),
      paragraph(
        'Light rain is fine if there is a covered outdoor space with open sides, such as a porch, a high pergola with a solid roof or a pop-up canopy of at least 10 × 10 feet. Your chef will not cook in thunderstorms or strong wind, because the flames and the propane are not safe then.',
      ),
      paragraph(
        `If the forecast looks bad and you have no cover, move your event rather than cancel it: the link in your confirmation email lets you pick another free date and time, at least ${s.leadTimeHours} hours ahead, at no charge. Changing the date is never treated as a cancellation.`,
      ),
      heading('h2', 'Can you handle allergies and dietary needs?'),
      paragraph(
        'Yes, with care and honesty. Write every allergy in the dietary notes when you book and remind your chef when they arrive. For vegan, vegetarian and shellfish-allergic guests, the chef cleans a section of the grill and cooks their food first, with separate utensils; tofu is cooked in vegetable oil, not butter.',
      ),
      paragraph(
        'Everything is still cooked on one shared grill, and soy sauce (wheat), butter, egg and sesame are part of the cooking, so we cannot promise any dish is free of traces of an allergen. For a severe allergy, talk to us before you book.',
      ),
      heading('h2', 'How many guests can one chef cook for?'),
      paragraph(
        `One chef cooks for up to ${s.guestsPerChef} guests. For ${s.guestsPerChef + 1} to ${s.guestsPerChef * s.chefCount} guests we send two chefs with two grills at no extra charge, since you pay per guest; leave room for a second 8 × 8 ft station. For more than ${s.guestsPerChef * s.chefCount} guests, call us before you book and we will plan it with you.`,
      ),
      paragraph(
        `Small parties are welcome too. The food minimum is ${dollars(s.minimumOrderCents)} per event, so a party of four pays the minimum rather than four dinners.`,
      ),
      heading('h2', 'How do the deposit and cancellation work?'),
      paragraph(
        `A ${dollars(s.depositAmountCents)} deposit holds your date when you book, and the rest of the total is due on the day of the event. If you cancel 7 or more days before the event, we refund everything you paid; 3 to 6 days before, half; less than 3 days before, nothing, because your chef, ingredients and evening are committed by then. The full rules are on our `,
        link('policies page', '/policies'),
        '.',
      ),
      heading('h2', 'When does the chef arrive, and how long does it last?'),
      paragraph(
        `Your chef arrives about ${s.bufferBeforeMinutes} minutes before the start time to carry in, set up and heat the grill, so please have the space clear by then. Cooking and the show take about ${s.defaultDurationMinutes / 60} hours from the start time. Afterwards the chef scrapes down the grill, packs up and takes all the cooking equipment away; plan on about half an hour.`,
      ),
      heading('h2', 'What do you bring, and what do I provide?'),
      paragraph(bold('We bring: '), 'the chef, the grill and propane, all ingredients, cooking tools, a prep table, yum yum sauce and ginger sauce, and a fire extinguisher.'),
      paragraph(
        bold('You provide: '),
        'tables and chairs for your guests, plates, bowls, chopsticks or forks, napkins and drinks. Dinner is served straight from the grill onto your guests’ plates, so set the tables close to the chef.',
      ),
      heading('h2', 'Can we serve alcohol?'),
      paragraph(
        'Of course: it is your party, and your drinks. We do not sell or serve alcohol ourselves, and our chefs do not drink while they cook. Please keep glasses and bottles off the grill and the prep table, and let the chef ask guests to step back while the flames are high.',
      ),
      heading('h2', 'Should we tip the chef?'),
      paragraph(
        'Tips are not included in the price and never expected. If you would like to thank your chef, many hosts give 15–20% of the food total in cash or by a payment app, handed to the chef at the end of the evening. Every cent goes to the chef.',
      ),
      heading('h2', 'Can you cook on an apartment rooftop or terrace? What about fire rules?'),
      paragraph(
        'Often, yes: many of our dinners are on Manhattan rooftops, terraces and courtyards. But open flames and propane are regulated by the fire code and by your building, and many co-ops, condos and rental buildings do not allow propane on a roof or terrace at all. We never cook on a balcony or fire escape.',
      ),
      paragraph(
        'Before you book, get written permission from your building management or board, and put what they require in the special requests: a certificate of insurance (ask us at least a week ahead), a freight elevator reservation or set hours. If the building turns the chef away on the day, we cannot cook, and the cancellation policy applies.',
      ),
    ),
  }
}
