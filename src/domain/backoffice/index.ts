export * from './chefSchedule'
export * from './csv'
export * from './prepList'
