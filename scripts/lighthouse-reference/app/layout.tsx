/**
 * The Lighthouse reference of `npm run bench` (scripts/bench-lighthouse.ts): the smallest App
 * Router page this project's Next and React can serve — no CSS, no client component of ours, no
 * data — built and served by `next start` beside the benchmark's server and audited the same way.
 * Its score is what the framework alone reaches on this host under Lighthouse's 4× CPU
 * multiplier: the ceiling our pages are measured against.
 */
import type { ReactNode } from 'react'

export const metadata = { title: 'Hibachi at home', description: 'A Lighthouse reference page: the framework alone.' }

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  )
}
