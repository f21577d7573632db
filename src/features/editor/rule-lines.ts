import type { RuleLine } from '../../core/analyze.ts'
import type { RuleAddress } from '../../core/graph/views.ts'

export interface TextRange {
  line: number
  column: number
  endLine: number
  endColumn: number
}

function contains(r: RuleLine, line: number, column: number): boolean {
  const [, , , l, c, el, ec] = r
  if (line < l || line > el) return false
  if (line === l && column < c) return false
  if (line === el && column > ec) return false
  return true
}

/** The rule whose text covers the position (a whole listing pasted onto one line holds many rules). */
export function ruleAtPosition(rules: readonly RuleLine[], line: number, column: number): RuleAddress | null {
  for (const r of rules) if (contains(r, line, column)) return { table: r[0], chain: r[1], index: r[2] }
  return null
}

/** Where a rule is in the input. */
export function rangeOfRule(rules: readonly RuleLine[], rule: RuleAddress): TextRange | null {
  for (const [table, chain, index, line, column, endLine, endColumn] of rules) {
    if (table === rule.table && chain === rule.chain && index === rule.index) return { line, column, endLine, endColumn }
  }
  return null
}
