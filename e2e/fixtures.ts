import { test as base, expect, type Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

/**
 * Every journey runs with guards the product promises: no request leaves 127.0.0.1, no console error, no failed
 * response, no uncaught exception, no dialog (nothing from a paste or a link may execute).
 */
export interface Guards {
  requests: string[]
  problems: string[]
}

export const test = base.extend<{ guards: Guards }>({
  guards: async ({ page, baseURL }, provide) => {
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
    // The Content-Security-Policy: a violation is reported on the document as well as by Chromium's own console line.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline code'} at ${e.sourceFile}:${e.lineNumber}`)
      })
    })
    await provide(guards)
    const origin = new URL(baseURL ?? 'http://127.0.0.1:4173').origin
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const foreign = guards.requests.filter((u) => !(u.startsWith(`${origin}/`) || /^(data:|blob:|about:)/.test(u)))
    expect(foreign, 'requests outside the app origin').toEqual([])
    expect(guards.problems, 'console errors, failed responses, page errors or dialogs').toEqual([])
  },
})

export { expect }

const here = dirname(fileURLToPath(import.meta.url))
/** Test inputs are the app's own example files: the e2e never reads outside the repository. */
export const EXAMPLE_FILES = {
  seed000: join(here, '..', 'src', 'examples', 'seed-000-k8s-nat-listing.txt'),
  seed001: join(here, '..', 'src', 'examples', 'seed-001-istio-1.9-vm-log.txt'),
}

/** Replaces the editor's whole text the way a user pastes: select all, then insert. */
export async function replaceEditorText(page: Page, text: string): Promise<void> {
  const editor = page.locator('.monaco-editor').first()
  await editor.click()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('Delete')
  await page.keyboard.insertText(text)
}

/** Opens the app with a fixed language (the browser default decides otherwise) and waits for the first graph. */
export async function openApp(page: Page, options: { language?: 'en' | 'zh'; theme?: 'light' | 'dark'; path?: string } = {}): Promise<void> {
  await page.addInitScript(
    ({ language, theme }) => {
      if (!sessionStorage.getItem('e2e-prefs-set')) {
        sessionStorage.setItem('e2e-prefs-set', '1')
        localStorage.setItem('istio-iptables-explorer:prefs:v1', JSON.stringify({ language, theme }))
      }
    },
    { language: options.language ?? 'en', theme: options.theme ?? 'light' },
  )
  await page.goto(options.path ?? '/')
  await expect(page.getByTestId('chain-graph').locator('.react-flow__node').first()).toBeVisible()
}

export async function loadExample(page: Page, id: string): Promise<void> {
  await page.getByRole('combobox').first().selectOption(id)
}

/** Saves a screenshot after fonts (the bundled CJK subset included) have loaded and animations settled. */
const port = process.env.E2E_PORT ?? '4173'
const screenshotSuffix = port === '4173' ? '' : `-${port}`

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready
  })
  // The settled view, not a transition: ELK's layout replaces the quick first one, and Monaco colours lines after
  // its grammar has loaded.
  const graph = page.getByTestId('chain-graph')
  if (await graph.count()) await expect(graph).toHaveAttribute('data-layout', 'elk', { timeout: 20_000 })
  // Megabyte dumps are shown as plain text on purpose.
  if (await page.locator('.monaco-editor:not([data-language="plaintext"]) .view-lines').count()) {
    await expect(page.locator('.monaco-editor .view-lines span[class^="mtk"]:not(.mtk1)').first()).toBeAttached({ timeout: 10_000 })
  }
  await page.waitForTimeout(400)
  await page.screenshot({ path: `test-results${screenshotSuffix}/screenshots/${name}.png`, fullPage: false })
}

/** No serious or critical axe violation on the page as it is. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`),
    `axe violations on ${label}`,
  ).toEqual([])
}
