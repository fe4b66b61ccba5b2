'use client'
/**
 * Error boundary for the storefront's pages (below the layout, so the header and footer stay):
 * plain words, a retry, a link home; RouteError reports the error once.
 */
import { RouteError, type RouteErrorProps } from '../../components/site/RouteError'

export default function FrontendError(props: Omit<RouteErrorProps, 'title'>) {
  return <RouteError {...props} />
}
