// Entry point of the payment rules: re-exports every payments module (guards.ts stays internal).
// Must never add logic of its own or import anything outside src/domain.
export * from './summary'
export * from './hold'
export * from './checkout'
export * from './balance'
export * from './refunds'
export * from './webhook'
export * from './returnView'
