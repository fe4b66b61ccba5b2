/**
 * The call to action that sends a visitor to the booking form: at the foot of the content pages
 * ("Check dates and book") and after an account step, with other links beside it.
 */
import Link from 'next/link'
import type { ReactNode } from 'react'

export function BookCta({ label = 'Check dates and book', className = 'section actions', children }: { label?: string; className?: string; children?: ReactNode }) {
  return (
    <p className={className}>
      <Link className="button" href="/book" prefetch={false}>
        {label}
      </Link>
      {children}
    </p>
  )
}
