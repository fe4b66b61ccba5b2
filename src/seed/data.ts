/**
 * The demo data the seed writes (scripts/seed.ts): business settings, the hibachi menu, two
 * chefs, the site pages (home, menu, faq, contact, policies), and twenty bookings spread over the
 * coming weeks. Pure data and pure date planning (callers pass "today"); no I/O. The integration
 * test reads the same names and emails to find what the seed owns.
 */
import { addDaysToDate, daysBetweenDates, DEFAULT_SETTINGS } from '../domain'
import { settingsDocFields } from '../globals/BusinessSettings/fromDoc'
import { bold, bullets, heading, link, numbered, paragraph, richText, type RichText } from './lexical'

// ---------------------------------------------------------------------------------------------
// Business settings
// ---------------------------------------------------------------------------------------------

export const BUSINESS_PHONE = '(212) 555-0147'
export const BUSINESS_PHONE_TEL = 'tel:+12125550147'
export const BUSINESS_EMAIL = 'hello@myhibachi.example'
export const TIMEZONE = DEFAULT_SETTINGS.timezone

export const SERVICE_AREAS = [
  { zone: 'Manhattan core (10001–10099)', zips: '10001-10099', travelFeeCents: 0 },
  { zone: 'Upper East Side & 101xx (10100–10199)', zips: '10100-10199', travelFeeCents: 2500 },
  { zone: 'Battery Park City & 102xx (10200–10299)', zips: '10200-10299', travelFeeCents: 4000 },
] as const

/** The next occurrence of month-day `mmdd` ('12-25') on or after `today` ('YYYY-MM-DD'). */
export function nextOccurrence(today: string, mmdd: string): string {
  const year = Number(today.slice(0, 4))
  const thisYear = `${String(year).padStart(4, '0')}-${mmdd}`
  return thisYear >= today ? thisYear : `${String(year + 1).padStart(4, '0')}-${mmdd}`
}

/** Christmas Day and New Year's Day, the upcoming ones. */
export function blackoutDates(today: string): { date: string; reason: string }[] {
  return [
    { date: nextOccurrence(today, '12-25'), reason: 'Christmas Day' },
    { date: nextOccurrence(today, '01-01'), reason: "New Year's Day" },
  ].sort((a, b) => a.date.localeCompare(b.date))
}

/**
 * The `business-settings` global as the seed writes it (field names as in the collection config):
 * the domain's default rules (src/domain/settings.ts) plus New York's service area, contact
 * details, holidays and terms.
 */
export function settingsData(today: string) {
  return {
    ...settingsDocFields(DEFAULT_SETTINGS),
    phone: BUSINESS_PHONE,
    email: BUSINESS_EMAIL,
    brandColor: '#b3261e',
    blackoutDates: blackoutDates(today),
    // The percent rule is not in use; 20 is the admin's default if the owner switches to it.
    depositPercent: 20,
    serviceAreas: SERVICE_AREAS.map((a) => ({ ...a })),
    termsSummary:
      'A $100 deposit holds your date. Cancel 7 or more days before the event for a full refund of what you paid, 3–6 days before for 50%, and less than 3 days before for no refund. ' +
      'We cook outdoors only (backyard, patio, rooftop or terrace) and need about 8 × 8 ft of level space.',
  }
}

// ---------------------------------------------------------------------------------------------
// Menu
// ---------------------------------------------------------------------------------------------

type DietaryTag = 'vegetarian' | 'vegan' | 'gluten-free' | 'contains-shellfish' | 'contains-fish' | 'dairy-free' | 'nut-free'

export interface SeedMenuItem {
  name: string
  description: string
  category: 'protein' | 'upgrade' | 'add-on' | 'side'
  priceCents: number
  pricing: 'per_guest' | 'flat'
  dietaryTags: readonly DietaryTag[]
  sortOrder: number
}

export const MENU_ITEMS = [
  {
    name: 'Hibachi Chicken',
    description: 'Boneless chicken thigh, diced and seared on the flat-top with garlic butter, then finished with our house teriyaki and toasted sesame.',
    category: 'protein',
    priceCents: 0,
    pricing: 'per_guest',
    dietaryTags: [],
    sortOrder: 10,
  },
  {
    name: 'NY Strip Steak',
    description: 'USDA Choice New York strip, cut into bite-size pieces at the grill and cooked to each guest’s temperature with garlic butter and a splash of soy.',
    category: 'protein',
    priceCents: 0,
    pricing: 'per_guest',
    dietaryTags: [],
    sortOrder: 20,
  },
  {
    name: 'Shrimp',
    description: 'Peeled, tail-off shrimp grilled with garlic butter, lemon and a little sake. Yes, one of them may get tossed your way.',
    category: 'protein',
    priceCents: 0,
    pricing: 'per_guest',
    dietaryTags: ['contains-shellfish'],
    sortOrder: 30,
  },
  {
    name: 'Atlantic Salmon',
    description: 'Skinless salmon fillet seared until just cooked through and glazed with teriyaki.',
    category: 'protein',
    priceCents: 0,
    pricing: 'per_guest',
    dietaryTags: ['contains-fish'],
    sortOrder: 40,
  },
  {
    name: 'Crispy Tofu',
    description: 'Extra-firm tofu crisped with vegetables and a ginger-soy glaze, cooked in vegetable oil (no butter) on a freshly cleaned part of the grill.',
    category: 'protein',
    priceCents: 0,
    pricing: 'per_guest',
    dietaryTags: ['vegan', 'vegetarian'],
    sortOrder: 50,
  },
  {
    name: 'Filet Mignon Upgrade',
    description: 'Swap a guest’s steak for center-cut beef tenderloin: leaner, more tender, cooked to order. Priced per guest who upgrades.',
    category: 'upgrade',
    priceCents: 1000,
    pricing: 'per_guest',
    dietaryTags: [],
    sortOrder: 60,
  },
  {
    name: 'Lobster Tail Upgrade',
    description: 'A 4–5 oz cold-water lobster tail per guest, split, grilled in the shell with garlic butter and lemon. Priced per guest who upgrades.',
    category: 'upgrade',
    priceCents: 1500,
    pricing: 'per_guest',
    dietaryTags: ['contains-shellfish'],
    sortOrder: 70,
  },
  {
    name: 'Pork & Vegetable Gyoza (12 pcs)',
    description: 'A dozen pan-fried dumplings filled with pork, cabbage and scallion, served with ponzu for dipping. Priced per dozen.',
    category: 'add-on',
    priceCents: 1500,
    pricing: 'flat',
    dietaryTags: [],
    sortOrder: 80,
  },
  {
    name: 'Yakisoba Noodles',
    description: 'Wheat noodles stir-fried on the grill with cabbage, carrot and onion in a sweet-savory yakisoba sauce. Priced per guest.',
    category: 'add-on',
    priceCents: 500,
    pricing: 'per_guest',
    dietaryTags: [],
    sortOrder: 90,
  },
  {
    name: 'Extra Fried Rice',
    description: 'A second round of hibachi fried rice with egg, peas, carrot, onion and garlic butter, for big appetites and leftovers. Priced per guest.',
    category: 'add-on',
    priceCents: 400,
    pricing: 'per_guest',
    dietaryTags: [],
    sortOrder: 100,
  },
  {
    name: 'Edamame',
    description: 'A large bowl of steamed edamame in the pod with flaky sea salt, for the table while the grill heats up. Serves about six.',
    category: 'side',
    priceCents: 800,
    pricing: 'flat',
    dietaryTags: ['vegan', 'vegetarian', 'gluten-free'],
    sortOrder: 110,
  },
] as const satisfies readonly SeedMenuItem[]

export type MenuItemName = (typeof MENU_ITEMS)[number]['name']

// ---------------------------------------------------------------------------------------------
// Chefs
// ---------------------------------------------------------------------------------------------

export const CHEFS = [
  { key: 'kenji', name: 'Kenji Watanabe', email: 'chef.kenji@myhibachi.example', phone: '(212) 555-0181' },
  { key: 'maria', name: 'Maria Alvarez', email: 'chef.maria@myhibachi.example', phone: '(212) 555-0182' },
] as const

export type ChefKey = (typeof CHEFS)[number]['key']

// ---------------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------------

/** '22:00' → '10 pm', '12:30' → '12:30 pm' (US copy). */
function clock(hhmm: string): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number)
  const hour12 = h % 12 === 0 ? 12 : h % 12
  return `${hour12}${m === 0 ? '' : `:${String(m).padStart(2, '0')}`} ${h < 12 ? 'am' : 'pm'}`
}

const dollars = (cents: number) => (cents % 100 === 0 ? `$${cents / 100}` : `$${(cents / 100).toFixed(2)}`)

export interface SeedPage {
  slug: string
  title: string
  content: RichText
  meta: { title: string; description: string }
}

export function pagesData(): SeedPage[] {
  const s = settingsData('2000-01-01')
  return [
    {
      slug: 'home',
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
    },
    {
      slug: 'menu',
      title: 'The menu',
      meta: {
        title: 'Menu and prices — MyHibachi',
        description: 'Hibachi chicken, NY strip, shrimp, salmon or tofu with fried rice and vegetables. $60 per adult, $30 per child. Upgrades and add-ons priced per guest.',
      },
      content: richText(
        paragraph(
          'Every guest gets the full hibachi dinner: a side salad with ginger dressing, hibachi fried rice, grilled vegetables and two proteins of their choice, cooked in front of them. Pick proteins per guest when you book; you can change the split until two days before the event.',
        ),
        heading('h2', 'How pricing works'),
        bullets(
          [bold(`${dollars(s.adultPriceCents)} per adult`), ' and ', bold(`${dollars(s.childPriceCents)} per child`), ` (${s.childMaxAge} and under) covers the full dinner with two proteins.`],
          [bold('Upgrades'), ' are charged per guest who takes them: if four guests want lobster, add lobster for four.'],
          [bold('Add-ons and sides'), ' are either per guest or a flat price per order, as marked below.'],
          [bold(`${dollars(s.minimumOrderCents)} minimum`), ' for food per event; smaller parties are topped up to it.'],
          ['New York sales tax (8.875%) and a travel fee for some ZIP codes are added at checkout; you see the exact total before you book.'],
        ),
        heading('h2', 'Allergies and dietary needs'),
        paragraph(
          'Tell us about allergies in the dietary notes when you book and remind your chef on arrival. Everything is cooked on one shared grill with soy sauce, butter, egg and sesame in the kitchen, so we cannot promise a dish free of traces of any allergen. For vegan and shellfish-allergic guests, the chef cleans a section of the grill and cooks their food first.',
        ),
      ),
    },
    {
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
    },
    {
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
    },
    {
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
    },
  ]
}

// ---------------------------------------------------------------------------------------------
// Bookings
// ---------------------------------------------------------------------------------------------

export type SeedOutcome = 'pending' | 'confirmed' | 'cancelled-from-pending' | 'cancelled-from-confirmed'

export interface SeedBooking {
  contact: { name: string; email: string; phone: string }
  guests: { adults: number; children: number }
  address: { street: string; city: string; state: string; zip: string }
  menu: { item: MenuItemName; quantity: number }[]
  specialRequests?: string
  dietaryNotes?: string
  source: 'web' | 'phone' | 'chat'
  outcome: SeedOutcome
  /** Chefs assigned when the booking is confirmed (only if the chefs exist). */
  chefs?: ChefKey[]
  cancelReason?: string
}

const nyc = (street: string, zip: string) => ({ street, city: 'New York', state: 'NY', zip })

/** In date order once planned: the first is the soonest. Each contact email appears once. */
export const BOOKINGS: SeedBooking[] = [
  {
    contact: { name: 'Priya Shah', email: 'priya.shah@example.com', phone: '(917) 555-0101' },
    guests: { adults: 10, children: 2 },
    address: nyc('214 W 72nd St, Apt 9C (terrace)', '10023'),
    menu: [
      { item: 'Hibachi Chicken', quantity: 8 },
      { item: 'NY Strip Steak', quantity: 8 },
      { item: 'Shrimp', quantity: 6 },
      { item: 'Atlantic Salmon', quantity: 2 },
      { item: 'Filet Mignon Upgrade', quantity: 2 },
      { item: 'Yakisoba Noodles', quantity: 12 },
      { item: 'Pork & Vegetable Gyoza (12 pcs)', quantity: 2 },
    ],
    specialRequests: 'Our son turns 10 — could the chef do the onion volcano and sing happy birthday?',
    source: 'web',
    outcome: 'confirmed',
    chefs: ['kenji'],
  },
  {
    contact: { name: 'Marcus Green', email: 'marcus.green@example.com', phone: '(646) 555-0102' },
    guests: { adults: 8, children: 0 },
    address: nyc('455 W 22nd St (rooftop)', '10011'),
    menu: [
      { item: 'Hibachi Chicken', quantity: 6 },
      { item: 'NY Strip Steak', quantity: 6 },
      { item: 'Shrimp', quantity: 4 },
      { item: 'Lobster Tail Upgrade', quantity: 4 },
      { item: 'Edamame', quantity: 1 },
    ],
    dietaryNotes: 'One guest is allergic to sesame.',
    source: 'phone',
    outcome: 'confirmed',
    chefs: ['maria'],
  },
  {
    contact: { name: 'Elena Rossi', email: 'elena.rossi@example.com', phone: '(212) 555-0103' },
    guests: { adults: 5, children: 1 },
    address: nyc('61 Perry St (garden)', '10014'),
    menu: [
      { item: 'Hibachi Chicken', quantity: 4 },
      { item: 'Shrimp', quantity: 4 },
      { item: 'Crispy Tofu', quantity: 2 },
      { item: 'Atlantic Salmon', quantity: 2 },
    ],
    dietaryNotes: 'One vegetarian guest.',
    source: 'web',
    outcome: 'pending',
  },
  {
    contact: { name: 'David Kim', email: 'david.kim@example.com', phone: '(917) 555-0104' },
    guests: { adults: 14, children: 0 },
    address: nyc('1660 Third Ave, PH (terrace)', '10128'),
    menu: [
      { item: 'NY Strip Steak', quantity: 14 },
      { item: 'Shrimp', quantity: 10 },
      { item: 'Hibachi Chicken', quantity: 4 },
      { item: 'Yakisoba Noodles', quantity: 14 },
    ],
    source: 'web',
    outcome: 'cancelled-from-confirmed',
    cancelReason: 'Moved the party indoors to a restaurant because of the weather forecast.',
  },
  {
    contact: { name: 'Aisha Bello', email: 'aisha.bello@example.com', phone: '(347) 555-0105' },
    guests: { adults: 12, children: 3 },
    address: nyc('128 W 131st St (backyard)', '10027'),
    menu: [
      { item: 'Hibachi Chicken', quantity: 10 },
      { item: 'NY Strip Steak', quantity: 10 },
      { item: 'Shrimp', quantity: 10 },
      { item: 'Yakisoba Noodles', quantity: 15 },
      { item: 'Extra Fried Rice', quantity: 15 },
    ],
    specialRequests: 'Family reunion; the kids would love to try catching a piece of zucchini.',
    source: 'web',
    outcome: 'confirmed',
    chefs: ['kenji'],
  },
  {
    contact: { name: "Tom O'Brien", email: 'tom.obrien@example.com', phone: '(212) 555-0106' },
    guests: { adults: 6, children: 4 },
    address: nyc('301 W 84th St (backyard)', '10024'),
    menu: [
      { item: 'Hibachi Chicken', quantity: 10 },
      { item: 'NY Strip Steak', quantity: 6 },
      { item: 'Shrimp', quantity: 4 },
      { item: 'Pork & Vegetable Gyoza (12 pcs)', quantity: 1 },
    ],
    source: 'chat',
    outcome: 'confirmed',
  },
  {
    contact: { name: 'Sofia Martinez', email: 'sofia.martinez@example.com', phone: '(646) 555-0107' },
    guests: { adults: 9, children: 0 },
    address: nyc('85 E 4th St (rooftop)', '10003'),
    menu: [
      { item: 'NY Strip Steak', quantity: 9 },
      { item: 'Shrimp', quantity: 9 },
      { item: 'Filet Mignon Upgrade', quantity: 3 },
      { item: 'Lobster Tail Upgrade', quantity: 3 },
    ],
    specialRequests: 'Bachelorette dinner on the roof; we will have music playing.',
    source: 'web',
    outcome: 'pending',
  },
  {
    contact: { name: 'Jonathan Weiss', email: 'jonathan.weiss@example.com', phone: '(212) 555-0108' },
    guests: { adults: 18, children: 4 },
    address: nyc('300 North End Ave (courtyard)', '10282'),
    menu: [
      { item: 'Hibachi Chicken', quantity: 20 },
      { item: 'NY Strip Steak', quantity: 14 },
      { item: 'Shrimp', quantity: 10 },
      { item: 'Lobster Tail Upgrade', quantity: 6 },
      { item: 'Pork & Vegetable Gyoza (12 pcs)', quantity: 3 },
      { item: 'Edamame', quantity: 2 },
    ],
    specialRequests: 'Team dinner for the office; please bring a receipt with the company name.',
    source: 'phone',
    outcome: 'confirmed',
    chefs: ['kenji', 'maria'],
  },
  {
    contact: { name: 'Hannah Lee', email: 'hannah.lee@example.com', phone: '(917) 555-0109' },
    guests: { adults: 4, children: 0 },
    address: nyc('150 E 37th St (patio)', '10016'),
    menu: [
      { item: 'Hibachi Chicken', quantity: 2 },
      { item: 'Atlantic Salmon', quantity: 2 },
      { item: 'Crispy Tofu', quantity: 2 },
      { item: 'Shrimp', quantity: 2 },
    ],
    dietaryNotes: 'One vegan guest.',
    source: 'web',
    outcome: 'pending',
  },
  {
    contact: { name: 'Carlos Ramirez', email: 'carlos.ramirez@example.com', phone: '(347) 555-0110' },
    guests: { adults: 7, children: 2 },
    address: nyc('45 Park Terrace E (backyard)', '10034'),
    menu: [
      { item: 'Hibachi Chicken', quantity: 9 },
      { item: 'NY Strip Steak', quantity: 5 },
      { item: 'Shrimp', quantity: 4 },
    ],
    source: 'phone',
    outcome: 'cancelled-from-pending',
    cancelReason: 'Family emergency; we will rebook in the spring.',
  },
  {
    contact: { name: 'Grace Chen', email: 'grace.chen@example.com', phone: '(646) 555-0111' },
    guests: { adults: 11, children: 0 },
    address: nyc('110 Greene St (roof deck)', '10012'),
    menu: [
      { item: 'Hibachi Chicken', quantity: 6 },
      { item: 'NY Strip Steak', quantity: 8 },
      { item: 'Shrimp', quantity: 8 },
      { item: 'Filet Mignon Upgrade', quantity: 4 },
    ],
    dietaryNotes: 'Two guests avoid gluten.',
    source: 'web',
    outcome: 'confirmed',
    chefs: ['maria'],
  },
  {
    contact: { name: 'Samuel Okafor', email: 'samuel.okafor@example.com', phone: '(917) 555-0112' },
    guests: { adults: 8, children: 2 },
    address: nyc('460 W 147th St (backyard)', '10031'),
    menu: [
      { item: 'Hibachi Chicken', quantity: 10 },
      { item: 'NY Strip Steak', quantity: 5 },
      { item: 'Shrimp', quantity: 5 },
      { item: 'Yakisoba Noodles', quantity: 10 },
    ],
    source: 'phone',
    outcome: 'pending',
  },
  {
    contact: { name: 'Olivia Bennett', email: 'olivia.bennett@example.com', phone: '(212) 555-0113' },
    guests: { adults: 13, children: 0 },
    address: nyc('245 E 63rd St (terrace)', '10065'),
    menu: [
      { item: 'NY Strip Steak', quantity: 13 },
      { item: 'Shrimp', quantity: 13 },
      { item: 'Lobster Tail Upgrade', quantity: 5 },
      { item: 'Edamame', quantity: 2 },
    ],
    specialRequests: 'Our 25th anniversary.',
    source: 'web',
    outcome: 'confirmed',
    chefs: ['kenji'],
  },
  {
    contact: { name: 'Raj Patel', email: 'raj.patel@example.com', phone: '(646) 555-0114' },
    guests: { adults: 14, children: 4 },
    address: nyc('505 W 43rd St (rooftop)', '10036'),
    menu: [
      { item: 'Hibachi Chicken', quantity: 18 },
      { item: 'Shrimp', quantity: 10 },
      { item: 'Crispy Tofu', quantity: 4 },
      { item: 'Atlantic Salmon', quantity: 4 },
      { item: 'Yakisoba Noodles', quantity: 18 },
      { item: 'Pork & Vegetable Gyoza (12 pcs)', quantity: 2 },
    ],
    dietaryNotes: 'Four vegetarian guests (tofu for them, please).',
    source: 'web',
    outcome: 'pending',
  },
  {
    contact: { name: 'Emily Novak', email: 'emily.novak@example.com', phone: '(917) 555-0115' },
    guests: { adults: 6, children: 0 },
    address: nyc('35 Hudson St (terrace)', '10013'),
    menu: [
      { item: 'NY Strip Steak', quantity: 6 },
      { item: 'Atlantic Salmon', quantity: 6 },
      { item: 'Filet Mignon Upgrade', quantity: 6 },
    ],
    source: 'chat',
    outcome: 'confirmed',
  },
  {
    contact: { name: 'Kevin Brooks', email: 'kevin.brooks@example.com', phone: '(347) 555-0116' },
    guests: { adults: 10, children: 5 },
    address: nyc('540 W 112th St (backyard)', '10025'),
    menu: [
      { item: 'Hibachi Chicken', quantity: 15 },
      { item: 'NY Strip Steak', quantity: 10 },
      { item: 'Shrimp', quantity: 5 },
      { item: 'Extra Fried Rice', quantity: 15 },
    ],
    source: 'web',
    outcome: 'pending',
  },
  {
    contact: { name: 'Natalie Dubois', email: 'natalie.dubois@example.com', phone: '(212) 555-0117' },
    guests: { adults: 20, children: 5 },
    address: nyc('21 South End Ave (courtyard)', '10280'),
    menu: [
      { item: 'Hibachi Chicken', quantity: 25 },
      { item: 'NY Strip Steak', quantity: 15 },
      { item: 'Shrimp', quantity: 10 },
      { item: 'Yakisoba Noodles', quantity: 25 },
    ],
    source: 'web',
    outcome: 'cancelled-from-pending',
    cancelReason: 'The building would not allow a propane grill in the courtyard.',
  },
  {
    contact: { name: 'Ben Carter', email: 'ben.carter@example.com', phone: '(646) 555-0118' },
    guests: { adults: 9, children: 0 },
    address: nyc('270 W 17th St (roof deck)', '10001'),
    menu: [
      { item: 'Hibachi Chicken', quantity: 9 },
      { item: 'NY Strip Steak', quantity: 9 },
      { item: 'Pork & Vegetable Gyoza (12 pcs)', quantity: 1 },
    ],
    source: 'web',
    outcome: 'pending',
  },
  {
    contact: { name: 'Laura Schmidt', email: 'laura.schmidt@example.com', phone: '(917) 555-0119' },
    guests: { adults: 5, children: 3 },
    address: nyc('340 E 86th St (garden)', '10028'),
    menu: [
      { item: 'Hibachi Chicken', quantity: 8 },
      { item: 'Shrimp', quantity: 4 },
      { item: 'Crispy Tofu', quantity: 4 },
      { item: 'Edamame', quantity: 1 },
    ],
    dietaryNotes: 'One child has a shellfish allergy; please cook her food before the shrimp.',
    source: 'web',
    outcome: 'pending',
  },
  {
    contact: { name: 'Michael Torres', email: 'michael.torres@example.com', phone: '(212) 555-0120' },
    guests: { adults: 16, children: 0 },
    address: nyc('201 E 79th St (terrace)', '10021'),
    menu: [
      { item: 'NY Strip Steak', quantity: 16 },
      { item: 'Shrimp', quantity: 16 },
      { item: 'Lobster Tail Upgrade', quantity: 8 },
      { item: 'Yakisoba Noodles', quantity: 16 },
    ],
    specialRequests: "My father's 70th birthday.",
    source: 'phone',
    outcome: 'pending',
  },
]

export const SEED_BOOKING_EMAILS: readonly string[] = BOOKINGS.map((b) => b.contact.email)

// ---------------------------------------------------------------------------------------------
// Booking dates
// ---------------------------------------------------------------------------------------------

/** Start times by weekday (0 = Sunday). Two Saturday events never overlap, buffers included. */
const WEEKLY_STARTS: Record<number, string[]> = {
  0: ['13:00'],
  2: ['18:00'],
  4: ['18:30'],
  5: ['19:00'],
  6: ['12:30', '18:00'],
}

/** Other start times tried, in order, when the planned one is full (other data in the database). */
export const FALLBACK_STARTS = ['11:00', '14:30', '16:00', '20:00', '21:30'] as const

export const FIRST_DAY_OFFSET = 14
export const LAST_DAY_OFFSET = 55

function weekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay()
}

export interface PlannedSlot {
  eventDate: string
  startTime: string
}

/**
 * `count` event slots between today + 2 weeks and today + 8 weeks (business calendar), on
 * Tuesday to Sunday evenings and Saturday/Sunday lunchtimes, never on a blackout date, spread
 * evenly over the whole window, in date order.
 */
export function planSlots(today: string, blackouts: readonly string[], count: number): PlannedSlot[] {
  const candidates: PlannedSlot[] = []
  for (let offset = FIRST_DAY_OFFSET; offset <= LAST_DAY_OFFSET; offset++) {
    const eventDate = addDaysToDate(today, offset)
    if (blackouts.includes(eventDate)) continue
    for (const startTime of WEEKLY_STARTS[weekday(eventDate)] ?? []) candidates.push({ eventDate, startTime })
  }
  if (candidates.length < count) throw new Error(`only ${candidates.length} event slots in the seed window; ${count} needed`)
  const picked: PlannedSlot[] = []
  for (let i = 0; i < count; i++) {
    const slot = candidates[Math.floor((i * candidates.length) / count)]
    if (slot) picked.push(slot)
  }
  return picked
}

/** Whole days from `today` to `date` (for logs and tests). */
export const daysFromToday = (today: string, date: string) => daysBetweenDates(today, date)
