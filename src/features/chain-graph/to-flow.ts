import type { Edge, Node } from '@xyflow/react'
import type { ChainGraph, ChainNode, HookNode, StageNode, TerminalNode } from '../../core/graph/chain-graph.ts'
import { chainsById, hookLayout, nodeSize, type LayoutResult } from '../../core/graph/layout-spec.ts'

export type ChainFlowNode = Node<{ chain: ChainNode }, 'chain'>
export type TerminalFlowNode = Node<{ terminal: TerminalNode }, 'terminal'>
export type HookFlowNode = Node<{ hook: HookNode }, 'hook'>
export type StageFlowNode = Node<{ stage: StageNode }, 'stage'>
export type FlowNode = ChainFlowNode | TerminalFlowNode | HookFlowNode | StageFlowNode

/** React Flow nodes for a laid-out chain graph: hook boxes first, their chains as children positioned inside them. */
export function toFlowNodes(graph: ChainGraph, layout: LayoutResult): FlowNode[] {
  const byId = chainsById(graph)
  const nodes: FlowNode[] = []
  const children: FlowNode[] = []
  for (const n of graph.nodes) {
    if (n.kind === 'chain' && n.parent) continue
    const position = layout.positions[n.id] ?? { x: 0, y: 0 }
    const { width, height } = nodeSize(n, byId)
    const base = { id: n.id, position, width, height, draggable: true }
    switch (n.kind) {
      case 'chain':
        nodes.push({ ...base, type: 'chain', data: { chain: n } })
        break
      case 'terminal':
        nodes.push({ ...base, type: 'terminal', data: { terminal: n } })
        break
      case 'stage':
        nodes.push({ ...base, type: 'stage', data: { stage: n } })
        break
      case 'hook': {
        nodes.push({ ...base, type: 'hook', data: { hook: n }, selectable: false })
        for (const c of hookLayout(n, byId).children) {
          const chain = byId.get(c.id)
          if (!chain) continue
          children.push({ id: c.id, type: 'chain', parentId: n.id, position: { x: c.x, y: c.y }, width: c.width, height: c.height, draggable: false, data: { chain } })
        }
        break
      }
    }
  }
  return [...nodes, ...children]
}

export const EDGE_COLOURS = {
  jump: '#0284c7',
  goto: '#7c3aed',
  terminal: '#d97706',
  path: '#64748b',
  hot: '#e11d48',
} as const

/** Id of the shared arrowhead of an edge kind (defined once in edge-markers.tsx, not per edge). */
export function markerId(kind: keyof typeof EDGE_COLOURS): string {
  return `explorer-arrow-${kind}`
}

/** Edges with the trace path so far highlighted (`onPath` holds edge ids). */
export function toFlowEdges(graph: ChainGraph, onPath: ReadonlySet<string>): Edge[] {
  return graph.edges.map((e) => {
    const hot = onPath.has(e.id)
    const colour = hot ? '#e11d48' : EDGE_COLOURS[e.kind]
    const edge: Edge = {
      id: e.id,
      source: e.source,
      target: e.target,
      sourceHandle: e.sourceRow !== undefined ? `row-${e.sourceRow}` : 'out',
      targetHandle: 'in',
      type: e.kind === 'path' ? 'smoothstep' : 'default',
      className: `edge-${e.kind}${hot ? ' on-path' : ''}`,
      animated: hot,
      zIndex: hot ? 10 : 0,
      markerEnd: markerId(hot ? 'hot' : e.kind),
      style: {
        stroke: colour,
        strokeWidth: hot ? 3 : e.kind === 'path' ? 2.5 : 1.5,
        ...(e.kind === 'goto' ? { strokeDasharray: '6 4' } : {}),
        ...(e.kind === 'path' && !hot ? { opacity: 0.7 } : {}),
      },
    }
    return edge
  })
}
