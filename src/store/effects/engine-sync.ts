import { proxy } from 'comlink'
import type { Clients } from '../../worker/clients.ts'
import type { EngineProgress } from '../../worker/engine-api.ts'
import type { AppStore } from '../create-app-store.ts'
import type { Outcome } from '../../worker/worker-client.ts'
import type { AppState } from '../app-state.ts'
import { graphView, sourceRequest } from '../source-request.ts'

const DEBOUNCE_MS = 200

/** What, when it changes, needs a new analysis; the text is compared by identity (cheap for megabytes). */
function inputsOf(s: AppState): unknown[] {
  return [s.text, s.family, s.profile, s.overrides, s.regenerate, s.focus, s.expanded, JSON.stringify(graphView(s).reveal ?? [])]
}

/** Sends the input (debounced while typing) to the engine worker and stores the newest analysis; stale answers are dropped. */
export function startEngineSync(store: AppStore, clients: Clients): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let last: unknown[] = []
  let runs = 0
  const run = async () => {
    const state = store.getState()
    last = inputsOf(state)
    const id = ++runs
    const startedAt = Date.now()
    store.setState({ analysisStatus: 'running', progress: { phase: 'sending', characters: state.text.length, lines: 0, startedAt } })
    // Progress travels on its own channel and may arrive after the result: only the newest run, while running, shows it.
    const onProgress = proxy((progress: EngineProgress) => {
      if (id === runs && store.getState().analysisStatus === 'running') store.setState({ progress: { ...progress, startedAt } })
    })
    const outcome = await clients.engine.call('analyze', [{ ...sourceRequest(state), view: graphView(state) }, onProgress])
    if (outcome.status === 'superseded') return
    if (outcome.status === 'ok') {
      const analysis = outcome.value
      // The family and profile the engine chose stay implicit (null): writing them back would ask for the same analysis again.
      store.setState({ analysis, analysisStatus: 'ready', engineNotice: null, progress: null })
      const presets = await clients.engine.call('presets', [sourceRequest(store.getState())])
      if (presets.status === 'ok') store.setState({ presets: presets.value })
    } else {
      store.setState({ analysisStatus: 'failed', engineNotice: describeFailure(outcome), progress: null })
    }
  }
  const schedule = (immediate: boolean) => {
    clearTimeout(timer)
    timer = setTimeout(() => void run(), immediate ? 0 : DEBOUNCE_MS)
  }
  const unsubscribe = store.subscribe((state, prev) => {
    const next = inputsOf(state)
    if (next.every((v, i) => v === last[i])) return
    const typing = state.text !== prev.text && state.textVersion === prev.textVersion
    schedule(!typing)
  })
  schedule(true)
  return () => {
    clearTimeout(timer)
    unsubscribe()
  }
}

export function describeFailure(outcome: Exclude<Outcome<unknown>, { status: 'ok' } | { status: 'superseded' }>): string {
  switch (outcome.status) {
    case 'timeout':
      return `engine.timeout:${Math.round(outcome.afterMs / 1000)}`
    case 'crashed':
      return `engine.crashed:${outcome.message}`
    case 'error':
      return `engine.error:${outcome.message}`
  }
}
