/**
 * The seed's two chefs (staff users, created only once an admin exists: src/seed/seedChefs.ts).
 * Pure data; must never hold a password (the seed makes a random one nobody knows).
 */

export const CHEFS = [
  { key: 'kenji', name: 'Kenji Watanabe', email: 'chef.kenji@myhibachi.example', phone: '(212) 555-0181' },
  { key: 'maria', name: 'Maria Alvarez', email: 'chef.maria@myhibachi.example', phone: '(212) 555-0182' },
] as const

export type ChefKey = (typeof CHEFS)[number]['key']
