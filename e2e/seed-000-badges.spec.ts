import { test, expect, openApp, EXAMPLE_FILES, screenshot } from './fixtures.ts'

test('seed 000 opened from a file: ISTIO_OUTPUT rows carry badges ①–⑨, ⑨ is explained in English, then in Chinese', async ({ page }) => {
  await openApp(page)
  await page.getByTestId('source-file-input').setInputFiles(EXAMPLE_FILES.seed000)
  const graph = page.getByTestId('chain-graph')
  await expect(graph.getByTestId('chain-nat-ISTIO_OUTPUT')).toBeVisible()
  for (let n = 1; n <= 9; n++) await expect(graph.getByTestId(`rule-nat-ISTIO_OUTPUT-${n}`)).toHaveAttribute('data-badge', String(n))
  await expect(graph.getByTestId('rule-nat-ISTIO_REDIRECT-1')).not.toHaveAttribute('data-badge')

  await graph.getByTestId('rule-nat-ISTIO_OUTPUT-9').click()
  const inspector = page.getByTestId('rule-inspector')
  await expect(inspector).toContainText('ISTIO_REDIRECT')
  await expect(inspector.getByTestId('rule-explanation')).toBeVisible()
  const english = (await inspector.getByTestId('rule-explanation').innerText()).trim()
  expect(english).toMatch(/[A-Za-z]{4,}/)
  await screenshot(page, 'seed-000-rule-9-en')

  await page.getByTestId('language-toggle').click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await expect(inspector.getByTestId('rule-explanation')).toContainText(/[\u4e00-\u9fff]/)
  await expect(inspector.getByTestId('rule-explanation')).not.toHaveText(english)
  // Technical terms stay in English in the Chinese text.
  await expect(inspector.getByTestId('rule-explanation')).toContainText('ISTIO_REDIRECT')
  await screenshot(page, 'seed-000-rule-9-zh')
})
