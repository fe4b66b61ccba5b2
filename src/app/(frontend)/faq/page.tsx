/** FAQ (/faq): the published `faq` page from the CMS; 404 when there is none. */
import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'

import { CmsRichText } from '../../../components/site/CmsRichText'
import { cmsPageMetadata, getPublishedPage } from '../../../site/content'

export async function generateMetadata(): Promise<Metadata> {
  return cmsPageMetadata('faq', '/faq', null)
}

export default async function FaqPage() {
  const page = await getPublishedPage('faq')
  if (!page) notFound()
  return (
    <>
      <header className="page-header">
        <h1>{page.title}</h1>
      </header>
      <CmsRichText data={page.content} className="prose faq" />
      <p className="section actions">
        <Link className="button" href="/book" prefetch={false}>
          Check dates and book
        </Link>
        <Link className="button-secondary" href="/contact">
          Ask us a question
        </Link>
      </p>
    </>
  )
}
