/**
 * The menu page: what every guest gets, how pricing works, allergies (the storefront lists
 * the items themselves from the menu collection).
 * Prices, hours, lead time and party sizes are read from the seed's settings (`s`), not typed
 * into the copy. Pure data; must never do I/O.
 */
import { bold, bullets, heading, paragraph, richText } from '../../lexical'
import type { SeedSettings } from '../settings'
import { dollars } from './format'
import type { SeedPage } from './types'

export function menuPage(s: SeedSettings): SeedPage {
  return {
    slug: 'menu',
    heroImage: 'chef',
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
  }
}
