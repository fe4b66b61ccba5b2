/** An inline JSON-LD script. The content goes through serializeJsonLd, which escapes `<`, `>` and `&`. */
import { serializeJsonLd, type JsonLd as JsonLdData } from '../../site/seo'

export function JsonLd({ data }: { data: JsonLdData }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />
}
