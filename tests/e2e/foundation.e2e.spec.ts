import { expect, test } from '@playwright/test'

test('the storefront home page loads', async ({ page }) => {
  const response = await page.goto('/')
  expect(response?.status()).toBe(200)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Hibachi')
  expect(response?.headers()['x-request-id']).toBeTruthy()
})

test('the first visitor to /admin creates the admin account and lands on the dashboard', async ({ page }) => {
  await page.goto('/admin')
  await expect(page).toHaveURL(/\/admin\/create-first-user/)
  await page.getByLabel('Email').fill('owner@myhibachi.test')
  await page.getByLabel('New Password').fill('correct horse battery staple')
  await page.getByLabel('Confirm Password').fill('correct horse battery staple')
  await page.getByRole('button', { name: /create/i }).click()
  await expect(page).toHaveURL(/\/admin\/?$/, { timeout: 60_000 })
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1, exact: true })).toBeVisible()
})
