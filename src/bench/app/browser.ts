import { chromium, type Browser, type Page } from '@playwright/test'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--disable-gpu', '--disable-quic'] })
}

/**
 * A page in a fresh context (no cache, no storage: a first visit), English and light theme set the way the e2e
 * fixtures set them, at the e2e viewport.
 */
export async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  const page = await context.newPage()
  // The bench runs under tsx, whose esbuild transform wraps named functions in `__name(fn, "name")`; functions sent
  // to the page keep those calls, so the page gets the identity helper first.
  await page.addInitScript('globalThis.__name = (fn) => fn')
  await page.addInitScript(() => {
    localStorage.setItem('istio-iptables-explorer:prefs:v1', JSON.stringify({ language: 'en', theme: 'light' }))
  })
  return page
}

export async function closePage(page: Page): Promise<void> {
  await page.context().close()
}

/** The header's example picker. */
export function examplePicker(page: Page) {
  return page.getByRole('combobox', { name: 'Example' })
}

/** Waits (polling in the page, cheaply) until the analysis of the current text is shown. */
export async function waitReady(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="status-analysis"]')?.dataset.status === 'ready', undefined, {
    polling: 100,
    timeout,
  })
}

/**
 * Runs `action` (which loads another input) and waits until the page has analysed the new input: the status must go
 * through `running` after the action and come back to `ready`, so the previous input's `ready` is never mistaken
 * for it.
 */
export async function afterReanalysis(page: Page, action: () => Promise<void>, timeout = 60_000): Promise<void> {
  await page.evaluate(() => {
    const status = document.querySelector<HTMLElement>('[data-testid="status-analysis"]')
    const w = window as unknown as { benchSawRunning: boolean }
    w.benchSawRunning = false
    if (!status) return
    new MutationObserver(() => {
      if (status.dataset.status === 'running') w.benchSawRunning = true
    }).observe(status, { attributes: true, attributeFilter: ['data-status'] })
  })
  await action()
  await page.waitForFunction(
    () => {
      const w = window as unknown as { benchSawRunning: boolean }
      return w.benchSawRunning && document.querySelector<HTMLElement>('[data-testid="status-analysis"]')?.dataset.status === 'ready'
    },
    undefined,
    { polling: 100, timeout },
  )
}
