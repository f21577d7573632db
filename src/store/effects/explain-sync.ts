import type { Clients } from '../../worker/clients.ts'
import type { AppStore } from '../create-app-store.ts'
import { sourceRequest } from '../source-request.ts'

/** Fetches the selected rule's explanation in the current language whenever the selection, language or input changes. */
export function startExplainSync(store: AppStore, clients: Clients): () => void {
  const run = async () => {
    const s = store.getState()
    if (!s.selectedRule || !s.analysis?.features.explain) {
      store.setState({ explanation: null, explanationStatus: 'idle' })
      return
    }
    store.setState({ explanationStatus: 'running' })
    const outcome = await clients.engine.call('explain', [sourceRequest(s), s.selectedRule, s.language])
    if (outcome.status === 'superseded') return
    if (outcome.status === 'ok') store.setState({ explanation: outcome.value, explanationStatus: 'ready' })
    else store.setState({ explanation: null, explanationStatus: 'failed' })
  }
  return store.subscribe((s, prev) => {
    if (s.selectedRule !== prev.selectedRule || s.language !== prev.language || s.analysis !== prev.analysis) void run()
  })
}
