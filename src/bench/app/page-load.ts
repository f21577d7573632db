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
  /** Per counted run: when the engine's first analysis was shown ready. */
  analysisReady: number[]
  /**
   * Per counted run: when the graph was on screen with ELK's layout. The first graph of a visit is drawn with a
   * quick layered layout while the layout worker loads ELK; ELK's replaces it (NaN if it never came within 30 s).
   */
  elkDrawn: number[]
  /** Per counted run: the page's own performance marks and measures (name → start, ms), for the breakdown. */
  marks: Record<string, number>[]
}

interface Probe {
  benchDrawn?: number
  benchReady?: number
  benchElk?: number
}

export async function measurePageLoad(browser: Browser, url: string, runs: number, warmups: number): Promise<PageLoad> {
  const analysisReady: number[] = []
  const elkDrawn: number[] = []
  const marks: Record<string, number>[] = []
  const timings = await timeAsync(async () => {
    const page = await freshPage(browser)
    try {
      await page.addInitScript(() => {
        const w = window as unknown as Probe
        const shown = (id: string): boolean => {
          const el = document.querySelector(`[data-testid="${id}"]`)
          return el !== null && el.getBoundingClientRect().width > 0 && el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
        }
        const started = performance.now()
        const check = (): void => {
          if (w.benchReady === undefined && document.querySelector<HTMLElement>('[data-testid="status-analysis"]')?.dataset.status === 'ready') {
            w.benchReady = performance.now()
          }
          const drawn = shown('chain-nat-ISTIO_INBOUND') && shown('chain-nat-ISTIO_OUTPUT')
          if (drawn && w.benchDrawn === undefined) w.benchDrawn = performance.now()
          if (drawn && document.querySelector<HTMLElement>('[data-testid="chain-graph"]')?.dataset.layout === 'elk') w.benchElk = performance.now()
          else if (performance.now() - started < 30_000) requestAnimationFrame(check)
        }
        requestAnimationFrame(check)
      })
      await page.goto(url)
      // Polled from a plain evaluate, not waitForFunction: that installs Playwright's injected script (≈150 ms of
      // main-thread work) into the page while it is loading, which is the harness's time, not the app's.
      const probe = await page.evaluate(
        () =>
          new Promise<Probe & { marks: Record<string, number> }>((resolve) => {
            const w = window as unknown as Probe
            const poll = (): void => {
              if (w.benchElk === undefined && performance.now() < 30_000) {
                setTimeout(poll, 100)
                return
              }
              const found: Record<string, number> = {}
              for (const e of performance.getEntriesByType('mark')) found[e.name] = e.startTime
              for (const e of performance.getEntriesByType('measure')) found[e.name] = e.duration
              resolve({ benchDrawn: w.benchDrawn, benchReady: w.benchReady, benchElk: w.benchElk, marks: found })
            }
            poll()
          }),
      )
      if (probe.benchDrawn === undefined) throw new Error('the default graph was not drawn within 30 s')
      analysisReady.push(probe.benchReady ?? Number.NaN)
      elkDrawn.push(probe.benchElk ?? Number.NaN)
      marks.push(probe.marks)
      return probe.benchDrawn
    } finally {
      await closePage(page)
    }
  }, runs, warmups)
  return { ...timings, analysisReady: analysisReady.slice(warmups), elkDrawn: elkDrawn.slice(warmups), marks: marks.slice(warmups) }
}
