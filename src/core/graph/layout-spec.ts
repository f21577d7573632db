import type { ChainGraph, ChainNode, GraphNode, HookNode } from './chain-graph.ts'

/** Sizes shared by the layout and the rendered nodes, so ELK places boxes exactly as large as React Flow draws them. */
export const NODE_METRICS = {
  headerHeight: 34,
  rowHeight: 22,
  gapHeight: 18,
  footerHeight: 20,
  emptyHeight: 22,
  minWidth: 240,
  maxWidth: 440,
  charWidth: 6.6,
  padding: 80,
  terminalWidth: 200,
  terminalHeight: 54,
  stageWidth: 132,
  stageHeight: 40,
  hookPadX: 12,
  hookHeader: 30,
  hookGap: 16,
  hookPadBottom: 12,
} as const

export interface LayoutNode {
  id: string
  width: number
  height: number
  /** Source ports: one per drawn jumping row, on the east side at the row's centre (rows of child chains too). */
  ports: { id: string; y: number }[]
}

export interface LayoutSpec {
  nodes: LayoutNode[]
  edges: { id: string; source: string; sourcePort?: string; target: string }[]
}

export interface LayoutResult {
  /** Top-left corners of the top-level nodes (hooks, user chains, terminals, stages). */
  positions: Record<string, { x: number; y: number }>
  width: number
  height: number
}

/** Vertical layout of a chain card: where each drawn row sits, gap markers included. */
export function chainRowOffsets(node: ChainNode): { rows: Map<number, number>; height: number } {
  const m = NODE_METRICS
  const rows = new Map<number, number>()
  let y = m.headerHeight
  for (const row of node.rows) {
    if (row.gapBefore) y += m.gapHeight
    rows.set(row.index, y)
    y += m.rowHeight
  }
  if (node.rows.length === 0) y += m.emptyHeight
  if (hasFooter(node)) y += m.footerHeight
  return { rows, height: y + 4 }
}

/** Whether the card ends with a "… more rules / chains not drawn" line. */
export function hasFooter(node: ChainNode): boolean {
  const last = node.rows[node.rows.length - 1]?.index ?? 0
  return node.totalRows > last || node.hiddenTargets > 0
}

export function chainSize(node: ChainNode): { width: number; height: number } {
  const m = NODE_METRICS
  const longest = Math.max(node.chain.length + 18, ...node.rows.map((r) => r.text.length + 10))
  const width = Math.round(Math.min(m.maxWidth, Math.max(m.minWidth, longest * m.charWidth + m.padding)))
  return { width, height: chainRowOffsets(node).height }
}

/** A hook box stacks its chains top to bottom in the order packets visit them; positions are relative to the box. */
export function hookLayout(hook: HookNode, byId: ReadonlyMap<string, ChainNode>): {
  width: number
  height: number
  children: { id: string; x: number; y: number; width: number; height: number }[]
} {
  const m = NODE_METRICS
  const members = hook.chains.map((id) => byId.get(id)).filter((c): c is ChainNode => Boolean(c))
  const width = Math.max(...members.map((c) => chainSize(c).width), m.minWidth)
  let y = m.hookHeader
  const children = members.map((c, i) => {
    const size = chainSize(c)
    const child = { id: c.id, x: m.hookPadX, y, width, height: size.height }
    y += size.height + (i < members.length - 1 ? m.hookGap : 0)
    return child
  })
  return { width: width + 2 * m.hookPadX, height: y + m.hookPadBottom, children }
}

export function nodeSize(node: GraphNode, byId: ReadonlyMap<string, ChainNode>): { width: number; height: number } {
  const m = NODE_METRICS
  switch (node.kind) {
    case 'terminal':
      return { width: m.terminalWidth, height: m.terminalHeight }
    case 'stage':
      return { width: m.stageWidth, height: m.stageHeight }
    case 'hook': {
      const { width, height } = hookLayout(node, byId)
      return { width, height }
    }
    case 'chain':
      return chainSize(node)
  }
}

export function rowPortId(nodeId: string, index: number): string {
  return `${nodeId}:row-${index}`
}

export function chainsById(graph: ChainGraph): Map<string, ChainNode> {
  const map = new Map<string, ChainNode>()
  for (const n of graph.nodes) if (n.kind === 'chain') map.set(n.id, n)
  return map
}

/** The layout problem ELK solves: top-level boxes (hooks are opaque, with their children's row ports) and edges. */
export function layoutSpec(graph: ChainGraph): LayoutSpec {
  const byId = chainsById(graph)
  const topOf = new Map<string, string>()
  const nodes: LayoutNode[] = []
  for (const node of graph.nodes) {
    if (node.kind === 'chain' && node.parent) continue
    const { width, height } = nodeSize(node, byId)
    const ports: LayoutNode['ports'] = []
    const addPorts = (chain: ChainNode, dy: number) => {
      const { rows } = chainRowOffsets(chain)
      for (const row of chain.rows) {
        if (row.to) ports.push({ id: rowPortId(chain.id, row.index), y: dy + (rows.get(row.index) ?? 0) + NODE_METRICS.rowHeight / 2 })
      }
    }
    if (node.kind === 'hook') {
      for (const child of hookLayout(node, byId).children) {
        topOf.set(child.id, node.id)
        const chain = byId.get(child.id)
        if (chain) addPorts(chain, child.y)
      }
    } else if (node.kind === 'chain') addPorts(node, 0)
    nodes.push({ id: node.id, width, height, ports })
  }
  const edges = graph.edges.map((e) =>
    e.sourceRow !== undefined
      ? { id: e.id, source: topOf.get(e.source) ?? e.source, sourcePort: rowPortId(e.source, e.sourceRow), target: topOf.get(e.target) ?? e.target }
      : { id: e.id, source: topOf.get(e.source) ?? e.source, target: topOf.get(e.target) ?? e.target },
  )
  return { nodes, edges }
}
