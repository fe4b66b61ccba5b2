/**
 * The guests, address and contact rows of a booking summary (inside its `dl.summary`), shared by
 * the form's review step and the manage page so both word a party alike. Presentational only.
 */
import type { BookingAddress, GuestCount } from '../../domain'

export interface PartyRowsProps {
  guests: GuestCount
  address: BookingAddress
  contact: { name: string; email: string; phone: string }
}

export function PartyRows({ guests, address, contact }: PartyRowsProps) {
  return (
    <>
      <dt>Guests</dt>
      <dd>
        {guests.adults} adult{guests.adults === 1 ? '' : 's'}
        {guests.children > 0 ? `, ${guests.children} child${guests.children === 1 ? '' : 'ren'}` : ''}
      </dd>
      <dt>Where</dt>
      <dd>
        {address.street}, {address.city}, {address.state} {address.zip}
      </dd>
      <dt>Contact</dt>
      <dd>
        {contact.name} · {contact.email} · {contact.phone}
      </dd>
    </>
  )
}
