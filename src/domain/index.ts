// Public entry point of the MyHibachi domain layer: re-exports every business-rule module.
// Must never add logic of its own or import anything outside src/domain.
export * from './errors'
export * from './settings'
export * from './time'
export * from './money'
export * from './schemas'
export * from './validation'
export * from './pricing'
export * from './capacity'
export * from './availability'
export * from './lifecycle'
export * from './calendar'
export * from './bookingTerms'
