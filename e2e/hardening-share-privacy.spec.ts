import type { Page } from '@playwright/test'
import { test, expect, openApp, replaceEditorText } from './fixtures.ts'

/**
 * Sharing with "redact addresses": the dialog says what the link carries, and the link, opened in a fresh load of
 * the page, holds placeholders where the addresses were (the same address always the same placeholder, a network
 * still a network), so the original addresses cannot be read from it.
 */

const ORIGINAL = [
  '# node fd00:10:96::a, pod 10.12.34.56',
  '*nat',
  ':OUTPUT ACCEPT [0:0]',
  ':ISTIO_OUTPUT - [0:0]',
  '-A OUTPUT -p tcp -j ISTIO_OUTPUT',
  '-A ISTIO_OUTPUT -d 10.12.34.56/32 -m comment --comment "first-mention" -j RETURN',
  '-A ISTIO_OUTPUT -s 10.12.34.56/32 -d 192.168.7.0/24 -m comment --comment "second-mention" -j RETURN',
  '-A ISTIO_OUTPUT -d 172.20.1.9/32 -p tcp -m comment --comment "third-mention" -j REDIRECT --to-ports 15001',
  '-A ISTIO_OUTPUT -d 127.0.0.1/32 -m comment --comment "loopback" -j RETURN',
  'COMMIT',
  '',
].join('\n')
/** Placeholders come from 240.0.0.0/4, which no real dump uses. */
const PLACEHOLDER_V4 = /^(24\d|25[0-5])\.\d{1,3}\.\d{1,3}\.\d{1,3}$/
const ADDRESSES = ['fd00:10:96::a', '10.12.34.56', '192.168.7.0', '172.20.1.9']

/** Each editor line (Monaco renders spaces as U+00A0); the order of the lines does not matter here. */
async function editorLines(page: Page): Promise<string[]> {
  return (await page.locator('.view-line').allTextContents()).map((l) => l.replace(/\u00a0/g, ' '))
}

function capture(lines: string[], pattern: RegExp): string[] {
  const found = lines.map((l) => pattern.exec(l)).filter((m) => m !== null)
  expect(found, `one line matching ${pattern}`).toHaveLength(1)
  return (found[0] as RegExpExecArray).slice(1)
}

test('a redacted link opens with consistent placeholders and none of the original addresses', async ({ page }) => {
  await openApp(page)
  await replaceEditorText(page, ORIGINAL)
  await expect(page.getByTestId('chain-nat-ISTIO_OUTPUT')).toBeVisible()

  await page.getByRole('button', { name: 'Share' }).click()
  const dialog = page.getByTestId('share-link')
  await expect(dialog).toBeVisible()
  const contents = page.getByTestId('share-contents')
  await expect(contents).toContainText('This link contains:')
  await expect(contents).toContainText(`your input as typed: ${ORIGINAL.length} characters on`)
  await expect(contents).toContainText('the page language (English)')
  await expect(contents).toContainText('whoever has the link can read your input', { ignoreCase: true })
  await expect(page.getByTestId('share-addresses')).toHaveText(/^IP addresses in it: \d+$/)
  await expect(dialog).toHaveAttribute('data-redacted', 'false')
  const plainUrl = await dialog.getAttribute('data-url')

  // The checkbox is controlled by the store: click, then wait for the state it reflects (check() asserts it at once).
  await page.getByTestId('share-redact').click()
  await expect(page.getByTestId('share-redact')).toBeChecked()
  await expect(dialog).toHaveAttribute('data-redacted', 'true')
  await expect(page.getByTestId('share-addresses')).toHaveText(/^IP addresses in it: \d+, [1-9]\d* of them replaced by placeholders$/)
  const url = await dialog.getAttribute('data-url')
  expect(url).toMatch(/#v1\./)
  expect(url).not.toBe(plainUrl)
  // The address bar holds the redacted link too: it is what a user copies from there.
  expect(page.url()).toBe(url)

  // A fresh load of the link (the saved input is the original, and the link must win over it).
  await page.goto('about:blank')
  await page.goto(url as string)
  await expect(page.getByTestId('chain-nat-ISTIO_OUTPUT')).toBeVisible()
  await expect(page.locator('.view-lines')).toContainText('third-mention')
  const lines = await editorLines(page)
  const text = lines.join('\n')
  for (const address of ADDRESSES) expect(text).not.toContain(address)

  const [first] = capture(lines, /-d (\S+)\/32 -m comment --comment "?first-mention/)
  const [source, network] = capture(lines, /-s (\S+)\/32 -d (\S+)\/24 -m comment --comment "?second-mention/)
  const [third] = capture(lines, /-d (\S+)\/32 -p tcp -m comment --comment "?third-mention/)
  const [node, pod] = capture(lines, /^# node (\S+), pod (\S+)$/)
  // Same address, same placeholder, wherever it appears (a rule's destination, another's source, a comment).
  expect(first).toMatch(PLACEHOLDER_V4)
  expect(source).toBe(first)
  expect(pod).toBe(first)
  // Different addresses, different placeholders; the host part a reader relies on (.56, .9, a .0 network) is kept.
  expect(third).toMatch(PLACEHOLDER_V4)
  expect(third).toMatch(/\.9$/)
  expect(third).not.toBe(first)
  expect(first).toMatch(/\.56$/)
  expect(network).toMatch(PLACEHOLDER_V4)
  expect(network).toMatch(/\.0$/)
  expect(node).toMatch(/^2001:db8:/i)
  // What the explanation depends on stays.
  capture(lines, /-d 127\.0\.0\.1\/32 -m comment --comment "?loopback/)
})
