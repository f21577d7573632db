import type { SourceRequest } from '../core/analyze.ts'
import type { GraphViewOptions } from '../core/graph/build-graph.ts'
import type { AppState } from './app-state.ts'

/** The input as the engine needs it, from the store. */
export function sourceRequest(s: AppState): SourceRequest {
  const request: SourceRequest = { text: s.text }
  if (s.family) request.family = s.family
  if (s.profile) request.profile = s.profile
  if (Object.keys(s.overrides).length > 0) request.overrides = s.overrides
  if (s.regenerate) request.regenerate = true
  return request
}

export function ruleKeyOf(rule: { table: string; chain: string; index: number }): string {
  return `${rule.table}:${rule.chain}:${rule.index}`
}

/** What the graph must show: the user's focus and opened chains and, in a collapsed dump, the trace path and the selection. */
export function graphView(s: AppState): GraphViewOptions {
  const view: GraphViewOptions = { focus: s.focus, expanded: s.expanded }
  if (s.analysis?.graph?.collapsed) {
    const reveal = new Set<string>()
    for (const step of s.simulation?.steps ?? []) if (step.index !== null && step.table && step.chain) reveal.add(ruleKeyOf({ table: step.table, chain: step.chain, index: step.index }))
    if (s.selectedRule) reveal.add(ruleKeyOf(s.selectedRule))
    view.reveal = [...reveal].toSorted()
  }
  return view
}
