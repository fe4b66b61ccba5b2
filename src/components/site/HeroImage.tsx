/**
 * A page's top picture (Pages' heroImage): above the fold, so loaded at once with high priority,
 * with its width and height so nothing shifts when it arrives. Next serves it as AVIF/WebP.
 */
import Image from 'next/image'

import type { SiteImage } from '../../site/content'

export function HeroImage({ image }: { image: SiteImage }) {
  return (
    <Image
      className="hero-image"
      src={image.url}
      alt={image.alt}
      width={image.width}
      height={image.height}
      sizes="(min-width: 64rem) 32rem, (min-width: 40rem) 50vw, 100vw"
      loading="eager"
      fetchPriority="high"
    />
  )
}
