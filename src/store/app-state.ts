import type { Analysis } from '../core/analyze.ts'
import type { LayoutResult } from '../core/graph/layout-spec.ts'
import type { ChainGraph } from '../core/graph/chain-graph.ts'
import type { Family, RuleRef } from '../core/model/ruleset.ts'
import type { Language } from '../i18n/messages.ts'

export type Theme = 'light' | 'dark'
export type RunStatus = 'idle' | 'running' | 'ready' | 'failed'

export interface SourceSlice {
  /** The text in the editor: a dump, a log or an Istio configuration. */
  text: string
  /** Which example the text came from, if it is still unedited. */
  exampleId: string | null
  setText(text: string): void
  loadExample(id: string, text: string): void
}

export interface AnalysisSlice {
  analysis: Analysis | null
  analysisStatus: RunStatus
  /** A sentence for the user when the engine failed (timeout, crash); the input is kept. */
  engineNotice: string | null
  family: Family | null
  setFamily(family: Family): void
}

export interface LayoutSlice {
  /** The graph currently on screen with its positions; replaced atomically when a new layout is ready. */
  drawn: { graph: ChainGraph; layout: LayoutResult } | null
  layoutStatus: RunStatus
}

export interface ViewSlice {
  language: Language
  theme: Theme
  selectedRule: RuleRef | null
  setLanguage(language: Language): void
  setTheme(theme: Theme): void
  selectRule(rule: RuleRef | null): void
}

export type AppState = SourceSlice & AnalysisSlice & LayoutSlice & ViewSlice
