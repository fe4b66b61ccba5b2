/**
 * The seed's hibachi menu: proteins, upgrades, add-ons and sides, with prices in cents. Pure
 * data; must never do I/O. The seed finds its items by name, so a renamed item is a new item.
 */

type DietaryTag = 'vegetarian' | 'vegan' | 'gluten-free' | 'contains-shellfish' | 'contains-fish' | 'dairy-free' | 'nut-free'

export interface SeedMenuItem {
  name: string
  description: string
  category: 'protein' | 'upgrade' | 'add-on' | 'side'
  priceCents: number
  pricing: 'per_guest' | 'flat'
  dietaryTags: readonly DietaryTag[]
  sortOrder: number
  /** Its picture: a seed picture file (src/seed/art.ts), or none. */
  picture?: string
}

export const MENU_ITEMS = [
  {
    name: 'Hibachi Chicken',
    picture: 'plate-chicken',
    description: 'Boneless chicken thigh, diced and seared on the flat-top with garlic butter, then finished with our house teriyaki and toasted sesame.',
    category: 'protein',
    priceCents: 0,
    pricing: 'per_guest',
    dietaryTags: [],
    sortOrder: 10,
  },
  {
    name: 'NY Strip Steak',
    picture: 'plate-steak',
    description: 'USDA Choice New York strip, cut into bite-size pieces at the grill and cooked to each guest’s temperature with garlic butter and a splash of soy.',
    category: 'protein',
    priceCents: 0,
    pricing: 'per_guest',
    dietaryTags: [],
    sortOrder: 20,
  },
  {
    name: 'Shrimp',
    picture: 'plate-shrimp',
    description: 'Peeled, tail-off shrimp grilled with garlic butter, lemon and a little sake. Yes, one of them may get tossed your way.',
    category: 'protein',
    priceCents: 0,
    pricing: 'per_guest',
    dietaryTags: ['contains-shellfish'],
    sortOrder: 30,
  },
  {
    name: 'Atlantic Salmon',
    picture: 'plate-salmon',
    description: 'Skinless salmon fillet seared until just cooked through and glazed with teriyaki.',
    category: 'protein',
    priceCents: 0,
    pricing: 'per_guest',
    dietaryTags: ['contains-fish'],
    sortOrder: 40,
  },
  {
    name: 'Crispy Tofu',
    picture: 'plate-tofu',
    description: 'Extra-firm tofu crisped with vegetables and a ginger-soy glaze, cooked in vegetable oil (no butter) on a freshly cleaned part of the grill.',
    category: 'protein',
    priceCents: 0,
    pricing: 'per_guest',
    dietaryTags: ['vegan', 'vegetarian'],
    sortOrder: 50,
  },
  {
    name: 'Filet Mignon Upgrade',
    picture: 'plate-steak',
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
    picture: 'plate-noodles',
    description: 'Wheat noodles stir-fried on the grill with cabbage, carrot and onion in a sweet-savory yakisoba sauce. Priced per guest.',
    category: 'add-on',
    priceCents: 500,
    pricing: 'per_guest',
    dietaryTags: [],
    sortOrder: 90,
  },
  {
    name: 'Extra Fried Rice',
    picture: 'plate-fried-rice',
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
