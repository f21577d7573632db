import { useEffect } from 'react'
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useEdgesState,
  useNodesState,
  useReactFlow,
  type Edge,
  type NodeTypes,
} from '@xyflow/react'
import { useAppStore } from '../../store/app-store-context.tsx'
import { useT } from '../../store/use-t.ts'
import { ChainNodeComponent } from './chain-node.tsx'
import { TerminalNodeComponent } from './terminal-node.tsx'
import { toFlow, type FlowNode } from './to-flow.ts'

const nodeTypes: NodeTypes = { chain: ChainNodeComponent, terminal: TerminalNodeComponent }

/** The netfilter chains of the current input, laid out by ELK in a worker. */
export function ChainGraphView() {
  const hasDrawn = useAppStore((s) => s.drawn !== null)
  const hasGraph = useAppStore((s) => Boolean(s.analysis?.graph))
  const t = useT()
  if (!hasDrawn) {
    return (
      <div data-testid="chain-graph" className="flex h-full items-center justify-center p-8 text-center text-slate-500">
        {hasGraph ? t('graph.laying-out') : t('graph.empty')}
      </div>
    )
  }
  return (
    <div data-testid="chain-graph" className="h-full w-full" aria-label={t('graph.label')}>
      <ReactFlowProvider>
        <Flow />
      </ReactFlowProvider>
    </div>
  )
}

function Flow() {
  const drawn = useAppStore((s) => s.drawn)
  const theme = useAppStore((s) => s.theme)
  const [nodes, setNodes, onNodesChange] = useNodesState<FlowNode>([])
  const [edges, setEdges, onEdgesChange] = useEdgesState<Edge>([])
  const { fitView } = useReactFlow()

  useEffect(() => {
    if (!drawn) return
    const flow = toFlow(drawn.graph, drawn.layout)
    setNodes(flow.nodes)
    setEdges(flow.edges)
    const id = requestAnimationFrame(() => void fitView({ padding: 0.08, maxZoom: 1 }))
    return () => cancelAnimationFrame(id)
  }, [drawn, setNodes, setEdges, fitView])

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      nodeTypes={nodeTypes}
      colorMode={theme}
      minZoom={0.05}
      maxZoom={2}
      nodesConnectable={false}
      proOptions={{ hideAttribution: true }}
    >
      <Background gap={24} />
      <Controls showInteractive={false} />
      <MiniMap pannable zoomable />
    </ReactFlow>
  )
}
