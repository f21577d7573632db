import { test, expect, openApp, loadExample, EXAMPLE_FILES, screenshot } from './fixtures.ts'

const VARIANTS = [
  { language: 'en', theme: 'light' },
  { language: 'zh', theme: 'light' },
  { language: 'en', theme: 'dark' },
  { language: 'zh', theme: 'dark' },
] as const

for (const { language, theme } of VARIANTS) {
  test(`screenshots of every view: ${language}, ${theme}`, async ({ page, guards }) => {
    test.setTimeout(120_000)
    const name = (view: string) => `${view}-${language}-${theme}`
    await openApp(page, { language, theme })
    await expect(page.locator('html')).toHaveAttribute('lang', language === 'zh' ? 'zh-CN' : 'en')
    await screenshot(page, name('1-default-log'))

    await page.getByTestId('source-file-input').setInputFiles(EXAMPLE_FILES.seed000)
    await page.getByTestId('rule-nat-ISTIO_OUTPUT-9').click()
    await expect(page.getByTestId('rule-explanation')).toBeVisible()
    await screenshot(page, name('2-listing-rule-9'))

    await page.getByTestId('scenario-app-calls-external').click()
    await expect(page.getByTestId('verdict')).toBeVisible()
    await page.getByTestId('step-forward').click()
    await page.getByTestId('step-forward').click()
    await screenshot(page, name('3-trace'))

    await loadExample(page, 'k8s-tproxy-sidecar')
    await expect(page.getByTestId('chain-mangle-ISTIO_TPROXY')).toBeVisible()
    await expect(page.getByTestId('trace')).toHaveCount(0)
    await page.getByTestId('rule-mangle-ISTIO_TPROXY-1').click()
    await screenshot(page, name('4-tproxy'))

    await loadExample(page, 'vm-sidecar-env')
    await expect(page.getByTestId('profile-picker')).toBeVisible()
    await expect(page.getByTestId('chain-mangle-ISTIO_TPROXY')).toHaveCount(0)
    await expect(page.getByTestId('chain-nat-ISTIO_INBOUND')).toBeVisible()
    await screenshot(page, name('5-configuration'))

    await loadExample(page, 'kube-proxy-1000')
    await expect(page.getByTestId('chain-nat-KUBE-SERVICES')).toBeVisible({ timeout: 30_000 })
    await screenshot(page, name('6-kube-proxy'))

    await page.getByRole('button', { name: language === 'zh' ? '分享' : 'Share' }).click()
    await expect(page.getByTestId('share-link')).toBeVisible()
    await screenshot(page, name('7-share'))
    // Chinese is drawn with the bundled font subset, fetched from the app itself.
    if (language === 'zh') expect(guards.requests.some((u) => u.endsWith('/fonts/noto-sans-sc-subset.woff2'))).toBe(true)
  })
}
