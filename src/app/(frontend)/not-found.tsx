/**
 * The storefront's 404 (unknown paths, and notFound() from a page). Says what may have
 * happened and offers the main ways on; the layout around it keeps header and footer.
 */
import type { Metadata } from 'next'
import Link from 'next/link'

export const metadata: Metadata = { title: 'Page not found', robots: { index: false } }

export default function NotFound() {
  return (
    <section className="not-found" aria-labelledby="not-found-title">
      <h1 id="not-found-title">We could not find that page</h1>
      <p>The link may be mistyped, or the page may have moved or been taken down. Looking for your booking? Open the link in your confirmation email.</p>
      <h2>Where to next</h2>
      <ul className="link-list">
        <li>
          <Link href="/">Home page</Link>
        </li>
        <li>
          <Link href="/menu">Menu and prices</Link>
        </li>
        <li>
          <Link href="/book" prefetch={false}>Book a date</Link>: see which dates and times are free
        </li>
        <li>
          <Link href="/contact">Contact us</Link>: call or email and we will help
        </li>
      </ul>
    </section>
  )
}
