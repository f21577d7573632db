import { execFileSync } from 'node:child_process'
import { test, expect, openApp, replaceEditorText, screenshot, loadExample } from './fixtures.ts'
import type { Locator, Page } from '@playwright/test'

/** A configuration where the rows of spec Part C (1.9.4 → master) apply: include/exclude CIDRs, "*" inbound, -o, -q, DNS. */
const CONFIG = "istio-iptables -p 15001 -z 15006 -u 1337 -g 1337 -i 10.0.0.0/8 -x 10.96.0.1/12 -b '*' -d 15090,15021 -o 2000 -q 3000 --redirect-dns"

async function setField(page: Page, name: string, value: string): Promise<void> {
  const input = page.getByTestId(`config-field-${name}`).getByRole('textbox')
  await input.fill(value)
  await input.press('Enter')
}

/** The change of the list whose rule text (before or after) contains `text`. */
function change(page: Page, text: string, kind?: string): Locator {
  const all = page.getByTestId('version-change').filter({ hasText: text })
  return kind ? all.and(page.locator(`[data-kind="${kind}"]`)) : all
}

test('1.9.4 → latest in the app: the changes of spec Part C on the graph and in the list, with switches and Istio PRs; the link keeps both versions', async ({ page, context }) => {
  test.setTimeout(90_000)
  await openApp(page)
  await replaceEditorText(page, `${CONFIG}\n`)
  await expect(page.getByTestId('version-bar')).toBeVisible()
  await setField(page, 'DNSServersV4', '10.10.10.6')
  await page.getByTestId('config-field-EnableIPv6').getByRole('checkbox').click()
  await expect(page.getByTestId('config-field-EnableIPv6').getByRole('checkbox')).toBeChecked()

  await page.getByTestId('profile-picker').selectOption('1.9.4')
  await expect(page.getByTestId('version-current')).toHaveText('1.9.4')
  await expect(page.getByTestId('rule-nat-OUTPUT-1')).toContainText('-p tcp')
  await page.getByTestId('profile-picker').selectOption('latest')
  const list = page.getByTestId('version-changes')
  await expect(list).toBeVisible()
  await expect(list).toContainText('From Istio 1.9.4 to latest')
  await expect(page.getByTestId('compare-select')).toHaveValue('1.9.4')

  // Row 4: the OUTPUT jump loses -p tcp (#53998), drawn as a changed row.
  const jump = change(page, '-A OUTPUT -p tcp -j ISTIO_OUTPUT', 'changed').and(page.locator('[data-family="4"]'))
  await expect(jump).toHaveAttribute('data-switches', 'L-1')
  await expect(jump).toContainText('-A OUTPUT -j ISTIO_OUTPUT')
  await expect(jump.getByRole('link', { name: 'istio/istio#53998' })).toBeVisible()
  const jumpIndex = await jump.getAttribute('data-index')
  await expect(page.getByTestId(`rule-nat-OUTPUT-${jumpIndex}`)).toHaveAttribute('data-change', 'changed')
  // Rows 5–6: DNS moves into ISTIO_OUTPUT_DNS (#53998): new rows there, the old UDP rules of nat OUTPUT removed.
  await expect(page.getByTestId('chain-nat-ISTIO_OUTPUT_DNS').locator('[data-change="added"]').first()).toBeVisible()
  await expect(change(page, '-A ISTIO_OUTPUT_DNS -p udp --dport 53 -d 10.10.10.6/32 -j REDIRECT --to-port 15053', 'added').first()).toHaveAttribute('data-switches', /L-2/)
  await expect(change(page, '-A OUTPUT -p udp --dport 53 -m owner --uid-owner 1337 -j RETURN', 'removed').first()).toHaveAttribute('data-prs', /53998/)
  // Row 3: the automatic port-22 RETURN is gone (#36312).
  const port22 = change(page, '-A ISTIO_INBOUND -p tcp --dport 22 -j RETURN', 'removed').first()
  await expect(port22).toHaveAttribute('data-switches', 'C-20')
  await expect(port22).toContainText('istio/istio#36312')
  await expect(page.getByTestId('removed-nat-ISTIO_INBOUND')).toBeVisible()
  // Row 10: the owner ISTIO_IN_REDIRECT rules skip the tunnel port (#43414).
  const owner = change(page, '--gid-owner 1337 -j ISTIO_IN_REDIRECT', 'changed').first()
  await expect(owner).toContainText('! --dport 15008')
  await expect(owner).toHaveAttribute('data-prs', /43414/)
  // Row 12: no trailing RETURN after the include CIDRs (#51352).
  await expect(change(page, '-A ISTIO_OUTPUT -j RETURN', 'removed').first()).toHaveAttribute('data-prs', /51352/)
  // Row 7: DNS conntrack zones (#33572) and the reply zone (#46937) in raw.
  await expect(change(page, '-j CT --zone 1', 'added').first()).toHaveAttribute('data-prs', /33572/)
  await expect(change(page, '-A ISTIO_INBOUND -p udp --sport 53 -s 10.10.10.6/32 -j CT --zone 1', 'added').first()).toHaveAttribute('data-prs', /46937/)
  // Row 13: excluded outbound ports RETURN for UDP too; row 19: CIDRs printed as given (#41332).
  await expect(change(page, '-p udp --dport 2000 -j RETURN', 'added').first()).toHaveAttribute('data-switches', /L-4/)
  await expect(change(page, '-A ISTIO_OUTPUT -d 10.96.0.1/12 -j RETURN', 'changed').first()).toHaveAttribute('data-prs', /41332/)
  // Rows 1–2: IPv6 gets the same plan as IPv4 (#34272) and the -q rules (#33439).
  await expect(page.locator('[data-testid="version-change"][data-family="6"][data-prs*="34272"]').first()).toBeVisible()
  await expect(page.locator('[data-testid="version-change"][data-family="6"][data-prs*="33439"]').first()).toBeVisible()
  await screenshot(page, 'versions-1.9.4-latest')

  // A change opens its rule in the inspector and the graph.
  await jump.getByRole('button', { name: /OUTPUT #/ }).click()
  await expect(page.getByTestId('rule-inspector')).toContainText('ISTIO_OUTPUT')

  await page.getByRole('button', { name: 'Share' }).click()
  await expect(page.getByTestId('share-link')).toBeVisible()
  const fresh = await context.newPage()
  await fresh.goto(page.url())
  await expect(fresh.getByTestId('version-changes')).toContainText('From Istio 1.9.4 to latest')
  await expect(fresh.getByTestId('compare-select')).toHaveValue('1.9.4')
  await expect(fresh.getByTestId('profile-picker')).toHaveValue('latest')
  await fresh.close()
})

test('the version slider steps through releases, each step showing what that release changed', async ({ page }) => {
  await openApp(page)
  await loadExample(page, 'vm-sidecar-env')
  await expect(page.getByTestId('version-current')).toHaveText('1.25+ (latest)')
  const slider = page.getByTestId('version-slider')
  await slider.focus()
  await page.keyboard.press('ArrowLeft')
  await expect(page.getByTestId('version-current')).toHaveText('1.24 (1.24.6)')
  await expect(page.getByTestId('version-changes')).toContainText('From Istio latest to 1.24.6')
  await expect(page.getByTestId('rule-nat-OUTPUT-1')).toContainText('-p tcp')
  await expect(change(page, '-A OUTPUT -j ISTIO_OUTPUT', 'changed').first()).toHaveAttribute('data-switches', 'L-1')
  // 1.13 → 1.12 brings back the automatic port-22 RETURN only if inbound capture is "*": this config lists 8080.
  await page.getByTestId('compare-select').selectOption('')
  await expect(page.getByTestId('version-changes')).toHaveCount(0)
})

test('`cli versions` and the in-app version list agree', async ({ page }) => {
  const cli = execFileSync('npx', ['tsx', 'src/cli/bin.ts', 'versions'], { encoding: 'utf8' })
  // One line per profile: name, release, what changed (anything else on stdout is not the list).
  const rows = cli
    .split('\n')
    .filter((l) => /^\S+\s{2,}\S+\s{2,}\S/.test(l))
    .map((l) => l.split(/\s{2,}/))
  expect(rows.length).toBeGreaterThan(30)
  await openApp(page)
  await loadExample(page, 'vm-sidecar-env')
  await expect(page.getByTestId('compare-select').locator('option')).toHaveCount(rows.length + 1)
  await expect(page.getByTestId('profile-picker').locator('option')).toHaveCount(rows.length)
  const options = await page.getByTestId('compare-select').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean))
  expect(options).toEqual(rows.map(([, release]) => release))
  const picker = await page.getByTestId('profile-picker').locator('option').evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, (o as HTMLOptionElement).title]))
  expect(picker).toEqual(rows.map(([, release, changes]) => [release, changes]))
  await expect(page.getByTestId('version-slider')).toHaveAttribute('max', String(rows.length - 1))
})

test('a pasted log: its Istio version with clickable evidence; regenerated for latest with the changes; outputs per family', async ({ page }) => {
  await openApp(page)
  const detection = page.getByTestId('version-detection')
  await expect(detection.getByTestId('version-range')).toHaveText('likely 1.9.0–1.9.9')
  await detection.locator('summary').click()
  const clue = detection.locator('[data-testid="version-evidence"][data-line="46"]')
  await expect(clue).toContainText('ISTIO_META_ISTIO_VERSION')
  await clue.getByRole('button', { name: 'Show line 46 in the editor' }).click()
  await expect(page.locator('.view-lines')).toContainText('ISTIO_META_ISTIO_VERSION')

  await detection.getByTestId('regenerate-profile').selectOption('latest')
  await detection.getByTestId('regenerate').click()
  await expect(detection.getByTestId('regenerated')).toContainText('istio-iptables latest')
  await expect(page.getByTestId('compare-select')).toHaveValue('1.9.9')
  await expect(page.getByTestId('version-changes')).toContainText('From Istio 1.9.9 to latest')
  await expect(page.getByTestId('config-source')).toHaveText('From the paste’s Environment/Variables blocks')
  await expect(page.getByTestId('config-field-ProxyUID').getByRole('textbox')).toHaveValue('997')

  await page.getByTestId('source-tab-outputs').click()
  const output = page.getByTestId('generated-output')
  await expect(output).toContainText('-A OUTPUT -j ISTIO_OUTPUT')
  await expect(output).toHaveAttribute('data-format', 'restore')
  await page.getByTestId('output-tab-commands').click()
  await expect(output).toContainText('iptables -t nat -A ISTIO_OUTPUT')
  await page.getByTestId('output-tab-save').click()
  await expect(output).toContainText(':ISTIO_OUTPUT - [0:0]')
  await page.getByTestId('output-tab-clean').click()
  await expect(output).toContainText('iptables')
  await page.getByTestId('output-tab-variables').click()
  await expect(output).toContainText('PROXY_UID=997')
  await screenshot(page, 'versions-regenerated-log')

  await page.getByTestId('regenerate-back').click()
  await expect(page.getByTestId('version-changes')).toHaveCount(0)
  await expect(page.getByTestId('rule-nat-OUTPUT-1')).toContainText('-p tcp')
})

test('a configuration: every output of istio-iptables per family, values changed in the form, the version in the header', async ({ page }) => {
  await openApp(page)
  await loadExample(page, 'vm-sidecar-env')
  await page.getByTestId('source-tab-outputs').click()
  const output = page.getByTestId('generated-output')
  await expect(output).toContainText('-A ISTIO_INBOUND -p tcp --dport 8080 -j ISTIO_IN_REDIRECT')
  await setField(page, 'ProxyUID', '997')
  await expect(output).toContainText('--uid-owner 997')
  await page.getByTestId('config-field-EnableIPv6').getByRole('checkbox').click()
  await page.getByRole('radio', { name: 'IPv6' }).click()
  await expect(output).toHaveAttribute('data-family', '6')
  await expect(output).toContainText('-A ISTIO_OUTPUT -o lo -s ::6/128 -j RETURN')
  await page.getByTestId('profile-picker').selectOption('1.9.4')
  await expect(page.getByTestId('version-current')).toHaveText('1.9.4')
  await page.getByTestId('output-tab-clean').click()
  await expect(output).toContainText('ip6tables')
  await page.getByTestId('config-show-all').click()
  await expect(page.getByTestId('config-field-InboundTProxyRouteTable')).toBeVisible()
  await page.getByTestId('source-tab-input').click()
  await expect(page.locator('.view-lines')).toContainText('ISTIO_INBOUND_PORTS=8080')
})
