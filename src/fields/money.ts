import type { NumberField } from 'payload'

/** An amount of money in integer cents (never floats). */
export function moneyField(name: string, overrides: Partial<NumberField> = {}): NumberField {
  return {
    name,
    type: 'number',
    min: 0,
    validate: (value: number | null | undefined) =>
      value === null || value === undefined || Number.isInteger(value) ? true : 'Amounts are whole cents',
    admin: { description: 'Cents (e.g. 6000 = $60.00)', ...(overrides.admin ?? {}) },
    ...overrides,
  } as NumberField
}
