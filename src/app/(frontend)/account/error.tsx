'use client'
/** Error page for the account pages (confirm email, new password): plain words and a retry. */
export { default } from '../error'
