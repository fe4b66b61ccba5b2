/** What several browser specs share: the owner account and a staff token for API checks. */
import { expect, type APIRequestContext } from '@playwright/test'

export const OWNER = { email: 'owner@myhibachi.test', password: 'correct horse battery staple' }

/** A JWT of the owner, who is created first when no spec has made them yet (specs run in any order). */
export async function staffToken(request: APIRequestContext): Promise<string> {
  let res = await request.post('/api/users/login', { data: OWNER })
  if (res.status() !== 200) {
    const created = await request.post('/api/users/first-register', { data: { ...OWNER, name: 'Owner' } })
    expect(created.status(), await created.text()).toBeLessThan(300)
    res = await request.post('/api/users/login', { data: OWNER })
  }
  expect(res.status()).toBe(200)
  return ((await res.json()) as { token: string }).token
}

/**
 * Opens a chat WebSocket on `baseURL` (as the site's own page would: same Origin), keeps it open
 * for `holdMs`, then asks one question on it. Resolves with what happened; the caller asserts.
 * Next's own upgrade listener once closed every socket whose path matched a page route (the
 * storefront's catch-all matches all), so a socket that stays open and still answers is the check.
 */
export async function holdChatSocket(baseURL: string, holdMs: number): Promise<{ ready: boolean; closedEarly: { code: number; reason: string } | null; answered: boolean; heldMs: number }> {
  const { default: WebSocket } = await import('ws')
  const url = `${baseURL.replace(/^http/, 'ws')}/ws/chat`
  const ws = new WebSocket(url, { origin: baseURL })
  const frames: { type: string; message?: { clientId?: string; role?: string } }[] = []
  let closedEarly: { code: number; reason: string } | null = null
  ws.on('message', (data) => frames.push(JSON.parse(data.toString()) as { type: string }))
  ws.on('close', (code, reason) => (closedEarly ??= { code, reason: reason.toString() }))
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  const started = Date.now()
  ws.send(JSON.stringify({ type: 'hello' }))
  const waitFor = async (pred: () => boolean, ms: number) => {
    const end = Date.now() + ms
    while (!pred() && Date.now() < end && !closedEarly) await new Promise((r) => setTimeout(r, 100))
    return pred()
  }
  const ready = await waitFor(() => frames.some((f) => f.type === 'ready'), 15_000)
  while (Date.now() - started < holdMs && !closedEarly) await new Promise((r) => setTimeout(r, 250))
  const heldMs = Date.now() - started
  const clientId = `hold-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
  if (!closedEarly) ws.send(JSON.stringify({ type: 'message', clientId, text: 'What is on the menu?' }))
  const answered = await waitFor(() => frames.some((f) => f.type === 'done'), 15_000)
  const early = closedEarly
  ws.close()
  return { ready, closedEarly: early, answered, heldMs }
}
