import { test, expect, openApp, EXAMPLE_FILES, expectAccessible } from './fixtures.ts'

test('the main views have no serious accessibility violations, in both themes and languages', async ({ page }) => {
  await openApp(page)
  await expectAccessible(page, 'default view')
  await page.getByTestId('source-file-input').setInputFiles(EXAMPLE_FILES.seed000)
  await page.getByTestId('rule-nat-ISTIO_OUTPUT-9').click()
  await expect(page.getByTestId('rule-explanation')).toBeVisible()
  await expectAccessible(page, 'rule selected')
  await page.getByTestId('scenario-app-calls-external').click()
  await expect(page.getByTestId('verdict')).toBeVisible()
  await expectAccessible(page, 'trace shown')
  await page.getByRole('button', { name: /dark/i }).click()
  await page.getByTestId('language-toggle').click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await expectAccessible(page, 'dark theme, Chinese')

  // Keyboard: the controls are reachable with Tab and show a focus ring.
  await page.keyboard.press('Tab')
  const focused = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    return el ? getComputedStyle(el).outlineStyle : 'none'
  })
  expect(focused).not.toBe('none')
})
