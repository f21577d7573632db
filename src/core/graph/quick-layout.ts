import { NODE_METRICS, type LayoutResult, type LayoutSpec } from './layout-spec.ts'

const PADDING = 24
const LAYER_GAP = 56
const NODE_GAP = 24

/**
 * A layered layout in one linear pass, close to what ELK draws for a sidecar's graph (same layers, left to right in
 * packet order, nodes centred in their layer, each placed level with the rows that jump to it). ELK's first layout
 * in a fresh worker costs seconds (1.4 MB of script to load, then cold code), so the first graph of a visit is put
 * on screen with this one and ELK's replaces it when it arrives. Linear in nodes and edges apart from one sort per
 * layer, so it is also cheap for a kube-proxy dump.
 */
export function quickLayout(spec: LayoutSpec): LayoutResult {
  const n = spec.nodes.length
  const index = new Map(spec.nodes.map((node, i) => [node.id, i]))
  const incoming: { from: number; port?: string }[][] = spec.nodes.map(() => [])
  const outgoing: number[][] = spec.nodes.map(() => [])
  const indegree = Array.from({ length: n }, () => 0)
  for (const e of spec.edges) {
    const from = index.get(e.source)
    const to = index.get(e.target)
    if (from === undefined || to === undefined || from === to) continue
    incoming[to]!.push(e.sourcePort === undefined ? { from } : { from, port: e.sourcePort })
    outgoing[from]!.push(to)
    indegree[to]!++
  }

  // Longest path from the sources (Kahn's order); a node left on a cycle goes one layer after what reaches it.
  const layer = Array.from({ length: n }, () => -1)
  const queue: number[] = []
  for (let i = 0; i < n; i++) if (indegree[i] === 0) queue.push(i)
  const longest = Array.from({ length: n }, () => 0)
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head]!
    layer[i] = longest[i]!
    for (const to of outgoing[i]!) {
      longest[to] = Math.max(longest[to]!, layer[i]! + 1)
      if (--indegree[to]! === 0) queue.push(to)
    }
  }
  for (let i = 0; i < n; i++) if (layer[i] === -1) layer[i] = longest[i]!

  const layers: number[][] = []
  for (let i = 0; i < n; i++) (layers[layer[i]!] ??= []).push(i)
  const x = Array.from({ length: n }, () => 0)
  const y = Array.from({ length: n }, () => 0)
  let left = PADDING
  for (const members of layers) {
    if (!members) continue
    const width = Math.max(...members.map((i) => spec.nodes[i]!.width))
    for (const i of members) x[i] = left + (width - spec.nodes[i]!.width) / 2
    left += width + LAYER_GAP
  }

  const portY = spec.nodes.map((node) => new Map(node.ports.map((p) => [p.id, p.y])))
  const entryY = (i: number): number => (spec.nodes[i]!.id.startsWith('chain-') ? NODE_METRICS.headerHeight / 2 : spec.nodes[i]!.height / 2)
  const exitY = (from: number, port?: string): number => y[from]! + (port !== undefined ? (portY[from]!.get(port) ?? 0) : spec.nodes[from]!.height / 2)
  const pack = (members: number[], desired: number[]): void => {
    const order = members.map((i, k) => ({ i, want: desired[k]!, k })).sort((a, b) => a.want - b.want || a.k - b.k)
    let bottom = PADDING - NODE_GAP
    for (const { i, want } of order) {
      y[i] = Math.max(want, bottom + NODE_GAP)
      bottom = y[i]! + spec.nodes[i]!.height
    }
  }
  // Each layer level with what jumps into it (edges from earlier layers only), in model order where nothing does.
  for (const members of layers) {
    if (!members) continue
    let stacked = PADDING
    const desired = members.map((i) => {
      const from = incoming[i]!.filter((e) => layer[e.from]! < layer[i]!)
      if (from.length === 0) {
        const want = stacked
        stacked += spec.nodes[i]!.height + NODE_GAP
        return want
      }
      return from.reduce((sum, e) => sum + exitY(e.from, e.port), 0) / from.length - entryY(i)
    })
    pack(members, desired)
  }
  // Then the sources (where packets enter) move level with what they lead to.
  for (const members of layers) {
    if (!members || !members.some((i) => incoming[i]!.length === 0)) continue
    const desired = members.map((i) => {
      const next = outgoing[i]!.filter((to) => layer[to]! > layer[i]!)
      if (incoming[i]!.length > 0 || next.length === 0) return y[i]!
      return next.reduce((sum, to) => sum + y[to]! + entryY(to), 0) / next.length - spec.nodes[i]!.height / 2
    })
    pack(members, desired)
  }

  const positions: LayoutResult['positions'] = {}
  let width = 0
  let height = 0
  for (let i = 0; i < n; i++) {
    const node = spec.nodes[i]!
    positions[node.id] = { x: x[i]!, y: y[i]! }
    width = Math.max(width, x[i]! + node.width + PADDING)
    height = Math.max(height, y[i]! + node.height + PADDING)
  }
  return { positions, width, height }
}
