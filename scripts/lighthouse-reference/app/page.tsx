import Link from 'next/link'

export default function ReferencePage() {
  return (
    <main>
      <h1>Hibachi at home</h1>
      <p>A chef comes to your home and cooks hibachi for the party.</p>
      <Link href="/">Home</Link>
    </main>
  )
}
