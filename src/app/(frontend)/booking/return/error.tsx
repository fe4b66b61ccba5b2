'use client'
/** Error page for the payment return page: plain words and a retry; the error is reported by RouteError. */
export { default } from '../../error'
