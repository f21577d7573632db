import type { RuleAddress } from '../core/graph/views.ts'
import type { Bilingual } from '../core/graph/views.ts'
import type { Clients } from '../worker/clients.ts'
import type { Scenario } from '../worker/engine-api.ts'
import type { AppStore } from './create-app-store.ts'
import type { GeneratedInput } from './app-state.ts'
import { ruleKeyOf, sourceRequest } from './source-request.ts'
import { describeFailure } from './effects/engine-sync.ts'

/** The example registry as the store sees it; main.tsx injects the real one (examples are an app-level asset). */
export interface ExampleCatalog {
  list: readonly { id: string; title: Bilingual; generated?: GeneratedInput }[]
  load(id: string): Promise<{ text: string; generated?: GeneratedInput }>
  generate(input: GeneratedInput): Promise<string>
}

export interface Commands {
  loadExample(id: string): Promise<void>
  openFile(file: File): Promise<void>
  runScenario(scenario: Scenario): Promise<void>
  runAllPresets(): Promise<void>
  selectRule(rule: RuleAddress | null): void
  /** One-line summary of a rule (editor hover), in the current language. */
  summarize(rule: RuleAddress): Promise<string | null>
  /** Resolves once the analysis of the current input is on screen (used when restoring a link). */
  whenAnalysed(): Promise<void>
}

/** Room past a 20 MB dump (a large kube-proxy node): the worker reads 20 MB in 2 to 4 s here, well within its 20 s limit. */
const MAX_FILE_BYTES = 32 * 1024 * 1024

export function createCommands(store: AppStore, clients: Clients, catalog: ExampleCatalog): Commands {
  const whenAnalysed = () =>
    new Promise<void>((resolve) => {
      const ready = () => {
        const s = store.getState()
        return s.analysisStatus === 'ready' || s.analysisStatus === 'failed'
      }
      // A fresh input sets the status to running first; wait for the transition after it.
      let sawRunning = store.getState().analysisStatus === 'running'
      const unsubscribe = store.subscribe((s) => {
        if (s.analysisStatus === 'running') sawRunning = true
        if (sawRunning && ready()) {
          unsubscribe()
          resolve()
        }
      })
    })

  const runScenario = async (scenario: Scenario) => {
    const preset = scenario.kind === 'preset' ? store.getState().presets.find((p) => p.id === scenario.id) : undefined
    store.setState({ scenario, simulationStatus: 'running', playing: false, ...(preset ? { packet: preset.packet } : {}) })
    const outcome = await clients.engine.call('simulate', [sourceRequest(store.getState()), scenario])
    if (outcome.status === 'superseded') return
    if (outcome.status !== 'ok' || !outcome.value) {
      store.setState({ simulation: null, simulationStatus: 'failed', engineNotice: outcome.status === 'ok' ? null : describeFailure(outcome) })
      return
    }
    const simulation = outcome.value
    store.setState((s) => {
      const hits = { ...s.hits }
      const hitBy = { ...s.hitBy }
      for (const [key, n] of Object.entries(simulation.hits)) {
        hits[key] = (hits[key] ?? 0) + n
        if (scenario.kind === 'preset' && !(hitBy[key] ?? []).includes(scenario.id)) hitBy[key] = [...(hitBy[key] ?? []), scenario.id]
      }
      return { simulation, simulationStatus: 'ready', step: 0, hits, hitBy }
    })
  }

  return {
    async loadExample(id) {
      const example = catalog.list.find((e) => e.id === id)
      if (!example) return
      store.setState({ analysisStatus: 'running' })
      const { text, generated } = await catalog.load(id)
      store.getState().loadText(text, { exampleId: id, generated: generated ?? null })
    },
    async openFile(file) {
      if (file.size > MAX_FILE_BYTES) {
        store.getState().setNotice({ key: 'notice.fileTooBig', detail: `${Math.round(file.size / 1024 / 1024)}` })
        return
      }
      try {
        const text = await file.text()
        store.getState().loadText(text, {})
        store.getState().setNotice(null)
      } catch (e) {
        store.getState().setNotice({ key: 'notice.fileUnreadable', detail: e instanceof Error ? e.message : String(e) })
      }
    },
    runScenario,
    async runAllPresets() {
      const outcome = await clients.engine.call('runAll', [sourceRequest(store.getState())])
      if (outcome.status !== 'ok') return
      const { hits: added, by } = outcome.value
      store.setState((s) => {
        const hits = { ...s.hits }
        const hitBy = { ...s.hitBy }
        for (const [key, n] of Object.entries(added)) hits[key] = (hits[key] ?? 0) + n
        for (const [key, ids] of Object.entries(by)) hitBy[key] = [...new Set([...(hitBy[key] ?? []), ...ids])]
        return { hits, hitBy }
      })
    },
    selectRule(rule) {
      store.getState().selectRule(rule, 'graph')
    },
    async summarize(rule) {
      const s = store.getState()
      if (!s.analysis?.features.explain) return null
      const outcome = await clients.engine.call('summarize', [sourceRequest(s), rule, s.language], 'summarize')
      return outcome.status === 'ok' ? outcome.value : null
    },
    whenAnalysed,
  }
}

export { ruleKeyOf }
