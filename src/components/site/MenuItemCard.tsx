/**
 * One menu item: optional photo (next/image; nothing at all when the item has none), name,
 * price as the menu words it ("included", "+$10 per guest", "$15 flat"), description and
 * dietary tags as badges. Server component.
 */
import Image from 'next/image'

import { dietaryLabel, formatMenuPrice } from '../../site/format'
import type { StorefrontMenuItem } from '../../site/content'

export function MenuItemCard({ item, currency, headingLevel = 3 }: { item: StorefrontMenuItem; currency: string; headingLevel?: 2 | 3 | 4 }) {
  const Heading = `h${headingLevel}` as const
  return (
    <article className="card menu-item">
      {item.image ? (
        <Image
          className="menu-item-image"
          src={item.image.url}
          alt={item.image.alt}
          width={item.image.width}
          height={item.image.height}
          sizes="(min-width: 64rem) 20rem, (min-width: 40rem) 50vw, 100vw"
        />
      ) : null}
      <div className="menu-item-head">
        <Heading className="menu-item-name">{item.name}</Heading>
        <span className="price">{formatMenuPrice(item, currency)}</span>
      </div>
      {item.description ? <p className="menu-item-description">{item.description}</p> : null}
      {item.dietaryTags.length > 0 ? (
        <ul className="badges" aria-label="Dietary information">
          {item.dietaryTags.map((t) => (
            <li key={t} className={t.startsWith('contains-') ? 'badge badge-warn' : 'badge badge-good'}>
              {dietaryLabel(t)}
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  )
}
