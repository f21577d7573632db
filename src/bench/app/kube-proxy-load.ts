import type { Browser } from '@playwright/test'
import { closePage, examplePicker, freshPage, waitReady } from './browser.ts'

export interface KubeLoadRun {
  /** From choosing the example to the KUBE-SERVICES chain on screen with the analysis ready. */
  drawnMs: number
  /** From choosing the example to the start of the first 100 ms in which no 10 ms timer ran over 50 ms late. */
  responsiveMs: number
  /** Longest main-thread task (Long Tasks API) from the choice until 1 s after responsive. */
  longestTaskMs: number
  longTasks: number
}

interface Probe {
  start: number
  sawRunning: boolean
  drawn: number
  responsive: number
  tasks: number[]
}

/**
 * Loading the 1,000-service kube-proxy example after the default one has settled, as in e2e/kube-proxy-scale.spec.ts,
 * with the timing done inside the page: a change listener marks the start, a requestAnimationFrame probe the
 * drawn graph, a chain of 10 ms timers the first quiet 100 ms. The probes' own work is a few selector lookups a frame.
 */
export async function measureKubeProxyLoad(browser: Browser, url: string): Promise<KubeLoadRun> {
  const page = await freshPage(browser)
  try {
    await page.goto(url)
    await page.getByTestId('chain-nat-ISTIO_OUTPUT').waitFor({ state: 'visible', timeout: 30_000 })
    await waitReady(page)
    await page.waitForTimeout(1000)
    const picker = examplePicker(page)
    await picker.evaluate((select) => {
      const b: Probe = { start: 0, sawRunning: false, drawn: 0, responsive: 0, tasks: [] }
      ;(window as unknown as { benchKube: Probe }).benchKube = b
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) b.tasks.push(e.duration)
      }).observe({ type: 'longtask', buffered: false })
      const status = document.querySelector<HTMLElement>('[data-testid="status-analysis"]')
      if (status) {
        new MutationObserver(() => {
          if (status.dataset.status === 'running') b.sawRunning = true
        }).observe(status, { attributes: true, attributeFilter: ['data-status'] })
      }
      select.addEventListener('change', () => (b.start = performance.now()), { capture: true, once: true })
      const shown = (el: Element | null): boolean =>
        el !== null && el.getBoundingClientRect().width > 0 && el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
      const quiet = (): void => {
        let since = performance.now()
        const tick = (due: number): void => {
          const now = performance.now()
          if (now - due > 50) since = now
          if (now - since >= 100) {
            b.responsive = since
            return
          }
          setTimeout(() => tick(now + 10), 10)
        }
        setTimeout(() => tick(performance.now() + 10), 10)
      }
      const check = (): void => {
        if (
          b.start > 0 &&
          b.sawRunning &&
          status?.dataset.status === 'ready' &&
          shown(document.querySelector('[data-testid="chain-nat-KUBE-SERVICES"]')) &&
          document.querySelector('.view-lines')?.textContent?.includes('KUBE-')
        ) {
          b.drawn = performance.now()
          quiet()
          return
        }
        requestAnimationFrame(check)
      }
      requestAnimationFrame(check)
    })
    await picker.selectOption('kube-proxy-1000')
    await page.waitForFunction(() => (window as unknown as { benchKube: Probe }).benchKube.responsive > 0, undefined, { polling: 250, timeout: 90_000 })
    await page.waitForTimeout(1000)
    const b = await page.evaluate(() => (window as unknown as { benchKube: Probe }).benchKube)
    return { drawnMs: b.drawn - b.start, responsiveMs: b.responsive - b.start, longestTaskMs: Math.max(0, ...b.tasks), longTasks: b.tasks.length }
  } finally {
    await closePage(page)
  }
}
