import { test as base, expect, type Page } from '@playwright/test'

/**
 * Every journey runs with guards the product promises: no request leaves 127.0.0.1, no console error, no failed
 * response, no uncaught exception, no dialog (nothing from a paste or a link may execute).
 */
export interface Guards {
  requests: string[]
  problems: string[]
}

export const test = base.extend<{ guards: Guards }>({
  guards: async ({ page }, use) => {
    const guards: Guards = { requests: [], problems: [] }
    page.on('request', (r) => guards.requests.push(r.url()))
    page.on('console', (m) => {
      if (m.type() === 'error') guards.problems.push(`console error: ${m.text()}`)
    })
    page.on('pageerror', (e) => guards.problems.push(`page error: ${e.message}`))
    page.on('response', (r) => {
      if (r.status() >= 400) guards.problems.push(`HTTP ${r.status()} ${r.url()}`)
    })
    page.on('dialog', (d) => {
      guards.problems.push(`dialog opened: ${d.message()}`)
      void d.dismiss()
    })
    await use(guards)
    const foreign = guards.requests.filter((u) => !/^(http:\/\/127\.0\.0\.1:4173\/|data:|blob:|about:)/.test(u))
    expect(foreign, 'requests outside the app origin').toEqual([])
    expect(guards.problems, 'console errors, failed responses, page errors or dialogs').toEqual([])
  },
})

export { expect }

/** Replaces the editor's whole text the way a user pastes: select all, then insert. */
export async function replaceEditorText(page: Page, text: string): Promise<void> {
  const editor = page.locator('.monaco-editor').first()
  await editor.click()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('Delete')
  await page.keyboard.insertText(text)
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: false })
}
