/**
 * Customer accounts (auth-enabled, separate from staff). Created on sign-up or, for a booking,
 * found-or-created by email. Email is unique and stored lower-case (Payload's auth does both).
 * Staff-only notes are invisible to the customer.
 */
import type { Access, CollectionConfig } from 'payload'

import { hasRole } from '../../access/roles'
import { isManager, isManagerField } from '../../access/staff'
import { limitLoginByEmail } from '../../hooks/limitLoginByEmail'

const managerOrSelf: Access = ({ req }) => {
  if (hasRole(req.user, 'admin', 'manager')) return true
  if (req.user?.collection === 'customers') return { id: { equals: req.user.id } }
  return false
}

export const Customers: CollectionConfig = {
  slug: 'customers',
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'email', 'phone', 'createdAt'], group: 'Bookings' },
  auth: {
    maxLoginAttempts: 5,
    lockTime: 15 * 60 * 1000,
    tokenExpiration: 30 * 24 * 60 * 60,
    cookies: { sameSite: 'Lax' },
  },
  access: {
    // Anyone may sign up; the fields they may set are limited below.
    create: () => true,
    read: managerOrSelf,
    update: managerOrSelf,
    delete: isManager,
    admin: () => false,
  },
  hooks: { beforeOperation: [limitLoginByEmail] },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 120 },
    { name: 'phone', type: 'text', maxLength: 30 },
    {
      name: 'addresses',
      type: 'array',
      maxRows: 10,
      fields: [
        { name: 'label', type: 'text', maxLength: 40 },
        { name: 'street', type: 'text', required: true, maxLength: 200 },
        { name: 'city', type: 'text', required: true, maxLength: 100 },
        { name: 'state', type: 'text', required: true, maxLength: 50 },
        { name: 'zip', type: 'text', required: true, maxLength: 5 },
      ],
    },
    { name: 'marketingConsent', type: 'checkbox', defaultValue: false },
    {
      name: 'notes',
      type: 'textarea',
      maxLength: 2000,
      access: { read: isManagerField, create: isManagerField, update: isManagerField },
      admin: { description: 'Staff only: never shown to the customer.' },
    },
  ],
  timestamps: true,
}
