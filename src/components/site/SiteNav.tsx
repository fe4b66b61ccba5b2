'use client'
/** The storefront's main navigation; marks the current section with aria-current. */
import Link from 'next/link'
import { usePathname } from 'next/navigation'

const NAV_LINKS = [
  { href: '/menu', label: 'Menu' },
  { href: '/book', label: 'Book' },
  { href: '/faq', label: 'FAQ' },
  { href: '/contact', label: 'Contact' },
  { href: '/account', label: 'Account' },
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
              <Link href={l.href} aria-current={current ? 'page' : undefined} className={l.href === '/book' ? 'nav-book' : undefined}>
                {l.label}
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
