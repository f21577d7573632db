import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveSource } from '../analyze.ts'
import { generateKubeProxyDump } from '../../examples/kube-proxy.ts'
import { BIG_GRAPH, buildChainGraph, COLLAPSED_LIMITS } from './build-graph.ts'
import type { ChainNode, HookNode } from './chain-graph.ts'
import { layoutSpec } from './layout-spec.ts'

const example = (name: string) => readFileSync(join(import.meta.dirname, '..', '..', 'examples', name), 'utf8')
function rulesetOf(text: string) {
  const r = resolveSource({ text }).ruleset
  if (!r) throw new Error('no ruleset')
  return r
}

describe('buildChainGraph', () => {
  it('groups built-in chains by hook in packet order on the two paths, with stages and named terminals', () => {
    const graph = buildChainGraph(rulesetOf(example('k8s-tproxy-sidecar.txt')))
    const hooks = graph.nodes.filter((n): n is HookNode => n.kind === 'hook')
    expect(hooks.map((h) => `${h.lane}:${h.hook}`)).toEqual(['arriving:PREROUTING', 'arriving:INPUT', 'leaving:OUTPUT', 'leaving:POSTROUTING'])
    expect(hooks.find((h) => h.hook === 'PREROUTING')?.chains).toEqual(['chain-mangle-PREROUTING', 'chain-nat-PREROUTING'])
    const path = graph.edges.filter((e) => e.kind === 'path').map((e) => `${e.source}>${e.target}`)
    expect(path).toContain('stage-arriving-from-network>hook-PREROUTING')
    expect(path).toContain('hook-PREROUTING>stage-arriving-routing')
    expect(path).toContain('hook-INPUT>terminal-app')
    expect(path).toContain('hook-POSTROUTING>terminal-leaves-pod')
    const roles = graph.nodes.filter((n) => n.kind === 'terminal').map((n) => (n.kind === 'terminal' ? n.role : ''))
    expect(roles).toEqual(expect.arrayContaining(['envoy-outbound', 'envoy-inbound', 'app', 'leaves-pod']))
    // One node per chain, rows for rules, an edge from each jumping row.
    const output = graph.nodes.find((n): n is ChainNode => n.kind === 'chain' && n.id === 'chain-nat-ISTIO_OUTPUT')
    expect(output?.rows).toHaveLength(9)
    expect(graph.edges.some((e) => e.source === 'chain-nat-ISTIO_OUTPUT' && e.sourceRow === 9 && e.target === 'chain-nat-ISTIO_REDIRECT')).toBe(true)
    expect(graph.collapsed).toBe(false)
  })

  it('draws only the chosen path', () => {
    const graph = buildChainGraph(rulesetOf(example('k8s-latest-sidecar.txt')), { focus: 'arriving' })
    const ids = graph.nodes.map((n) => n.id)
    expect(ids).toContain('chain-nat-ISTIO_INBOUND')
    expect(ids).not.toContain('chain-nat-ISTIO_OUTPUT')
    expect(ids).not.toContain('hook-OUTPUT')
  })

  it('collapses a 1,000-service kube-proxy dump and still draws what is revealed or expanded', () => {
    const ruleset = rulesetOf(generateKubeProxyDump({ services: 1000, seed: 1 }).text)
    const graph = buildChainGraph(ruleset)
    expect(graph.totals.chains).toBeGreaterThan(BIG_GRAPH.chains)
    expect(graph.collapsed).toBe(true)
    const chains = graph.nodes.filter((n): n is ChainNode => n.kind === 'chain')
    expect(chains.length).toBeLessThan(80)
    const services = chains.find((c) => c.id === 'chain-nat-KUBE-SERVICES')
    expect(services?.rows.length).toBe(COLLAPSED_LIMITS.rowsShown)
    expect(services?.totalRows).toBeGreaterThan(900)
    const hidden = chains.flatMap((c) => c.rows).find((r) => r.hiddenTarget)?.hiddenTarget
    if (!hidden) throw new Error('expected a collapsed jump target')
    const expanded = buildChainGraph(ruleset, { expanded: [hidden] })
    expect(expanded.nodes.some((n) => n.id === hidden)).toBe(true)
    const revealed = buildChainGraph(ruleset, { reveal: ['nat:KUBE-SERVICES:700'] })
    const row = revealed.nodes.find((n): n is ChainNode => n.kind === 'chain' && n.id === 'chain-nat-KUBE-SERVICES')?.rows.find((r) => r.index === 700)
    expect(row?.gapBefore).toBeGreaterThan(0)
    // The layout problem stays small: hooks are opaque boxes with their children's row ports.
    expect(layoutSpec(graph).nodes.length).toBeLessThan(90)
  })
})
