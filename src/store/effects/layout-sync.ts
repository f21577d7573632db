import type { ChainGraph } from '../../core/graph/chain-graph.ts'
import { layoutSpec } from '../../core/graph/layout-spec.ts'
import type { Clients } from '../../worker/clients.ts'
import type { AppStore } from '../create-app-store.ts'

/** Lays out every new chain graph in the layout worker. */
export function startLayoutSync(store: AppStore, clients: Clients): () => void {
  let active = true
  const run = async (graph: ChainGraph) => {
    store.setState({ layoutStatus: 'running' })
    const outcome = await clients.layout.call('layout', [layoutSpec(graph)])
    if (!active || outcome.status === 'superseded') return
    if (store.getState().analysis?.graph !== graph) return
    if (outcome.status === 'ok') store.setState({ drawn: { graph, layout: outcome.value }, layoutStatus: 'ready' })
    else store.setState({ layoutStatus: 'failed' })
  }
  const unsubscribe = store.subscribe((state, prev) => {
    const graph = state.analysis?.graph
    if (graph && graph !== prev.analysis?.graph) void run(graph)
    if (!graph && prev.analysis?.graph) store.setState({ drawn: null, layoutStatus: 'idle' })
  })
  return () => {
    active = false
    unsubscribe()
  }
}
