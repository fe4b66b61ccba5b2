/**
 * An amount of money in integer cents (never floats). Payload's own number checks (required, min
 * 0 unless overridden, max) run first, then ours: whole cents. A custom `validate` replaces
 * Payload's, so it must call it, or `required` and `min` would silently stop being enforced.
 */
import type { NumberField } from 'payload'
import { number } from 'payload/shared'

export function moneyField(name: string, overrides: Partial<NumberField> = {}): NumberField {
  return {
    name,
    type: 'number',
    min: 0,
    validate: (value: number | number[] | null | undefined, args: Parameters<typeof number>[1]) => {
      const base = number(value, args)
      if (base !== true) return base
      return value === null || value === undefined || (typeof value === 'number' && Number.isInteger(value)) ? true : 'Amounts are whole cents'
    },
    admin: { description: 'Cents (e.g. 6000 = $60.00)', ...(overrides.admin ?? {}) },
    ...overrides,
  } as NumberField
}
