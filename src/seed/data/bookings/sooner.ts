/**
 * The first ten seed bookings, in date order once planned: the sooner half of the window.
 * Pure data, one row a booking (its columns: SeedBookingRow in ./types.ts); must never reuse a
 * contact email: the seed finds its bookings by email.
 */
import { bookingsFromRows } from './types'

export const SOONER_BOOKINGS = bookingsFromRows([
  [['Priya Shah', 'priya.shah@example.com', '(917) 555-0101'], [10, 2], ['214 W 72nd St, Apt 9C (terrace)', '10023'], { 'Hibachi Chicken': 8, 'NY Strip Steak': 8, Shrimp: 6, 'Atlantic Salmon': 2, 'Filet Mignon Upgrade': 2, 'Yakisoba Noodles': 12, 'Pork & Vegetable Gyoza (12 pcs)': 2 }, { specialRequests: 'Our son turns 10 — could the chef do the onion volcano and sing happy birthday?', source: 'web', outcome: 'confirmed', chefs: ['kenji'] }],
  [['Marcus Green', 'marcus.green@example.com', '(646) 555-0102'], [8, 0], ['455 W 22nd St (rooftop)', '10011'], { 'Hibachi Chicken': 6, 'NY Strip Steak': 6, Shrimp: 4, 'Lobster Tail Upgrade': 4, Edamame: 1 }, { dietaryNotes: 'One guest is allergic to sesame.', source: 'phone', outcome: 'confirmed', chefs: ['maria'] }],
  [['Elena Rossi', 'elena.rossi@example.com', '(212) 555-0103'], [5, 1], ['61 Perry St (garden)', '10014'], { 'Hibachi Chicken': 4, Shrimp: 4, 'Crispy Tofu': 2, 'Atlantic Salmon': 2 }, { dietaryNotes: 'One vegetarian guest.', source: 'web', outcome: 'pending' }],
  [['David Kim', 'david.kim@example.com', '(917) 555-0104'], [14, 0], ['1660 Third Ave, PH (terrace)', '10128'], { 'NY Strip Steak': 14, Shrimp: 10, 'Hibachi Chicken': 4, 'Yakisoba Noodles': 14 }, { source: 'web', outcome: 'cancelled-from-confirmed', cancelReason: 'Moved the party indoors to a restaurant because of the weather forecast.' }],
  [['Aisha Bello', 'aisha.bello@example.com', '(347) 555-0105'], [12, 3], ['128 W 131st St (backyard)', '10027'], { 'Hibachi Chicken': 10, 'NY Strip Steak': 10, Shrimp: 10, 'Yakisoba Noodles': 15, 'Extra Fried Rice': 15 }, { specialRequests: 'Family reunion; the kids would love to try catching a piece of zucchini.', source: 'web', outcome: 'confirmed', chefs: ['kenji'] }],
  [["Tom O'Brien", 'tom.obrien@example.com', '(212) 555-0106'], [6, 4], ['301 W 84th St (backyard)', '10024'], { 'Hibachi Chicken': 10, 'NY Strip Steak': 6, Shrimp: 4, 'Pork & Vegetable Gyoza (12 pcs)': 1 }, { source: 'chat', outcome: 'confirmed' }],
  [['Sofia Martinez', 'sofia.martinez@example.com', '(646) 555-0107'], [9, 0], ['85 E 4th St (rooftop)', '10003'], { 'NY Strip Steak': 9, Shrimp: 9, 'Filet Mignon Upgrade': 3, 'Lobster Tail Upgrade': 3 }, { specialRequests: 'Bachelorette dinner on the roof; we will have music playing.', source: 'web', outcome: 'pending' }],
  [['Jonathan Weiss', 'jonathan.weiss@example.com', '(212) 555-0108'], [18, 4], ['300 North End Ave (courtyard)', '10282'], { 'Hibachi Chicken': 20, 'NY Strip Steak': 14, Shrimp: 10, 'Lobster Tail Upgrade': 6, 'Pork & Vegetable Gyoza (12 pcs)': 3, Edamame: 2 }, { specialRequests: 'Team dinner for the office; please bring a receipt with the company name.', source: 'phone', outcome: 'confirmed', chefs: ['kenji', 'maria'] }],
  [['Hannah Lee', 'hannah.lee@example.com', '(917) 555-0109'], [4, 0], ['150 E 37th St (patio)', '10016'], { 'Hibachi Chicken': 2, 'Atlantic Salmon': 2, 'Crispy Tofu': 2, Shrimp: 2 }, { dietaryNotes: 'One vegan guest.', source: 'web', outcome: 'pending' }],
  [['Carlos Ramirez', 'carlos.ramirez@example.com', '(347) 555-0110'], [7, 2], ['45 Park Terrace E (backyard)', '10034'], { 'Hibachi Chicken': 9, 'NY Strip Steak': 5, Shrimp: 4 }, { source: 'phone', outcome: 'cancelled-from-pending', cancelReason: 'Family emergency; we will rebook in the spring.' }],
])
