import { useEffect, useMemo, useRef } from 'react'
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider, useNodesState, useReactFlow, type Node } from '@xyflow/react'
import { chainNodeId, type ChainGraph } from '../../core/graph/chain-graph.ts'
import { useAppStore } from '../../store/app-store-context.tsx'
import { useT } from '../../store/use-t.ts'
import { NODE_TYPES } from './node-types.ts'
import { toFlowEdges, toFlowNodes, type FlowNode } from './to-flow.ts'
import { currentStep, pathEdges, stepNodeId } from './overlay.ts'
import { GraphToolbar } from './graph-toolbar.tsx'
import { EdgeMarkers } from './edge-markers.tsx'

/** The netfilter chains of the current input, laid out by ELK in a worker (the first graph of a visit quickly, until then). */
export function ChainGraphView() {
  const hasDrawn = useAppStore((s) => s.drawn !== null)
  const status = useAppStore((s) => s.analysisStatus)
  const hasGraph = useAppStore((s) => Boolean(s.analysis?.graph))
  const quick = useAppStore((s) => s.drawn?.provisional === true)
  const t = useT()
  return (
    <div className="relative flex h-full flex-col">
      <GraphToolbar />
      {/* data-layout tells tests and the bench whether ELK's layout or the quick first one is on screen. */}
      <div data-testid="chain-graph" data-layout={hasDrawn ? (quick ? 'quick' : 'elk') : undefined} aria-label={t('graph.label')} role="region" className="min-h-0 flex-1">
        <EdgeMarkers />
        {/* Mounted before there is a graph: React Flow sets itself up while the engine works, not after. */}
        <div className={hasDrawn ? 'h-full' : 'relative h-full'}>
          <ReactFlowProvider>
            <Flow />
          </ReactFlowProvider>
          {!hasDrawn && (
            <div className="absolute inset-0 flex items-center justify-center p-8 text-center text-slate-600 dark:text-slate-400">
              {hasGraph || status === 'running' ? t('graph.laying-out') : t('graph.empty')}
            </div>
          )}
        </div>
      </div>
    </div>
  )
}

const PROGRESSIVE_BATCH = 4
/** Sidecar graphs have 20–27 nodes and are fitted whole; past this a map of the whole graph helps finding one's way. */
const MINIMAP_FROM_NODES = 40

/** The hooks and the stages between them: where a big dump's story starts. */
function entryNodes(graph: ChainGraph): { id: string }[] {
  return graph.nodes.filter((n) => n.kind === 'hook' || n.kind === 'stage').map((n) => ({ id: n.id }))
}

function absoluteCentre(node: Node, parent: Node | undefined): { x: number; y: number } {
  const x = node.position.x + (parent?.position.x ?? 0) + (node.width ?? 0) / 2
  const y = node.position.y + (parent?.position.y ?? 0) + (node.height ?? 0) / 2
  return { x, y }
}

function Flow() {
  const drawn = useAppStore((s) => s.drawn)
  const theme = useAppStore((s) => s.theme)
  const step = useAppStore(currentStep)
  const selected = useAppStore((s) => s.selectedRule)
  const selectionOrigin = useAppStore((s) => s.selectionOrigin)
  const edgeKey = useAppStore((s) => [...pathEdges(s.drawn?.graph, s)].toSorted().join('|'))
  const [nodes, setNodes, onNodesChange] = useNodesState<FlowNode>([])
  const { fitView, setCenter, getZoom, getNode } = useReactFlow()
  const fitted = useRef<unknown>(null)

  useEffect(() => {
    if (!drawn) {
      setNodes([])
      fitted.current = null
      return
    }
    const all = toFlowNodes(drawn.graph, drawn.layout)
    // A collapsed dump is put on screen a few cards per task, so drawing it never blocks the page for long.
    const timers: ReturnType<typeof setTimeout>[] = []
    if (drawn.graph.collapsed) {
      const first = all.filter((n) => n.type !== 'chain' || n.parentId)
      setNodes(first)
      const rest = all.filter((n) => n.type === 'chain' && !n.parentId)
      for (let i = 0; i < rest.length; i += PROGRESSIVE_BATCH) {
        const upTo = i + PROGRESSIVE_BATCH
        timers.push(setTimeout(() => setNodes([...first, ...rest.slice(0, upTo)]), 40 * (i / PROGRESSIVE_BATCH + 1)))
      }
    } else setNodes(all)
    const cancel = () => timers.forEach(clearTimeout)
    // ELK's layout replacing the quick first one is fitted again: its extent differs.
    const fitKey = `${drawn.graph.nodes.length}${drawn.provisional ? ' quick' : ''}`
    if (fitted.current === fitKey) return cancel
    fitted.current = fitKey
    // A collapsed dump opens on its hooks at a readable zoom; a sidecar's few chains are fitted whole.
    const spine = drawn.graph.collapsed ? entryNodes(drawn.graph) : undefined
    const id = setTimeout(() => void fitView(spine ? { nodes: spine, padding: 0.08, minZoom: 0.45, maxZoom: 0.9 } : { padding: 0.06, maxZoom: 1 }), spine ? 40 * (timers.length + 1) : 0)
    return () => {
      cancel()
      clearTimeout(id)
    }
  }, [drawn, setNodes, fitView])

  const edges = useMemo(() => (drawn ? toFlowEdges(drawn.graph, new Set(edgeKey ? edgeKey.split('|') : [])) : []), [drawn, edgeKey])

  // The camera follows the trace, and a rule picked in the editor or a link, so the user sees what changed.
  const focusId = step ? stepNodeId(step) : selected && selectionOrigin !== 'graph' ? chainNodeId(selected.table, selected.chain) : null
  useEffect(() => {
    if (!focusId) return
    const node = getNode(focusId)
    if (!node) return
    const parent = node.parentId ? getNode(node.parentId) : undefined
    const { x, y } = absoluteCentre(node, parent)
    void setCenter(x, y, { zoom: Math.max(getZoom(), 0.75), duration: 350 })
  }, [focusId, getNode, setCenter, getZoom])

  const showMiniMap = drawn ? drawn.graph.collapsed || drawn.graph.nodes.length > MINIMAP_FROM_NODES : false
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      onNodesChange={onNodesChange}
      nodeTypes={NODE_TYPES}
      colorMode={theme}
      minZoom={0.05}
      maxZoom={2}
      nodesConnectable={false}
      elementsSelectable={false}
      proOptions={{ hideAttribution: true }}
      onlyRenderVisibleElements={nodes.length > 120}
    >
      <Background gap={24} />
      <Controls showInteractive={false} />
      {/* A sidecar's graph is fitted whole, where a minimap would only hide the lower-right terminal (Envoy outbound). */}
      {showMiniMap && <MiniMap pannable zoomable ariaLabel="minimap" nodeStrokeWidth={2} style={{ width: 132, height: 84 }} className="!bg-white dark:!bg-slate-900" />}
    </ReactFlow>
  )
}
