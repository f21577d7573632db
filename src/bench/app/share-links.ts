import type { Browser } from '@playwright/test'
import { afterReanalysis, closePage, examplePicker, freshPage, waitReady } from './browser.ts'

export interface ShippedLink {
  id: string
  url: string
}

/** The example ids in the picker, in order. */
export async function exampleIds(browser: Browser, url: string): Promise<string[]> {
  const page = await freshPage(browser)
  try {
    await page.goto(url)
    await waitReady(page)
    return await examplePicker(page).evaluate((select) => [...(select as HTMLSelectElement).options].map((o) => o.value).filter((v) => v !== ''))
  } finally {
    await closePage(page)
  }
}

/** Picks each example in a fresh page, presses Share and keeps the address the app wrote. */
export async function shareLinks(browser: Browser, url: string, ids: readonly string[]): Promise<ShippedLink[]> {
  const links: ShippedLink[] = []
  for (const id of ids) {
    const page = await freshPage(browser)
    try {
      await page.goto(url)
      await waitReady(page)
      const picker = examplePicker(page)
      if ((await picker.inputValue()) !== id) await afterReanalysis(page, () => picker.selectOption(id).then(() => undefined), 90_000)
      await page.getByRole('button', { name: 'Share', exact: true }).click()
      await page.getByTestId('share-link').waitFor({ state: 'visible', timeout: 30_000 })
      links.push({ id, url: page.url() })
    } finally {
      await closePage(page)
    }
  }
  return links
}
