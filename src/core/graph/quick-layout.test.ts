import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyze } from '../analyze.ts'
import { generateKubeProxyDump } from '../../examples/kube-proxy.ts'
import { layoutSpec, type LayoutResult, type LayoutSpec } from './layout-spec.ts'
import { quickLayout } from './quick-layout.ts'

const example = (name: string) => readFileSync(join(import.meta.dirname, '..', '..', 'examples', name), 'utf8')
function specOf(text: string): LayoutSpec {
  const graph = analyze({ text }).graph
  if (!graph) throw new Error('no graph')
  return layoutSpec(graph)
}

/** Boxes that share both an x range and a y range (touching edges allowed). */
function overlaps(spec: LayoutSpec, layout: LayoutResult): string[] {
  const boxes = spec.nodes.map((n) => ({ id: n.id, ...layout.positions[n.id]!, w: n.width, h: n.height }))
  const found: string[] = []
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!
      const b = boxes[j]!
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) found.push(`${a.id} × ${b.id}`)
    }
  }
  return found
}

describe('quickLayout', () => {
  it.each(['seed-001-istio-1.9-vm-log.txt', 'seed-000-k8s-nat-listing.txt', 'k8s-tproxy-sidecar.txt', 'k8s-dns-capture.txt'])(
    '%s: every box placed inside the extent, none overlapping, every edge pointing right',
    (name) => {
      const spec = specOf(example(name))
      const layout = quickLayout(spec)
      expect(overlaps(spec, layout)).toEqual([])
      for (const n of spec.nodes) {
        const p = layout.positions[n.id]!
        expect(p.x).toBeGreaterThanOrEqual(0)
        expect(p.y).toBeGreaterThanOrEqual(0)
        expect(p.x + n.width).toBeLessThanOrEqual(layout.width)
        expect(p.y + n.height).toBeLessThanOrEqual(layout.height)
      }
      const byId = new Map(spec.nodes.map((n) => [n.id, n]))
      for (const e of spec.edges) {
        expect(layout.positions[e.source]!.x + byId.get(e.source)!.width, e.id).toBeLessThan(layout.positions[e.target]!.x)
      }
    },
  )

  it('keeps the packet path in order: hooks left to right on each lane', () => {
    const layout = quickLayout(specOf(example('seed-001-istio-1.9-vm-log.txt')))
    const x = (id: string) => layout.positions[id]!.x
    expect(x('stage-arriving-from-network')).toBeLessThan(x('hook-PREROUTING'))
    expect(x('hook-PREROUTING')).toBeLessThan(x('hook-INPUT'))
    expect(x('hook-INPUT')).toBeLessThan(x('terminal-app'))
    expect(x('hook-OUTPUT')).toBeLessThan(x('hook-POSTROUTING'))
  })

  it('places a graph with a cycle and one with unknown edge ends without overlaps', () => {
    const node = (id: string) => ({ id, width: 100, height: 40, ports: [] })
    const spec: LayoutSpec = {
      nodes: [node('a'), node('b'), node('c'), node('d')],
      edges: [
        { id: 'a>b', source: 'a', target: 'b' },
        { id: 'b>c', source: 'b', target: 'c' },
        { id: 'c>b', source: 'c', target: 'b' },
        { id: 'c>x', source: 'c', target: 'missing' },
      ],
    }
    const layout = quickLayout(spec)
    expect(Object.keys(layout.positions).toSorted()).toEqual(['a', 'b', 'c', 'd'])
    expect(overlaps(spec, layout)).toEqual([])
  })

  it('lays out a collapsed 1,000-service kube-proxy graph without overlaps', () => {
    const spec = specOf(generateKubeProxyDump({ services: 1000, seed: 1 }).text)
    const layout = quickLayout(spec)
    expect(Object.keys(layout.positions)).toHaveLength(spec.nodes.length)
    expect(overlaps(spec, layout)).toEqual([])
  })
})
