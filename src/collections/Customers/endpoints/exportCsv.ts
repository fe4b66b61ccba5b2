/** The customers list as CSV (src/endpoints/csvExport.ts): contact details and consent, never secrets. */
import { csvExportEndpoint } from '../../../endpoints/csvExport'
import type { Customer } from '../../../payload-types'

export const CUSTOMER_CSV_COLUMNS = [
  { header: 'id', value: (c: Customer) => c.id },
  { header: 'name', value: (c: Customer) => c.name },
  { header: 'email', value: (c: Customer) => c.email },
  { header: 'phone', value: (c: Customer) => c.phone },
  { header: 'verified', value: (c: Customer) => (c._verified ? 'yes' : 'no') },
  { header: 'marketingConsent', value: (c: Customer) => (c.marketingConsent ? 'yes' : 'no') },
  { header: 'anonymisedAt', value: (c: Customer) => c.anonymisedAt },
  { header: 'createdAt', value: (c: Customer) => c.createdAt },
]

export const customersCsvEndpoint = csvExportEndpoint<Customer>('customers', 'customers.csv', CUSTOMER_CSV_COLUMNS)
