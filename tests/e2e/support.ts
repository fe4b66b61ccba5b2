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
