import ELK from 'elkjs/lib/elk.bundled.js'
import type { ElkNode } from 'elkjs/lib/elk-api.js'
import type { LayoutResult, LayoutSpec } from '../core/graph/layout-spec.ts'

const elk = new ELK()

/** Lays out the chain graph with ELK's layered algorithm, edges leaving from the row that jumps. */
export const layoutApi = {
  async layout(spec: LayoutSpec): Promise<LayoutResult> {
    const graph: ElkNode = {
      id: 'root',
      layoutOptions: {
        'elk.algorithm': 'layered',
        'elk.direction': 'RIGHT',
        'elk.spacing.nodeNode': '28',
        'elk.layered.spacing.nodeNodeBetweenLayers': '70',
        'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
        'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
        'elk.edgeRouting': 'SPLINES',
      },
      children: spec.nodes.map((n) => ({
        id: n.id,
        width: n.width,
        height: n.height,
        layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
        ports: n.ports.map((p) => ({ id: p.id, x: n.width, y: p.y, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'EAST' } })),
      })),
      edges: spec.edges.map((e) => ({ id: e.id, sources: [e.sourcePort], targets: [e.target] })),
    }
    const result = await elk.layout(graph)
    const positions: LayoutResult['positions'] = {}
    for (const c of result.children ?? []) positions[c.id] = { x: c.x ?? 0, y: c.y ?? 0 }
    return { positions, width: result.width ?? 0, height: result.height ?? 0 }
  },
}

export type LayoutApi = typeof layoutApi
