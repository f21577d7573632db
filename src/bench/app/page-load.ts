import type { Browser } from '@playwright/test'
import { timeAsync } from './time-async.ts'
import { closePage, freshPage } from './browser.ts'

/**
 * From navigation start to the default example's graph on screen: the frame in which ISTIO_INBOUND and ISTIO_OUTPUT
 * are laid out and visible, read by a requestAnimationFrame probe in the page (no harness round trip in the figure).
 */
export interface PageLoad {
  runs: number[]
  warmups: number[]
  /** Per counted run: when the engine's first analysis was shown ready (the rest until drawn is layout and render). */
  analysisReady: number[]
}

export async function measurePageLoad(browser: Browser, url: string, runs: number, warmups: number): Promise<PageLoad> {
  const analysisReady: number[] = []
  const timings = await timeAsync(async () => {
    const page = await freshPage(browser)
    try {
      await page.addInitScript(() => {
        const w = window as unknown as { benchDrawn?: number; benchReady?: number }
        const shown = (id: string): boolean => {
          const el = document.querySelector(`[data-testid="${id}"]`)
          return el !== null && el.getBoundingClientRect().width > 0 && el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
        }
        const check = (): void => {
          if (w.benchReady === undefined && document.querySelector<HTMLElement>('[data-testid="status-analysis"]')?.dataset.status === 'ready') {
            w.benchReady = performance.now()
          }
          if (shown('chain-nat-ISTIO_INBOUND') && shown('chain-nat-ISTIO_OUTPUT')) w.benchDrawn = performance.now()
          else requestAnimationFrame(check)
        }
        requestAnimationFrame(check)
      })
      await page.goto(url)
      const handle = await page.waitForFunction(() => (window as unknown as { benchDrawn?: number }).benchDrawn, undefined, { polling: 100, timeout: 30_000 })
      analysisReady.push(await page.evaluate(() => (window as unknown as { benchReady?: number }).benchReady ?? Number.NaN))
      return (await handle.jsonValue()) as number
    } finally {
      await closePage(page)
    }
  }, runs, warmups)
  return { ...timings, analysisReady: analysisReady.slice(warmups) }
}
