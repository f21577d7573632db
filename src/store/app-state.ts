import type { Analysis } from '../core/analyze.ts'
import type { LayoutResult } from '../core/graph/layout-spec.ts'
import type { ChainGraph } from '../core/graph/chain-graph.ts'
import type { ExplanationView, PresetView, RuleAddress, SimulationView } from '../core/graph/views.ts'
import type { Family } from '../core/model/ruleset.ts'
import type { SharePacket } from '../core/share/share-state.ts'
import type { Language } from '../i18n/messages.ts'
import type { EngineProgress, Scenario } from '../worker/engine-api.ts'
import type { VersionSlice } from './version-slice.ts'

export type Theme = 'light' | 'dark'
export type RunStatus = 'idle' | 'running' | 'ready' | 'failed'
export type Focus = 'all' | 'arriving' | 'leaving'

/** A generated example is kept by its parameters, so links and reloads don't carry megabytes. */
export interface GeneratedInput {
  generator: 'kube-proxy'
  services: number
  seed: number
}

export interface SourceSlice {
  /** The text in the editor: a dump, a log or an Istio configuration. */
  text: string
  /** Which example the text came from, if it is still unedited. */
  exampleId: string | null
  generated: GeneratedInput | null
  /** Bumped whenever the text is replaced from outside the editor (example, file, link), so the editor resets. */
  textVersion: number
  setText(text: string): void
  loadText(text: string, origin: { exampleId?: string | null; generated?: GeneratedInput | null }): void
}

export interface AnalysisSlice {
  analysis: Analysis | null
  analysisStatus: RunStatus
  /** A sentence for the user when the engine failed (timeout, crash); the input is kept. */
  engineNotice: string | null
  /** The stage a running analysis is in (reported by the engine worker), with when it started; null when idle. */
  progress: (EngineProgress & { startedAt: number }) | null
  family: Family | null
  /** Istio profile used to generate rules from a configuration. */
  profile: string | null
  /** Configuration values changed in the form, by field name. */
  overrides: Record<string, string>
  setFamily(family: Family): void
  setProfile(profile: string): void
  setOverride(field: string, value: string | null): void
}

export interface LayoutSlice {
  /** The graph currently on screen with its positions; replaced atomically when a new layout is ready. */
  drawn: { graph: ChainGraph; layout: LayoutResult; provisional?: boolean } | null
  layoutStatus: RunStatus
}

export interface ViewSlice {
  language: Language
  theme: Theme
  selectedRule: RuleAddress | null
  /** Who selected it: the editor does not scroll for its own cursor moves. */
  selectionOrigin: 'graph' | 'editor' | 'link' | 'trace' | 'inspector' | null
  focus: Focus
  /** Chains of a collapsed big dump that the user opened. */
  expanded: string[]
  explanation: ExplanationView | null
  explanationStatus: RunStatus
  /** A line the editor should scroll to (a section chip was clicked); `n` makes repeated requests distinct. */
  editorReveal: { line: number; n: number } | null
  /** A message about the page itself (a link that could not be opened, a file that could not be read). */
  notice: { key: string; detail?: string } | null
  setLanguage(language: Language): void
  setTheme(theme: Theme): void
  selectRule(rule: RuleAddress | null, origin?: ViewSlice['selectionOrigin']): void
  setFocus(focus: Focus): void
  toggleExpanded(chainId: string): void
  setNotice(notice: ViewSlice['notice']): void
  revealLine(line: number): void
}

export interface SimulationSlice {
  presets: PresetView[]
  scenario: Scenario | null
  /** The packet form's contents. */
  packet: SharePacket
  simulation: SimulationView | null
  simulationStatus: RunStatus
  /** Index into simulation.steps of the step shown. */
  step: number
  playing: boolean
  /** Simulated packet counters per rule (`table:chain:index`), accumulated over runs until reset. */
  hits: Record<string, number>
  /** Which presets hit each rule. */
  hitBy: Record<string, string[]>
  setPacket(packet: SharePacket): void
  setStep(step: number): void
  setPlaying(playing: boolean): void
  resetCounters(): void
}

export interface ShareSlice {
  /** The link made by Share; `redacted` when its addresses were replaced (`replaced` of them). */
  share: { url: string; length: number; copied: boolean; redacted?: boolean; replaced?: number } | null
}

export type AppState = SourceSlice & AnalysisSlice & LayoutSlice & ViewSlice & SimulationSlice & ShareSlice & VersionSlice
