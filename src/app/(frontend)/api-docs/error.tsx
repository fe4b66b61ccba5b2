'use client'
/** Error boundary for this page: the storefront's RouteError (plain words, retry, one report). */
export { default } from '../error'
