import { describe, expect, it } from 'vitest'
import { createAppStore } from './create-app-store.ts'
import { graphView, sourceRequest } from './source-request.ts'
import { shareStateOf } from './permalink.ts'

describe('createAppStore', () => {
  it('a new input clears what belonged to the old one; an edit keeps the selection', () => {
    const store = createAppStore()
    const s = store.getState()
    s.loadText('*nat\nCOMMIT\n', { exampleId: 'x' })
    s.selectRule({ table: 'nat', chain: 'OUTPUT', index: 1 }, 'graph')
    store.setState({ hits: { 'nat:OUTPUT:1': 3 }, hitBy: { 'nat:OUTPUT:1': ['p'] } })
    store.getState().setText('*nat\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n')
    expect(store.getState().exampleId).toBeNull()
    expect(store.getState().selectedRule).toEqual({ table: 'nat', chain: 'OUTPUT', index: 1 })
    expect(store.getState().hits).toEqual({})
    const version = store.getState().textVersion
    store.getState().loadText('other', {})
    expect(store.getState().textVersion).toBe(version + 1)
    expect(store.getState().selectedRule).toBeNull()
  })

  it('keeps configuration overrides and sends them with the input', () => {
    const store = createAppStore()
    store.getState().loadText('ISTIO_INBOUND_PORTS=8080\n', {})
    store.getState().setProfile('1.9.4')
    store.getState().setOverride('ProxyUID', '997')
    expect(sourceRequest(store.getState())).toEqual({ text: 'ISTIO_INBOUND_PORTS=8080\n', profile: '1.9.4', overrides: { ProxyUID: '997' } })
    store.getState().setOverride('ProxyUID', null)
    expect(sourceRequest(store.getState()).overrides).toBeUndefined()
  })

  it('reveals the trace path and the selection only in a collapsed graph', () => {
    const store = createAppStore()
    const graph = { family: 4 as const, nodes: [], edges: [], hidden: { chains: 0, rows: 0 }, totals: { chains: 0, rules: 0 }, collapsed: true }
    store.setState({
      analysis: { graph } as never,
      selectedRule: { table: 'nat', chain: 'KUBE-SERVICES', index: 700 },
      simulation: { steps: [{ leg: 0, table: 'nat', chain: 'OUTPUT', index: 1, result: 'matched', clauses: [], action: { en: '', zh: '' } }] } as never,
    })
    expect(graphView(store.getState()).reveal).toEqual(['nat:KUBE-SERVICES:700', 'nat:OUTPUT:1'])
    store.setState({ analysis: { graph: { ...graph, collapsed: false } } as never })
    expect(graphView(store.getState()).reveal).toBeUndefined()
  })

  it('a permalink keeps a generated example by its parameters and a configuration without its comments', () => {
    const store = createAppStore()
    store.getState().loadText('huge', { exampleId: 'kube-proxy-1000', generated: { generator: 'kube-proxy', services: 1000, seed: 1 } })
    expect(shareStateOf(store.getState()).input).toEqual({ kind: 'generated', generator: 'kube-proxy', services: 1000, seed: 1 })
    store.getState().loadText('# a comment\nISTIO_INBOUND_PORTS=8080\n\n', {})
    store.setState({ analysis: { kind: 'config', families: [4] } as never, profile: '1.9.4' })
    expect(shareStateOf(store.getState())).toMatchObject({ input: { kind: 'config', text: 'ISTIO_INBOUND_PORTS=8080' }, profile: '1.9.4' })
  })
})
