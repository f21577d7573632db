import type { ChainGraph } from '../../core/graph/chain-graph.ts'
import { layoutSpec } from '../../core/graph/layout-spec.ts'
import { quickLayout } from '../../core/graph/quick-layout.ts'
import type { Clients } from '../../worker/clients.ts'
import type { AppStore } from '../create-app-store.ts'
import { afterPaint } from './after-paint.ts'

/**
 * Lays out every new chain graph in the layout worker. Until that worker has answered once (loading ELK and its
 * first, cold layout take seconds), a graph is drawn at once with a quick layered layout that ELK's then replaces.
 */
export function startLayoutSync(store: AppStore, clients: Clients): () => void {
  let active = true
  let elkAnswered = false
  const run = async (graph: ChainGraph) => {
    const spec = layoutSpec(graph)
    // Set in the same task as the analysis, so React renders the panels and the graph once.
    if (!elkAnswered) {
      if (!performance.getEntriesByName('explorer:layout-quick').length) performance.mark('explorer:layout-quick')
      store.setState({ drawn: { graph, layout: quickLayout(spec), provisional: true } })
    }
    store.setState({ layoutStatus: 'running' })
    // Loading ELK waits until the quick graph is painted, so the two do not compete for the CPUs.
    if (!elkAnswered) await new Promise<void>((resolve) => afterPaint(resolve))
    if (!active || store.getState().analysis?.graph !== graph) return
    const outcome = await clients.layout.call('layout', [spec])
    if (!active || outcome.status === 'superseded') return
    if (store.getState().analysis?.graph !== graph) return
    if (outcome.status === 'ok') {
      if (!elkAnswered) performance.mark('explorer:layout-elk')
      elkAnswered = true
      store.setState({ drawn: { graph, layout: outcome.value }, layoutStatus: 'ready' })
    } else store.setState({ layoutStatus: 'failed' })
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
