import type { ChainGraph, GraphNode } from './chain-graph.ts'

/** Sizes shared by the layout and the rendered nodes, so ELK places boxes exactly as large as React Flow draws them. */
export const NODE_METRICS = {
  headerHeight: 34,
  rowHeight: 22,
  emptyHeight: 22,
  minWidth: 220,
  maxWidth: 560,
  charWidth: 6.6,
  padding: 56,
  terminalWidth: 190,
  terminalHeight: 52,
} as const

export interface LayoutNode {
  id: string
  width: number
  height: number
  /** Source ports: one per jumping row, on the east side at the row's centre. */
  ports: { id: string; y: number }[]
}

export interface LayoutSpec {
  nodes: LayoutNode[]
  edges: { id: string; source: string; sourcePort: string; target: string }[]
}

export interface LayoutResult {
  positions: Record<string, { x: number; y: number }>
  width: number
  height: number
}

export function nodeSize(node: GraphNode): { width: number; height: number } {
  const m = NODE_METRICS
  if (node.kind === 'terminal') return { width: m.terminalWidth, height: m.terminalHeight }
  const longest = Math.max(node.chain.length + 12, ...node.rows.map((r) => r.text.length + 8))
  const width = Math.round(Math.min(m.maxWidth, Math.max(m.minWidth, longest * m.charWidth + m.padding)))
  const height = m.headerHeight + (node.rows.length ? node.rows.length * m.rowHeight : m.emptyHeight) + 6
  return { width, height }
}

export function rowPortId(nodeId: string, index: number): string {
  return `${nodeId}:row-${index}`
}

export function layoutSpec(graph: ChainGraph): LayoutSpec {
  const m = NODE_METRICS
  const nodes: LayoutNode[] = graph.nodes.map((node) => {
    const { width, height } = nodeSize(node)
    const ports =
      node.kind === 'chain'
        ? node.rows.filter((r) => r.to).map((r) => ({ id: rowPortId(node.id, r.index), y: m.headerHeight + (r.index - 0.5) * m.rowHeight }))
        : []
    return { id: node.id, width, height, ports }
  })
  const edges = graph.edges.map((e) => ({ id: e.id, source: e.source, sourcePort: rowPortId(e.source, e.sourceRow), target: e.target }))
  return { nodes, edges }
}
