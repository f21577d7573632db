import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { test, expect, openApp, replaceEditorText } from './fixtures.ts'

/**
 * Faults no input causes, asked for through the test-only `?fault=` switches (src/app/test-faults.ts): the engine
 * worker dies, hangs or throws in the middle of parsing, or one panel fails to render. The user must be told, keep
 * their input, and carry on. The fixtures fail a test on any console error, page error or dialog, so a handled
 * fault must not surface as one.
 */

function dump(chain: string, port = 8080): string {
  return ['*nat', ':OUTPUT ACCEPT [0:0]', `:${chain} - [0:0]`, `-A OUTPUT -p tcp --dport ${port} -j ${chain}`, `-A ${chain} -p tcp -j REDIRECT --to-ports 15001`, 'COMMIT', ''].join('\n')
}

/** Types a dump, waits until it is drawn and saved locally (saving follows a change by 400 ms). */
async function typeAndSave(page: Page, text: string, chain: string): Promise<void> {
  await replaceEditorText(page, text)
  await expect(page.getByTestId(`chain-nat-${chain}`)).toBeVisible()
  await page.waitForFunction((c) => localStorage.getItem('istio-iptables-explorer:input:v1')?.includes(c) ?? false, chain)
}

const ENGINE_FAULTS = [
  {
    fault: 'engine-crash',
    en: /The analysis worker stopped \(.+\) and was replaced by a new one\. Your input is kept; edit it to analyse again\./,
    zh: /分析 worker 意外停止（.+），已换用新的 worker；输入已保留，修改后可重新分析。/,
  },
  {
    fault: 'engine-hang',
    en: /The analysis took longer than 20 s and was stopped\. Your input is kept; edit it to try again\./,
    zh: /分析超过 20 秒，已停止。输入已保留，修改后可重试。/,
  },
  {
    fault: 'engine-throw',
    en: /The analysis failed \(engine fault injected for a test\)\. Your input is kept; edit it to try again\./,
    zh: /分析失败（engine fault injected for a test）。输入已保留，修改后可重试。/,
  },
] as const

for (const { fault, en, zh } of ENGINE_FAULTS) {
  test(`${fault}: the worker killed mid-parse is reported, the input stays, the next edit is drawn, a reload restores it`, async ({ page }) => {
    // The hang is ended by the engine's 20 s time limit.
    test.setTimeout(90_000)
    await openApp(page)
    await typeAndSave(page, dump('MY_OWN_CHAIN'), 'MY_OWN_CHAIN')

    // The saved input is restored and sent to the first engine worker, which fails after it started parsing.
    const started = Date.now()
    await page.goto(`/?fault=${fault}`)
    const status = page.getByTestId('status-analysis')
    await expect(status).toHaveAttribute('data-status', 'failed', { timeout: 40_000 })
    const failedAfter = Date.now() - started
    await expect(status.getByRole('alert')).toHaveText(en)
    await expect(page.locator('.view-lines')).toContainText('-A MY_OWN_CHAIN -p tcp -j REDIRECT --to-ports 15001')
    await expect(page.getByTestId('chain-nat-MY_OWN_CHAIN')).toHaveCount(0)

    // The message is in the user's language.
    await page.getByTestId('language-toggle').click()
    await expect(status.getByRole('alert')).toHaveText(zh)
    await page.getByTestId('language-toggle').click()
    await expect(status.getByRole('alert')).toHaveText(en)

    // The next edit goes to a new worker and is drawn; the message goes away.
    const edited = Date.now()
    await replaceEditorText(page, dump('AFTER_THE_FAULT', 9090))
    await expect(page.getByTestId('chain-nat-AFTER_THE_FAULT')).toBeVisible()
    const recoveredIn = Date.now() - edited
    await expect(status).toHaveAttribute('data-status', 'ready')
    await expect(status.getByRole('alert')).toHaveCount(0)
    console.log(`${fault}: failure shown ${failedAfter} ms after opening; next edit drawn in ${recoveredIn} ms`)

    // What was typed after the fault is what a reload brings back.
    await page.waitForFunction(() => localStorage.getItem('istio-iptables-explorer:input:v1')?.includes('AFTER_THE_FAULT') ?? false)
    await page.goto('/')
    await expect(page.getByTestId('chain-nat-AFTER_THE_FAULT')).toBeVisible()
    await expect(page.locator('.view-lines')).toContainText('-A OUTPUT -p tcp --dport 9090 -j AFTER_THE_FAULT')
  })
}

test('quick successive edits end with the last one drawn, never an older one', async ({ page }) => {
  await openApp(page)
  const status = page.getByTestId('status-analysis')
  // Each edit lands while the one before is being analysed or debounced; the last must win.
  for (let i = 1; i <= 6; i++) {
    await replaceEditorText(page, dump(`EDIT_${i}`, 8000 + i))
    await page.waitForTimeout(60 * i)
  }
  await expect(page.getByTestId('chain-nat-EDIT_6')).toBeVisible()
  await expect(status).toHaveAttribute('data-status', 'ready')
  // Stay a while: a late answer to an older edit must not replace the drawing.
  await page.waitForTimeout(1500)
  await expect(page.getByTestId('chain-nat-EDIT_6')).toBeVisible()
  await expect(page.getByTestId('chain-graph').locator('[data-testid^="chain-nat-EDIT_"]')).toHaveCount(1)
})

/** Every panel the shell wraps in a boundary, read from the shell itself so a new panel is tested too. */
const shell = readFileSync(fileURLToPath(new URL('../src/app/app.tsx', import.meta.url)), 'utf8')
const PANELS = [...shell.matchAll(/<PanelBoundary name="([a-z]+)"/g)].map((m) => m[1] as string)

const PANEL_TITLES: Record<string, { en: string; zh: string }> = {
  editor: { en: 'input', zh: '输入' },
  graph: { en: 'chain graph', zh: '链图' },
  inspector: { en: 'rule inspector', zh: '规则详情' },
  simulator: { en: 'packet simulator', zh: '数据包模拟' },
  trace: { en: 'trace', zh: 'trace' },
  share: { en: 'Share', zh: '分享' },
  config: { en: 'configuration', zh: '配置' },
}

test('the shell wraps the seven panels in boundaries', () => {
  expect([...PANELS].sort()).toEqual(Object.keys(PANEL_TITLES).sort())
})

for (const name of PANELS) {
  test(`panel ${name} fails alone: its own message, the rest works, Retry restores it`, async ({ page }) => {
    const title = PANEL_TITLES[name] ?? { en: '?', zh: '?' }
    await page.addInitScript(() => {
      if (!sessionStorage.getItem('e2e-prefs-set')) {
        sessionStorage.setItem('e2e-prefs-set', '1')
        localStorage.setItem('istio-iptables-explorer:prefs:v1', JSON.stringify({ language: 'en', theme: 'light' }))
      }
    })
    await page.goto(`/?fault=panel-${name}`)
    const failed = page.getByTestId(`panel-error-${name}`)
    await expect(failed).toContainText(`The ${title.en} panel failed and was stopped; the rest of the page keeps working.`)
    await expect(page.locator('[data-testid^="panel-error-"]')).toHaveCount(1)
    await expect(page.getByTestId('status-analysis')).toHaveAttribute('data-status', 'ready')

    // The header works, and the failed panel's message follows the language.
    await page.getByTestId('language-toggle').click()
    await expect(failed).toContainText(`“${title.zh}”面板出错，已停止；页面其余部分仍可正常使用。`)
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(/Istio iptables explorer/i)
    await page.getByTestId('language-toggle').click()
    await expect(failed).toContainText(`The ${title.en} panel failed`)

    // A new input is analysed and drawn by the panels still standing (opened as a file when the editor is the one down).
    const text = dump('WHILE_ONE_PANEL_IS_DOWN')
    if (name === 'editor') await page.getByTestId('source-file-input').setInputFiles({ name: 'rules.txt', mimeType: 'text/plain', buffer: Buffer.from(text) })
    else await replaceEditorText(page, text)
    await expect(page.getByTestId('status-analysis')).toContainText('2 rules linked to the text')
    const chain = page.getByTestId('chain-nat-WHILE_ONE_PANEL_IS_DOWN')
    await expect(chain).toHaveCount(name === 'graph' ? 0 : 1)

    // Retry mounts the panel again, with the current input.
    await page.getByTestId(`panel-retry-${name}`).click()
    await expect(page.locator('[data-testid^="panel-error-"]')).toHaveCount(0)
    await expect(chain).toBeVisible()
    await expect(page.locator('.view-lines')).toContainText('WHILE_ONE_PANEL_IS_DOWN')
    await expect(page.getByTestId('rule-inspector')).toBeVisible()
    await page.locator('[data-testid^="scenario-"]').first().click()
    await expect(page.getByTestId('verdict')).toBeVisible()
    await page.getByRole('button', { name: 'Share' }).click()
    await expect(page.getByTestId('share-contents')).toContainText('This link contains:')
    // The configuration form shows for a configuration input only.
    await page.getByRole('combobox').first().selectOption('vm-sidecar-env')
    await expect(page.getByTestId('config-form')).toBeVisible()
  })
}
