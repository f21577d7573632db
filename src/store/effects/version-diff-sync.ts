import type { Clients } from '../../worker/clients.ts'
import type { AppStore } from '../create-app-store.ts'
import type { AppState } from '../app-state.ts'
import { sourceRequest } from '../source-request.ts'

/** The comparison that applies to what is drawn, or null: rules generated for one version, compared with another. */
function wanted(s: AppState): { key: string; compare: string } | null {
  const shown = s.analysis?.config?.profile
  if (!shown || !s.compareProfile || s.compareProfile === shown || s.analysisStatus !== 'ready') return null
  return { key: JSON.stringify([sourceRequest(s), s.compareProfile, s.text.length]) + s.text, compare: s.compareProfile }
}

/** Asks the engine what changed between the compared version and the drawn one whenever either changes. */
export function startVersionDiffSync(store: AppStore, clients: Clients): () => void {
  let last: string | null = null
  const run = async (compare: string) => {
    store.setState({ versionDiffStatus: 'running' })
    const outcome = await clients.engine.call('diffVersions', [sourceRequest(store.getState()), compare])
    if (outcome.status === 'superseded') return
    if (outcome.status === 'ok') store.setState({ versionDiff: outcome.value, versionDiffStatus: 'ready' })
    else store.setState({ versionDiff: null, versionDiffStatus: 'failed' })
  }
  return store.subscribe((s, prev) => {
    if (s.analysis === prev.analysis && s.compareProfile === prev.compareProfile && s.analysisStatus === prev.analysisStatus) return
    const next = wanted(s)
    if (!next) {
      // While a new analysis runs, the old comparison stays on screen; it goes once there is nothing to compare.
      if (s.analysisStatus === 'ready' && (s.versionDiff || last !== null)) {
        last = null
        store.setState({ versionDiff: null, versionDiffStatus: 'idle' })
      }
      return
    }
    if (next.key === last) return
    last = next.key
    void run(next.compare)
  })
}
