/** Where a customer goes after an account step (email confirmed, password saved): book, or home. */
import Link from 'next/link'

export function NextSteps() {
  return (
    <p className="actions">
      <Link className="button" href="/book">
        Book a hibachi party
      </Link>
      <Link className="button-secondary" href="/">
        Home page
      </Link>
    </p>
  )
}
