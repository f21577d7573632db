import { test, expect, openApp, EXAMPLE_FILES, screenshot } from './fixtures.ts'

test('Share writes a link that reopens the same input, language and selection in a fresh page', async ({ page, context }) => {
  await openApp(page)
  await page.getByTestId('source-file-input').setInputFiles(EXAMPLE_FILES.seed000)
  await page.getByTestId('rule-nat-ISTIO_OUTPUT-9').click()
  await page.getByTestId('language-toggle').click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await page.getByRole('button', { name: '分享' }).click()
  const shareLink = page.getByTestId('share-link')
  await expect(shareLink).toBeVisible()
  const url = page.url()
  expect(url).toMatch(/#v1\./)
  expect(Number(await shareLink.getAttribute('data-length'))).toBe(url.length)
  await expect(shareLink).toContainText(url)
  expect(url.length).toBeLessThan(8000)
  await screenshot(page, 'share-link-zh')

  const fresh = await context.newPage()
  await fresh.goto(url)
  await expect(fresh.locator('html')).toHaveAttribute('lang', 'zh-CN')
  const row = fresh.getByTestId('rule-nat-ISTIO_OUTPUT-9')
  await expect(row).toHaveAttribute('aria-pressed', 'true')
  await expect(row).toHaveAttribute('data-badge', '9')
  await expect(fresh.getByTestId('rule-inspector')).toContainText('ISTIO_REDIRECT')
  await expect(fresh.locator('.view-lines')).toContainText('ISTIO_OUTPUT')
  await fresh.close()
})

test('the seed 001 log makes a link under 4,000 characters, and a damaged link is refused with a message', async ({ page }) => {
  await openApp(page)
  await page.getByTestId('source-file-input').setInputFiles(EXAMPLE_FILES.seed001)
  await page.getByRole('button', { name: 'Share' }).click()
  await expect(page.getByTestId('share-link')).toBeVisible()
  const length = page.url().length
  console.log(`seed 001 log link: ${length} characters`)
  expect(length).toBeLessThanOrEqual(4000)

  await page.goto('/#v1.AAAAdamaged')
  await expect(page.getByRole('alert').filter({ hasText: /could not be opened/ })).toBeVisible()
})
