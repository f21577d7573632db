import { test, expect, openApp, EXAMPLE_FILES, screenshot } from './fixtures.ts'

test('the "app calls an external service" preset ends at Envoy’s outbound listener 15001 and counts a hit on ⑨', async ({ page }) => {
  await openApp(page)
  await page.getByTestId('source-file-input').setInputFiles(EXAMPLE_FILES.seed000)
  const row9 = page.getByTestId('rule-nat-ISTIO_OUTPUT-9')
  await expect(row9).toHaveAttribute('data-badge', '9')
  const before = Number(await row9.getAttribute('data-hits'))

  await page.getByTestId('scenario-app-calls-external').click()
  await expect(page.getByTestId('verdict')).toContainText('15001')
  await expect.poll(async () => Number(await row9.getAttribute('data-hits'))).toBeGreaterThan(before)
  // The path is drawn: the preset's rows are outlined and the Envoy outbound terminal is reached.
  await expect(page.getByTestId('trace').locator('li')).not.toHaveCount(0)
  await screenshot(page, 'preset-app-calls-external')

  const once = Number(await row9.getAttribute('data-hits'))
  await page.getByRole('button', { name: /run all presets/i }).click()
  await expect.poll(async () => Number(await row9.getAttribute('data-hits'))).toBeGreaterThan(once)
  await page.getByRole('button', { name: /reset counters/i }).click()
  await expect(row9).toHaveAttribute('data-hits', '0')
})
