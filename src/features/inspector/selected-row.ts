import type { RuleRow } from '../../core/graph/chain-graph.ts'
import type { AppState } from '../../store/app-state.ts'

/** The drawn row of the selected rule (its text and counters), if it is in the graph. */
export function selectedRow(s: AppState): RuleRow | null {
  const sel = s.selectedRule
  const graph = s.analysis?.graph
  if (!sel || !graph) return null
  for (const n of graph.nodes) {
    if (n.kind === 'chain' && n.table === sel.table && n.chain === sel.chain) return n.rows.find((r) => r.index === sel.index) ?? null
  }
  return null
}
