'use client'
/** Error page for /book: plain words and a retry; the error is reported by RouteError. */
export { default } from '../error'
