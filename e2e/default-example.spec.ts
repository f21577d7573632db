import { test, expect, openApp, replaceEditorText, screenshot } from './fixtures.ts'

test('the default example (the Istio 1.9 VM log) is drawn, and editing the input redraws the graph', async ({ page, guards }) => {
  await openApp(page)
  const graph = page.getByTestId('chain-graph')
  for (const chain of ['PREROUTING', 'OUTPUT', 'ISTIO_INBOUND', 'ISTIO_IN_REDIRECT', 'ISTIO_OUTPUT', 'ISTIO_REDIRECT']) {
    await expect(graph.getByTestId(`chain-nat-${chain}`)).toBeVisible()
  }
  // Built-in chains sit in their hooks, in packet order, with terminals named by role.
  await expect(graph.getByTestId('hook-OUTPUT').or(graph.getByTestId('hook-PREROUTING')).first()).toBeVisible()
  await expect(graph.getByTestId('terminal-envoy-outbound')).toBeVisible()
  await expect(graph.getByTestId('terminal-envoy-inbound')).toBeVisible()
  await expect(page.locator('.view-lines')).toContainText('istio')
  await screenshot(page, 'default-example')

  await replaceEditorText(
    page,
    ['*nat', ':PREROUTING ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':MY_CHAIN - [0:0]', '-A OUTPUT -p tcp -j MY_CHAIN', '-A MY_CHAIN -j RETURN', 'COMMIT', ''].join('\n'),
  )
  await expect(graph.getByTestId('chain-nat-MY_CHAIN')).toBeVisible()
  await expect(graph.getByTestId('chain-nat-ISTIO_OUTPUT')).toHaveCount(0)
  await expect(graph.getByTestId('rule-nat-OUTPUT-1')).toContainText('MY_CHAIN')
  expect(guards.requests.some((u) => u.includes('engine.worker'))).toBe(true)
})
