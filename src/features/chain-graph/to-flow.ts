import type { Edge, Node } from '@xyflow/react'
import type { ChainGraph, ChainNode, TerminalNode } from '../../core/graph/chain-graph.ts'
import { nodeSize, type LayoutResult } from '../../core/graph/layout-spec.ts'

export type ChainFlowNode = Node<{ chain: ChainNode }, 'chain'>
export type TerminalFlowNode = Node<{ terminal: TerminalNode }, 'terminal'>
export type FlowNode = ChainFlowNode | TerminalFlowNode

/** React Flow nodes and edges for a laid-out chain graph. */
export function toFlow(graph: ChainGraph, layout: LayoutResult): { nodes: FlowNode[]; edges: Edge[] } {
  const nodes: FlowNode[] = graph.nodes.map((n) => {
    const position = layout.positions[n.id] ?? { x: 0, y: 0 }
    const { width, height } = nodeSize(n)
    return n.kind === 'chain'
      ? { id: n.id, type: 'chain', position, width, height, data: { chain: n }, draggable: true }
      : { id: n.id, type: 'terminal', position, width, height, data: { terminal: n }, draggable: true }
  })
  const edges: Edge[] = graph.edges.map((e) => ({
    id: e.id,
    source: e.source,
    sourceHandle: `row-${e.sourceRow}`,
    target: e.target,
    targetHandle: 'in',
    type: 'default',
    className: `edge-${e.kind}`,
    style: e.kind === 'goto' ? { strokeDasharray: '6 4' } : undefined,
  }))
  return { nodes, edges }
}
