/**
 * One of the storefront's inlined stylesheets (src/site/inline-styles.ts) as a <style> element.
 * React hoists it into <head> and renders it once however often it is used (`href` is its key);
 * each has a `precedence` of its own, so React never merges two into one element, whose text
 * would then match neither hash of the Content-Security-Policy.
 */
import { INLINE_STYLES, type InlineStyleName } from '../../site/inline-styles'

export function InlineStyle({ name }: { name: InlineStyleName }) {
  return (
    <style href={`myhibachi-${name}`} precedence={`myhibachi-${name}`}>
      {INLINE_STYLES[name]}
    </style>
  )
}
