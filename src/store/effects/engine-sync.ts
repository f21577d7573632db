import { proxy } from 'comlink'
import type { Clients } from '../../worker/clients.ts'
import type { EngineProgress } from '../../worker/engine-api.ts'
import type { AppStore } from '../create-app-store.ts'
import type { Outcome } from '../../worker/worker-client.ts'
import type { AppState } from '../app-state.ts'
import { graphView, sourceRequest } from '../source-request.ts'
import { afterPaint } from './after-paint.ts'

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
    // An example is still being fetched (its loader set `running`): analysing the empty text first would only be
    // superseded, and superseding a call that occupies the worker restarts it while it is still starting up.
    if (state.textVersion === 0 && state.analysisStatus === 'running') return
    const id = ++runs
    const startedAt = Date.now()
    store.setState({ analysisStatus: 'running', progress: { phase: 'sending', characters: state.text.length, lines: 0, startedAt } })
    // Progress travels on its own channel and may arrive after the result: only the newest run, while running, shows it.
    const onProgress = proxy((progress: EngineProgress) => {
      if (id === runs && store.getState().analysisStatus === 'running') store.setState({ progress: { ...progress, startedAt } })
    })
    // The first visit's timeline, for the bench's breakdown (one mark each, so the buffer does not grow).
    if (id === 1) performance.mark('explorer:analysis-sent')
    const outcome = await clients.engine.call('analyze', [{ ...sourceRequest(state), view: graphView(state) }, onProgress])
    if (id === 1) performance.mark('explorer:analysis-received')
    if (outcome.status === 'superseded') return
    if (outcome.status === 'ok') {
      const analysis = outcome.value
      // The family and profile the engine chose stay implicit (null): writing them back would ask for the same analysis again.
      store.setState({ analysis, analysisStatus: 'ready', engineNotice: null, progress: null })
      // The presets wait until the analysis is painted: the worker's CPU is the page's too, on a small machine.
      await new Promise<void>((resolve) => afterPaint(resolve))
      const presets = await clients.engine.call('presets', [sourceRequest(store.getState())])
      if (presets.status === 'ok') store.setState({ presets: presets.value })
    } else {
      store.setState({ analysisStatus: 'failed', engineNotice: describeFailure(outcome), progress: null })
    }
  }
  let queued = false
  const schedule = (immediate: boolean) => {
    clearTimeout(timer)
    queued = immediate
    if (!immediate) {
      timer = setTimeout(() => void run(), DEBOUNCE_MS)
      return
    }
    // A new input goes to the engine in this task (changes made together still coalesce), not after whatever the
    // page has queued: on the first visit that is React's first render, a few hundred milliseconds.
    queueMicrotask(() => {
      if (!queued) return
      queued = false
      void run()
    })
  }
  const unsubscribe = store.subscribe((state, prev) => {
    const next = inputsOf(state)
    if (next.every((v, i) => v === last[i])) return
    const typing = state.text !== prev.text && state.textVersion === prev.textVersion
    schedule(!typing)
  })
  // The first run waits a task: the input being loaded says so first (see run).
  timer = setTimeout(() => void run())
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
