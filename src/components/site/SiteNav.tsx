'use client'
/**
 * The storefront's main navigation; marks the current section with aria-current. /book and
 * /account are not prefetched (here and on every link to them): prefetching /book loads the
 * booking form's code, and /account's styles, into every page that shows the link, work on the
 * main thread of pages that may never go there. Every other link is prefetched as usual.
 */
import Link from 'next/link'
import { usePathname } from 'next/navigation'

const NAV_LINKS = [
  { href: '/menu', label: 'Menu', prefetch: undefined },
  { href: '/book', label: 'Book', prefetch: false },
  { href: '/faq', label: 'FAQ', prefetch: undefined },
  { href: '/contact', label: 'Contact', prefetch: undefined },
  { href: '/account', label: 'Account', prefetch: false },
] as const

export function SiteNav() {
  const pathname = usePathname() ?? '/'
  return (
    <nav aria-label="Main" className="site-nav">
      <ul>
        {NAV_LINKS.map((l) => {
          const current = pathname === l.href || pathname.startsWith(`${l.href}/`)
          return (
            <li key={l.href}>
              <Link href={l.href} prefetch={l.prefetch} aria-current={current ? 'page' : undefined} className={l.href === '/book' ? 'nav-book' : undefined}>
                {l.label}
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
