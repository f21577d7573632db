import { deflateSync } from 'fflate'
import type { Page } from '@playwright/test'
import { test, expect, replaceEditorText } from './fixtures.ts'
import { toBase64Url } from '../src/core/share/base64url.ts'
import { encodeShareState, MAX_LINK_CHARS } from '../src/core/share/share-codec.ts'

/**
 * Links from strangers. Each broken link shows its own translated message and leaves a working, empty app; a link
 * carrying HTML and script in every place text can go is shown as text and nothing runs. The fixtures fail a test
 * on any dialog, page error, console error (CSP violations included) or request outside the app's origin.
 */

/** Opens a path with a fixed language, without waiting for a graph (a refused link leaves the app empty). */
async function openPath(page: Page, path: string, language: 'en' | 'zh' = 'en'): Promise<void> {
  await page.addInitScript((lang) => {
    if (!sessionStorage.getItem('e2e-prefs-set')) {
      sessionStorage.setItem('e2e-prefs-set', '1')
      localStorage.setItem('istio-iptables-explorer:prefs:v1', JSON.stringify({ language: lang, theme: 'light' }))
    }
  }, language)
  await page.goto(path)
  await expect(page.getByTestId('status-analysis')).toBeVisible()
}

/** The app works after the refusal: empty, and a typed dump is drawn. */
async function expectUsableAndEmpty(page: Page): Promise<void> {
  await expect(page.getByTestId('status-analysis')).toHaveAttribute('data-status', 'ready')
  await expect(page.getByTestId('chain-graph').locator('.react-flow__node')).toHaveCount(0)
  await expect(page.locator('.monaco-editor').first()).toBeVisible()
  await replaceEditorText(page, '*nat\n:OUTPUT ACCEPT [0:0]\n:AFTER_A_BAD_LINK - [0:0]\n-A OUTPUT -j AFTER_A_BAD_LINK\nCOMMIT\n')
  await expect(page.getByTestId('chain-nat-AFTER_A_BAD_LINK')).toBeVisible()
}

const valid = encodeShareState({ input: { kind: 'text', text: '*nat\n:OUTPUT ACCEPT [0:0]\n-A OUTPUT -p tcp -j REDIRECT --to-ports 15001\nCOMMIT\n' }, language: 'en' }).hash

const BAD_LINKS: { name: string; hash: string; message: RegExp }[] = [
  { name: 'garbage', hash: '#v1.%3Cscript%3E!!garbage!!', message: /This link is damaged or cut off and could not be opened/ },
  { name: 'a truncated link', hash: valid.slice(0, Math.floor(valid.length * 0.6)), message: /This link is damaged or cut off/ },
  { name: 'an oversized link', hash: '#v1.' + 'A'.repeat(MAX_LINK_CHARS + 1000), message: /is 1,?049,?580 characters long|1049580 characters long/ },
  { name: 'a link from a newer version', hash: '#v2.' + valid.slice(4), message: /made by a newer version of the app \(link format v2\)/ },
  {
    name: 'a decompression bomb',
    hash: '#v1.' + toBase64Url(new Uint8Array([0, ...deflateSync(new Uint8Array(64 * 1024 * 1024), { level: 9 })])),
    message: /unpacks to more than 8 MB/,
  },
  {
    name: 'a link with a value the schema refuses',
    hash: '#v1.' + toBase64Url(new Uint8Array([0, ...deflateSync(new TextEncoder().encode('{"i":"t","l":"en","x":[["__proto__","1"]]}\n-A OUTPUT -j ACCEPT'))])),
    message: /holds settings this app does not accept/,
  },
]

for (const bad of BAD_LINKS) {
  test(`${bad.name}: its own message, nothing loaded, a working empty app`, async ({ page }) => {
    await openPath(page, `/${bad.hash}`)
    await expect(page.getByRole('alert').filter({ hasText: bad.message })).toBeVisible()
    await expectUsableAndEmpty(page)
  })
}

test('the messages are translated: a damaged link in Chinese', async ({ page }) => {
  await openPath(page, `/${valid.slice(0, 30)}`, 'zh')
  await expect(page.getByRole('alert').filter({ hasText: '此链接已损坏或被截断' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await expectUsableAndEmpty(page)
})

test('a bad link pasted into an open tab keeps what the user has', async ({ page }) => {
  await openPath(page, '/')
  await expect(page.getByTestId('chain-graph').locator('.react-flow__node').first()).toBeVisible()
  await page.evaluate((hash) => {
    location.hash = hash
  }, '#v9.AAAA')
  await expect(page.getByRole('alert').filter({ hasText: /newer version of the app \(link format v9\)/ })).toBeVisible()
  await expect(page.getByTestId('chain-graph').locator('.react-flow__node').first()).toBeVisible()
  await expect(page.locator('.view-lines')).toContainText('istio-start.sh')
})

const HOSTILE_TEXT = [
  '*nat',
  ':PREROUTING ACCEPT [0:0]',
  ':INPUT ACCEPT [0:0]',
  ':OUTPUT ACCEPT [0:0]',
  ':POSTROUTING ACCEPT [0:0]',
  ':ISTIO_OUTPUT - [0:0]',
  ':<img_src=x_onerror=alert(7)> - [0:0]',
  '-A OUTPUT -p tcp -m comment --comment "<img src=x onerror=alert(1)>" -j ISTIO_OUTPUT',
  '-A ISTIO_OUTPUT -m comment --comment "<script>alert(2)</script>" -j RETURN',
  '-A ISTIO_OUTPUT -m comment --comment "[click](javascript:alert(3)) **bold** &lt;b&gt;" -j <img_src=x_onerror=alert(7)>',
  '-A ISTIO_OUTPUT -o "<svg/onload=alert(4)>" -j REDIRECT --to-ports 15001',
  'COMMIT',
  '# ISTIO_SERVICE_CIDR=<img src=x onerror=alert(5)>',
  '',
].join('\n')

test('a link carrying HTML and script in comments, chain names and values shows them as text and runs nothing', async ({ page }) => {
  await page.addInitScript(() => {
    ;(window as unknown as { alert: (m: unknown) => void }).alert = (m) => {
      throw new Error(`alert(${String(m)}) ran`)
    }
  })
  const hash = encodeShareState({
    input: { kind: 'text', text: HOSTILE_TEXT },
    language: 'en',
    exampleId: '<img src=x onerror=alert(6)>',
    overrides: { ProxyUID: '<img src=x onerror=alert(8)>' },
    rule: { table: 'nat', chain: 'OUTPUT', index: 1 },
  }).hash
  await openPath(page, `/${hash}`)
  await expect(page.getByTestId('chain-nat-ISTIO_OUTPUT')).toBeVisible()
  // The selected rule's comment is on screen, as the characters it is.
  await expect(page.getByTestId('rule-inspector')).toContainText('<img src=x onerror=alert(1)>')
  await expect(page.locator('.view-lines')).toContainText('<script>alert(2)</script>')
  await expect(page.getByText('<img_src=x_onerror=alert(7)>').first()).toBeVisible()

  // The editor hover (Monaco renders markdown) shows the comment as text too.
  await page.locator('.view-line', { hasText: 'alert(1)' }).first().hover({ position: { x: 60, y: 5 } })
  const hover = page.locator('.monaco-hover-content').filter({ hasText: /./ }).first()
  await expect(hover).toBeVisible()
  await expect(hover.locator('img, script, svg, a[href^="javascript"]')).toHaveCount(0)

  // Nothing the text spelled exists as markup anywhere in the page.
  const injected = await page.evaluate(() => ({
    images: document.querySelectorAll('img[src="x"], img[src$="/x"]').length,
    scripts: [...document.scripts].filter((s) => s.textContent?.includes('alert(')).length,
    svgs: document.querySelectorAll('svg[onload]').length,
    handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
    javascriptLinks: document.querySelectorAll('a[href^="javascript"]').length,
  }))
  expect(injected).toEqual({ images: 0, scripts: 0, svgs: 0, handlers: 0, javascriptLinks: 0 })

  // Share shows the same text back, still as text, and the app stays usable.
  await page.getByRole('button', { name: 'Share' }).click()
  await expect(page.getByTestId('share-link')).toBeVisible()
  await replaceEditorText(page, '*nat\n:OUTPUT ACCEPT [0:0]\n:STILL_WORKS - [0:0]\n-A OUTPUT -j STILL_WORKS\nCOMMIT\n')
  await expect(page.getByTestId('chain-nat-STILL_WORKS')).toBeVisible()
})
