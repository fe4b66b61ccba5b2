/**
 * The last ten seed bookings, in date order once planned: the later half of the window.
 * Pure data, one row a booking (its columns: SeedBookingRow in ./types.ts); must never reuse a
 * contact email: the seed finds its bookings by email.
 */
import { bookingsFromRows } from './types'

export const LATER_BOOKINGS = bookingsFromRows([
  [['Grace Chen', 'grace.chen@example.com', '(646) 555-0111'], [11, 0], ['110 Greene St (roof deck)', '10012'], { 'Hibachi Chicken': 6, 'NY Strip Steak': 8, Shrimp: 8, 'Filet Mignon Upgrade': 4 }, { dietaryNotes: 'Two guests avoid gluten.', source: 'web', outcome: 'confirmed', chefs: ['maria'] }],
  [['Samuel Okafor', 'samuel.okafor@example.com', '(917) 555-0112'], [8, 2], ['460 W 147th St (backyard)', '10031'], { 'Hibachi Chicken': 10, 'NY Strip Steak': 5, Shrimp: 5, 'Yakisoba Noodles': 10 }, { source: 'phone', outcome: 'pending' }],
  [['Olivia Bennett', 'olivia.bennett@example.com', '(212) 555-0113'], [13, 0], ['245 E 63rd St (terrace)', '10065'], { 'NY Strip Steak': 13, Shrimp: 13, 'Lobster Tail Upgrade': 5, Edamame: 2 }, { specialRequests: 'Our 25th anniversary.', source: 'web', outcome: 'confirmed', chefs: ['kenji'] }],
  [['Raj Patel', 'raj.patel@example.com', '(646) 555-0114'], [14, 4], ['505 W 43rd St (rooftop)', '10036'], { 'Hibachi Chicken': 18, Shrimp: 10, 'Crispy Tofu': 4, 'Atlantic Salmon': 4, 'Yakisoba Noodles': 18, 'Pork & Vegetable Gyoza (12 pcs)': 2 }, { dietaryNotes: 'Four vegetarian guests (tofu for them, please).', source: 'web', outcome: 'pending' }],
  [['Emily Novak', 'emily.novak@example.com', '(917) 555-0115'], [6, 0], ['35 Hudson St (terrace)', '10013'], { 'NY Strip Steak': 6, 'Atlantic Salmon': 6, 'Filet Mignon Upgrade': 6 }, { source: 'chat', outcome: 'confirmed' }],
  [['Kevin Brooks', 'kevin.brooks@example.com', '(347) 555-0116'], [10, 5], ['540 W 112th St (backyard)', '10025'], { 'Hibachi Chicken': 15, 'NY Strip Steak': 10, Shrimp: 5, 'Extra Fried Rice': 15 }, { source: 'web', outcome: 'pending' }],
  [['Natalie Dubois', 'natalie.dubois@example.com', '(212) 555-0117'], [20, 5], ['21 South End Ave (courtyard)', '10280'], { 'Hibachi Chicken': 25, 'NY Strip Steak': 15, Shrimp: 10, 'Yakisoba Noodles': 25 }, { source: 'web', outcome: 'cancelled-from-pending', cancelReason: 'The building would not allow a propane grill in the courtyard.' }],
  [['Ben Carter', 'ben.carter@example.com', '(646) 555-0118'], [9, 0], ['270 W 17th St (roof deck)', '10001'], { 'Hibachi Chicken': 9, 'NY Strip Steak': 9, 'Pork & Vegetable Gyoza (12 pcs)': 1 }, { source: 'web', outcome: 'pending' }],
  [['Laura Schmidt', 'laura.schmidt@example.com', '(917) 555-0119'], [5, 3], ['340 E 86th St (garden)', '10028'], { 'Hibachi Chicken': 8, Shrimp: 4, 'Crispy Tofu': 4, Edamame: 1 }, { dietaryNotes: 'One child has a shellfish allergy; please cook her food before the shrimp.', source: 'web', outcome: 'pending' }],
  [['Michael Torres', 'michael.torres@example.com', '(212) 555-0120'], [16, 0], ['201 E 79th St (terrace)', '10021'], { 'NY Strip Steak': 16, Shrimp: 16, 'Lobster Tail Upgrade': 8, 'Yakisoba Noodles': 16 }, { specialRequests: "My father's 70th birthday.", source: 'phone', outcome: 'pending' }],
])
