import ELK from 'elkjs/lib/elk.bundled.js'
import type { ElkNode } from 'elkjs/lib/elk-api.js'
import type { LayoutResult, LayoutSpec } from '../core/graph/layout-spec.ts'

const elk = new ELK()
const ROW_EDGE: Record<string, string> = {}
const PATH_EDGE: Record<string, string> = { 'elk.layered.priority.straightness': '20', 'elk.layered.priority.direction': '20' }

/**
 * Lays out the chain graph with ELK's layered algorithm, left to right in packet order: edges leave from the row that
 * jumps; the packet-path edges between hooks are kept straight so the two lanes read as lines.
 */
export const layoutApi = {
  async layout(spec: LayoutSpec): Promise<LayoutResult> {
    const graph: ElkNode = {
      id: 'root',
      layoutOptions: {
        'elk.algorithm': 'layered',
        'elk.direction': 'RIGHT',
        'elk.spacing.nodeNode': '24',
        'elk.layered.spacing.nodeNodeBetweenLayers': '56',
        'elk.layered.spacing.edgeNodeBetweenLayers': '24',
        'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
        'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
        'elk.layered.crossingMinimization.forceNodeModelOrder': 'false',
        'elk.separateConnectedComponents': 'false',
        'elk.edgeRouting': 'SPLINES',
        'elk.padding': '[top=24,left=24,bottom=24,right=24]',
      },
      children: spec.nodes.map((n) => ({
        id: n.id,
        width: n.width,
        height: n.height,
        layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
        ports: n.ports.map((p) => ({ id: p.id, x: n.width, y: p.y, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'EAST' } })),
      })),
      edges: spec.edges.map((e) => ({
        id: e.id,
        sources: [e.sourcePort ?? e.source],
        targets: [e.target],
        layoutOptions: e.sourcePort ? ROW_EDGE : PATH_EDGE,
      })),
    }
    const result = await elk.layout(graph)
    const positions: LayoutResult['positions'] = {}
    for (const c of result.children ?? []) positions[c.id] = { x: c.x ?? 0, y: c.y ?? 0 }
    return { positions, width: result.width ?? 0, height: result.height ?? 0 }
  },
}

export type LayoutApi = typeof layoutApi
