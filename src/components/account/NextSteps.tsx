/** Where a customer goes after an account step (email confirmed, password saved): book, or home. */
import Link from 'next/link'

import { BookCta } from '../site/BookCta'

export function NextSteps() {
  return (
    <BookCta label="Book a hibachi party" className="actions">
      <Link className="button-secondary" href="/">
        Home page
      </Link>
    </BookCta>
  )
}
