import { test, expect, openApp, screenshot, expectAccessible } from './fixtures.ts'
import { ROLE_IDS } from '../src/core/explain/roles.ts'

const NINE = [
  'istio-output-passthrough-127.0.0.6',
  'istio-output-proxy-uid-loopback-redirect',
  'istio-output-non-proxy-uid-loopback-return',
  'istio-output-proxy-uid-return',
  'istio-output-proxy-gid-loopback-redirect',
  'istio-output-non-proxy-gid-loopback-return',
  'istio-output-proxy-gid-return',
  'istio-output-localhost-return',
  'istio-output-redirect',
  'istio-output-include-cidr',
]

for (const language of ['en', 'zh'] as const) {
  test(`the rule reference in ${language}: every role with its whole explanation, ①–⑨ first; screenshots through it`, async ({ page }) => {
    test.setTimeout(180_000)
    await openApp(page, { language, theme: 'light' })
    await page.getByTestId('reference-toggle').click()
    await expect(page).toHaveURL(/#reference$/)
    const scroller = page.getByTestId('reference-scroll')
    const articles = scroller.locator('article')
    await expect(articles).toHaveCount(ROLE_IDS.length)
    const order = await articles.evaluateAll((as) => as.map((a) => a.getAttribute('data-testid')?.replace(/^reference-/, '')))
    expect(order.slice(0, NINE.length)).toEqual(NINE)
    expect(order.toSorted()).toEqual([...ROLE_IDS].toSorted())
    await expect(scroller.getByTestId('reference-istio-output-proxy-uid-return')).toContainText(language === 'zh' ? '为什么需要它' : 'Why it is there')
    await expectAccessible(page, `rule reference (${language})`)

    // A taller window keeps the number of screenshots reasonable; every part of the reference is captured once.
    await page.setViewportSize({ width: 1440, height: 1400 })
    const { height, client } = await scroller.evaluate((e) => ({ height: e.scrollHeight, client: e.clientHeight }))
    let shot = 0
    for (let top = 0; ; top += client - 60) {
      await scroller.evaluate((e, y) => e.scrollTo(0, y), top)
      shot++
      await screenshot(page, `reference-${language}-${String(shot).padStart(2, '0')}`)
      if (top + client >= height) break
    }
    await page.setViewportSize({ width: 1440, height: 900 })

    // A role has a link of its own that opens the reference there.
    await page.getByRole('navigation').getByRole('button').filter({ hasText: 'ISTIO_DROP' }).first().click()
    await expect(page).toHaveURL(/#reference\/istio-drop$/)
    await page.reload()
    await expect(page.getByTestId('reference-istio-drop')).toBeInViewport()
    await page.getByTestId('reference-toggle').click()
    await expect(page.getByTestId('chain-graph')).toBeVisible()
    await expect(page).not.toHaveURL(/#reference/)
  })
}
