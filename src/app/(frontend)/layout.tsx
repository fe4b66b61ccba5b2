import type { Metadata } from 'next'
import Link from 'next/link'
import type { ReactNode } from 'react'

import './styles.css'

export const metadata: Metadata = {
  title: { default: 'MyHibachi — a hibachi chef at your home', template: '%s — MyHibachi' },
  description: 'Book a private hibachi chef who cooks for your party at your home: fried rice, steak, shrimp and the show.',
}

export default function FrontendLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link className="brand" href="/">
            MyHibachi
          </Link>
        </header>
        <main id="main">{children}</main>
        <footer className="site-footer">
          <p>© {new Date().getFullYear()} MyHibachi private hibachi catering</p>
        </footer>
      </body>
    </html>
  )
}
