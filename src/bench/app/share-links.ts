import type { Browser } from '@playwright/test'
import { afterReanalysis, closePage, examplePicker, freshPage, waitReady } from './browser.ts'

export interface ShippedLink {
  id: string
  url: string
}

/**
 * In one page: picks each example of the picker in turn, presses Share and keeps the address the app wrote. A link
 * depends only on the state it encodes, so the examples need no fresh page each.
 */
export async function shareLinks(browser: Browser, url: string): Promise<ShippedLink[]> {
  const page = await freshPage(browser)
  try {
    await page.goto(url)
    await waitReady(page)
    const picker = examplePicker(page)
    const ids = await picker.evaluate((select) => [...(select as HTMLSelectElement).options].map((o) => o.value).filter((v) => v !== ''))
    const links: ShippedLink[] = []
    for (const id of ids) {
      if ((await picker.inputValue()) !== id) await afterReanalysis(page, () => picker.selectOption(id).then(() => undefined), 90_000)
      await page.getByRole('button', { name: 'Share', exact: true }).click()
      await page.getByTestId('share-link').waitFor({ state: 'visible', timeout: 30_000 })
      links.push({ id, url: page.url() })
    }
    return links
  } finally {
    await closePage(page)
  }
}
