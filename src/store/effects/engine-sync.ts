import type { Clients } from '../../worker/clients.ts'
import type { AppStore } from '../create-app-store.ts'
import type { Outcome } from '../../worker/worker-client.ts'

const DEBOUNCE_MS = 200

/** Sends the text (debounced) to the engine worker and stores the newest analysis; stale answers are dropped. */
export function startEngineSync(store: AppStore, clients: Clients): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const run = async () => {
    const { text, family } = store.getState()
    store.setState({ analysisStatus: 'running' })
    const outcome = await clients.engine.call('analyze', [{ text, family: family ?? undefined }])
    if (outcome.status === 'superseded') return
    if (outcome.status === 'ok') {
      store.setState({ analysis: outcome.value, analysisStatus: 'ready', engineNotice: null })
    } else {
      store.setState({ analysisStatus: 'failed', engineNotice: describeFailure(outcome) })
    }
  }
  const schedule = (immediate: boolean) => {
    clearTimeout(timer)
    timer = setTimeout(() => void run(), immediate ? 0 : DEBOUNCE_MS)
  }
  const unsubscribe = store.subscribe((state, prev) => {
    if (state.text !== prev.text) schedule(state.exampleId !== null)
    else if (state.family !== prev.family) schedule(true)
  })
  schedule(true)
  return () => {
    clearTimeout(timer)
    unsubscribe()
  }
}

function describeFailure(outcome: Exclude<Outcome<unknown>, { status: 'ok' } | { status: 'superseded' }>): string {
  switch (outcome.status) {
    case 'timeout':
      return `engine.timeout:${Math.round(outcome.afterMs / 1000)}`
    case 'crashed':
      return `engine.crashed:${outcome.message}`
    case 'error':
      return `engine.error:${outcome.message}`
  }
}
