/**
 * The account emails a customer gets: "confirm your email" (after sign-up or an email change),
 * "set a new password" and "your sign-in link". Each links to a storefront page holding a one-time token — never to
 * the admin panel, which customers cannot use. Plain words; every value from the database is
 * HTML-escaped. The pages only show a button: opening the link changes nothing, because mail
 * scanners open links too.
 */
import type { PayloadRequest } from 'payload'

import { siteOrigin } from '../../server/env'

const FALLBACK_NAME = 'MyHibachi'

/** How long a password link works; Payload's forgot-password operation reads the same value. */
export const RESET_LINK_MINUTES = 60

export type VerifyReason = 'sign-up' | 'email-change'

interface Recipient {
  name?: unknown
  email?: unknown
}

export function verifyUrl(token: string): string {
  return `${siteOrigin()}/account/verify/${encodeURIComponent(token)}`
}

export function resetPasswordUrl(token: string): string {
  return `${siteOrigin()}/account/reset-password/${encodeURIComponent(token)}`
}

export function loginLinkUrl(token: string): string {
  return `${siteOrigin()}/account/login/${encodeURIComponent(token)}`
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** The business's name from the settings, inside the caller's transaction; the system reads it. */
export async function businessName(req: PayloadRequest | undefined): Promise<string> {
  if (!req) return FALLBACK_NAME
  const settings = await req.payload.findGlobal({ slug: 'business-settings', req, depth: 0, overrideAccess: true })
  const name = (settings as { businessName?: unknown }).businessName
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : FALLBACK_NAME
}

export function greeting(user: Recipient | undefined): string {
  const first = typeof user?.name === 'string' ? user.name.trim().split(/\s+/)[0] : ''
  return first ? `Hello ${escapeHtml(first)},` : 'Hello,'
}

/** Paragraphs are HTML already (escaped by the caller); the link comes between intro and outro. Shared by the booking and payment emails. */
export function layout(intro: string[], link: { href: string; label: string }, outro: string[], business: string): string {
  const href = escapeHtml(link.href)
  return [
    '<!doctype html><html><body style="font-family: sans-serif; line-height: 1.5; color: #1f1f1f">',
    ...intro.map((p) => `<p>${p}</p>`),
    `<p><a href="${href}" style="display: inline-block; padding: 10px 16px; background: #b3261e; color: #ffffff; text-decoration: none; border-radius: 6px">${escapeHtml(link.label)}</a></p>`,
    `<p>If the button does not work, copy this address into your browser:<br>${href}</p>`,
    ...outro.map((p) => `<p>${p}</p>`),
    `<p>— ${escapeHtml(business)}</p>`,
    '</body></html>',
  ].join('\n')
}

export async function verifyEmailSubject(req: PayloadRequest | undefined): Promise<string> {
  return `Confirm your email for ${await businessName(req)}`
}

export async function verifyEmailHtml(args: { req?: PayloadRequest; token: string; user?: Recipient; reason?: VerifyReason }): Promise<string> {
  const business = await businessName(args.req)
  const why =
    args.reason === 'email-change'
      ? `The email address of your ${escapeHtml(business)} account was changed to this one. Please confirm it before you sign in again.`
      : `Thank you for creating a ${escapeHtml(business)} account. Please confirm that this is your email address before you sign in.`
  return layout(
    [greeting(args.user), why],
    { href: verifyUrl(args.token), label: 'Confirm my email' },
    ['If this was not you, you can ignore this email: nothing changes until the button is pressed.'],
    business,
  )
}

export async function resetPasswordSubject(req: PayloadRequest | undefined): Promise<string> {
  return `Set a new password for ${await businessName(req)}`
}

export async function resetPasswordHtml(args: { req?: PayloadRequest; token?: string; user?: Recipient } | undefined): Promise<string> {
  if (!args?.token) throw new Error('a password link needs a token')
  const business = await businessName(args.req)
  return layout(
    [
      greeting(args.user),
      `Someone asked to set a new password for the ${escapeHtml(business)} account of this email address. The link works for ${String(RESET_LINK_MINUTES)} minutes and only once.`,
    ],
    { href: resetPasswordUrl(args.token), label: 'Set my password' },
    ['If you did not ask for this, ignore this email: your password stays as it is.'],
    business,
  )
}

/** Sends the "confirm your email" message for an email change (sign-up mail is sent by Payload). */
export async function sendVerifyEmail(req: PayloadRequest, user: Recipient, token: string, reason: VerifyReason): Promise<void> {
  if (typeof user.email !== 'string' || user.email === '') throw new Error('a verification email needs an address')
  await req.payload.sendEmail({
    to: user.email,
    subject: await verifyEmailSubject(req),
    html: await verifyEmailHtml({ req, token, user, reason }),
  })
}

export async function loginLinkSubject(req: PayloadRequest | undefined): Promise<string> {
  return `Your sign-in link for ${await businessName(req)}`
}

/** The one-time sign-in link (src/collections/Customers/loginLinks.ts): HTML and a plain-text part. */
export async function loginLinkEmail(args: { req: PayloadRequest; token: string; user: Recipient; minutes: number }): Promise<{ subject: string; html: string; text: string }> {
  const business = await businessName(args.req)
  const url = loginLinkUrl(args.token)
  const validity = `The link works for ${String(args.minutes)} minutes and only once. Signing in with it also confirms your email address.`
  const ignore = 'If you did not ask for this, ignore this email: nobody can sign in without the link.'
  const html = layout([greeting(args.user), `Press the button to sign in to your ${escapeHtml(business)} account.`, validity], { href: url, label: 'Sign me in' }, [ignore], business)
  const first = typeof args.user.name === 'string' ? args.user.name.trim().split(/\s+/)[0] : ''
  const text = [first ? `Hello ${first},` : 'Hello,', '', `Open this link to sign in to your ${business} account:`, url, '', validity, '', ignore, '', `— ${business}`].join('\n')
  return { subject: await loginLinkSubject(args.req), html, text }
}
