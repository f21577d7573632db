import type { Page } from '@playwright/test'
import { test, expect, openApp } from './fixtures.ts'

// Playwright's trace recorder snapshots the DOM in the page's main thread; it would be measured as the app's work.
test.use({ trace: 'off' })

const RUNS = 3

/** Waits until the shown example has finished all its work, including what waits for its first paint (ELK's layout, Monaco). */
async function settled(page: Page): Promise<void> {
  await expect(page.getByTestId('status-analysis')).toHaveAttribute('data-status', 'ready', { timeout: 60_000 })
  await expect(page.getByTestId('chain-graph')).toHaveAttribute('data-layout', 'elk', { timeout: 30_000 })
  await expect(page.locator('.monaco-editor').first()).toBeVisible()
  await page.waitForTimeout(1500)
}

/** Loads the 1,000-service example once and returns its load time and every long task the page had meanwhile. */
async function loadKubeProxy(page: Page): Promise<{ drawnIn: number; tasks: number[] }> {
  await page.evaluate(() => {
    const w = window as unknown as { explorerLongTasks: number[]; explorerObserver?: PerformanceObserver }
    w.explorerObserver?.disconnect()
    w.explorerLongTasks = []
    w.explorerObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.explorerLongTasks.push(e.duration)
    })
    w.explorerObserver.observe({ type: 'longtask', buffered: false })
  })
  const started = Date.now()
  await page.getByRole('combobox').first().selectOption('kube-proxy-1000')
  // Wait with a cheap poll: the harness's own DOM queries must not be what the observer measures.
  await page.waitForFunction(
    () => {
      const status = document.querySelector<HTMLElement>('[data-testid="status-analysis"]')?.dataset.status
      return status === 'ready' && document.querySelector('[data-testid="chain-nat-KUBE-SERVICES"]') !== null && document.querySelector('.view-lines')?.textContent?.includes('KUBE-')
    },
    undefined,
    { polling: 250, timeout: 60_000 },
  )
  const drawnIn = Date.now() - started
  await page.waitForTimeout(1500)
  const tasks = await page.evaluate(() => (window as unknown as { explorerLongTasks: number[] }).explorerLongTasks)
  return { drawnIn, tasks }
}

test('a kube-proxy node with 1,000 services loads without any main-thread task over 200 ms', async ({ page }) => {
  test.setTimeout(180_000)
  await openApp(page)
  // The longest task of one load swings by a factor of two with what else the shared machine runs, so the example is
  // loaded in several fresh page loads (each a cold first load from the default example, the saved input cleared so
  // the reload starts from the default again) and the median of each load's longest task is judged, as
  // `npm run bench` does.
  const longest: number[] = []
  for (let run = 0; run < RUNS; run++) {
    if (run > 0) {
      await page.evaluate(() => localStorage.removeItem('istio-iptables-explorer:input:v1'))
      await page.reload()
    }
    await settled(page)
    const { drawnIn, tasks } = await loadKubeProxy(page)
    longest.push(Math.max(0, ...tasks))
    console.log(`kube-proxy 1,000 services, load ${run + 1}: drawn in ${drawnIn} ms; longest main-thread task ${Math.round(Math.max(0, ...tasks))} ms; ${tasks.length} long tasks`)
  }
  const median = longest.toSorted((a, b) => a - b)[Math.floor(RUNS / 2)] ?? Number.POSITIVE_INFINITY

  const graph = page.getByTestId('chain-graph')
  // The big dump is collapsed: a few dozen chain cards, not thousands.
  const cards = await graph.locator('[data-testid^="chain-"]').count()
  console.log(`median of the longest tasks: ${Math.round(median)} ms; ${cards} chain cards`)
  expect(cards).toBeLessThan(80)
  await expect(page.getByText(/folded away|已折叠/)).toBeVisible()
  expect(median).toBeLessThanOrEqual(200)

  // Opening a collapsed chain draws it (once ELK's layout is on screen: a node moving under the pointer loses the click).
  await expect(graph).toHaveAttribute('data-layout', 'elk', { timeout: 30_000 })
  const expand = graph.locator('[data-testid^="rule-nat-"] button').first()
  const target = (await expand.getAttribute('aria-label')) ?? ''
  await expand.click()
  const chain = target.match(/KUBE-[A-Z]+-[A-Z2-7]+/)?.[0]
  expect(chain).toBeTruthy()
  await expect(graph.getByTestId(`chain-nat-${chain}`)).toBeVisible()
})
