import type { Diagnostic } from './model/diagnostic.ts'
import type { ParsedInput } from './model/input.ts'
import type { Family, Ruleset } from './model/ruleset.ts'
import type { ChainGraph } from './graph/chain-graph.ts'
import { buildChainGraph } from './graph/build-graph.ts'
import { parseSave } from './parse/parse-save.ts'

export interface AnalyzeRequest {
  text: string
  /** Which family to draw when the input has both; defaults to IPv4 when present. */
  family?: Family
}

/** Everything the UI shows for one input text. Plain data: it crosses the worker boundary by structured clone. */
export interface Analysis {
  parsed: ParsedInput
  diagnostics: Diagnostic[]
  families: Family[]
  family: Family | null
  ruleset: Ruleset | null
  graph: ChainGraph | null
}

/** The pipeline from pasted text to what is drawn: parse → choose the family → chain graph. */
export function analyze(request: AnalyzeRequest): Analysis {
  const { value: parsed, diagnostics } = parseSave(request.text)
  const families = ([4, 6] as const).filter((f) => parsed.rulesets[f])
  const family = request.family && parsed.rulesets[request.family] ? request.family : (families[0] ?? null)
  const ruleset = family ? (parsed.rulesets[family] ?? null) : null
  return {
    parsed,
    diagnostics,
    families,
    family,
    ruleset,
    graph: ruleset ? buildChainGraph(ruleset) : null,
  }
}
