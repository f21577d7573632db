import type { RuleIndex } from '../../core/analyze.ts'
import type { RuleAddress } from '../../core/graph/views.ts'

export interface TextRange {
  line: number
  column: number
  endLine: number
  endColumn: number
}

function contains(spans: Int32Array, i: number, line: number, column: number): boolean {
  const l = spans[i * 4] as number
  if (l === 0) return false
  const c = spans[i * 4 + 1] as number
  const el = spans[i * 4 + 2] as number
  const ec = spans[i * 4 + 3] as number
  if (line < l || line > el) return false
  if (line === l && column < c) return false
  if (line === el && column > ec) return false
  return true
}

/** The rule whose text covers the position (a whole listing pasted onto one line holds many rules). */
export function ruleAtPosition(index: RuleIndex | undefined, line: number, column: number): RuleAddress | null {
  if (!index) return null
  let i = 0
  for (const [table, chain, count] of index.chains) {
    for (let k = 0; k < count; k++, i++) if (contains(index.spans, i, line, column)) return { table, chain, index: k + 1 }
  }
  return null
}

/** Where a rule is in the input. */
export function rangeOfRule(index: RuleIndex | undefined, rule: RuleAddress): TextRange | null {
  if (!index) return null
  let i = 0
  for (const [table, chain, count] of index.chains) {
    if (table === rule.table && chain === rule.chain) {
      if (rule.index < 1 || rule.index > count) return null
      const at = (i + rule.index - 1) * 4
      const line = index.spans[at] as number
      if (line === 0) return null
      return { line, column: index.spans[at + 1] as number, endLine: index.spans[at + 2] as number, endColumn: index.spans[at + 3] as number }
    }
    i += count
  }
  return null
}
