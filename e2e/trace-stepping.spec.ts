import { test, expect, openApp, EXAMPLE_FILES, screenshot } from './fixtures.ts'

test('stepping through a trace forward and back moves the current step and the graph highlight', async ({ page }) => {
  await openApp(page)
  await page.getByTestId('source-file-input').setInputFiles(EXAMPLE_FILES.seed000)
  await page.getByTestId('scenario-app-calls-external').click()
  const trace = page.getByTestId('trace')
  await expect(trace.locator('li[aria-current="step"]')).toHaveAttribute('data-step', '0')
  const position = page.getByTestId('step-position')
  const total = Number((await position.innerText()).match(/(\d+)\D*$/)?.[1])
  expect(total).toBeGreaterThan(2)

  await page.getByTestId('step-forward').click()
  await page.getByTestId('step-forward').click()
  await expect(trace.locator('li[aria-current="step"]')).toHaveAttribute('data-step', '2')
  // The row of the current step is outlined in the graph.
  await expect(page.locator('[data-testid^="rule-"][class*="outline-[3px]"]')).toHaveCount(1)
  await screenshot(page, 'trace-step-3')
  await page.getByTestId('step-back').click()
  await expect(trace.locator('li[aria-current="step"]')).toHaveAttribute('data-step', '1')
  await page.getByTestId('step-back').click()
  await expect(trace.locator('li[aria-current="step"]')).toHaveAttribute('data-step', '0')
  await expect(page.getByTestId('step-back')).toBeDisabled()

  // The arrow keys step too, while the list has the focus.
  await trace.focus()
  await page.keyboard.press('ArrowDown')
  await expect(trace.locator('li[aria-current="step"]')).toHaveAttribute('data-step', '1')
  await page.keyboard.press('ArrowUp')
  await expect(trace.locator('li[aria-current="step"]')).toHaveAttribute('data-step', '0')

  // Clicking a step jumps to it; the last step can be reached and play stops there.
  await trace.locator('li').last().getByRole('button').click()
  await expect(trace.locator('li[aria-current="step"]')).toHaveAttribute('data-step', String(total - 1))
  await expect(page.getByTestId('step-forward')).toBeDisabled()
})
