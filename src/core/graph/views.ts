import type { TableName } from '../model/ruleset.ts'
import type { SharePacket } from '../share/share-state.ts'

/**
 * What the explorer's panels show from the explain and simulate stages, as plain data in both languages. The engine
 * adapts those stages' own results to these shapes, so the UI does not follow their internals.
 */
export interface Bilingual {
  en: string
  zh: string
}

export interface RuleAddress {
  table: TableName
  chain: string
  /** 1-based position in the chain. */
  index: number
}

export interface PresetView {
  /** Stable id, e.g. `app-calls-external`; used in `scenario-<id>` and in links. */
  id: string
  title: Bilingual
  /** The packet the preset sends first, for the packet form ("edit this preset"). */
  packet: SharePacket
}

export type StepResult = 'matched' | 'not-matched' | 'undecidable' | 'policy' | 'end-of-chain' | 'event'

export interface ClauseView {
  text: string
  /** true = holds, false = fails, null = cannot be decided from the packet spec. */
  holds: boolean | null
}

export interface TraceStepView {
  leg: number
  /** Null for a step outside the chains: a routing decision, delivery to a socket, conntrack. */
  table: TableName | null
  chain: string | null
  /** Rule position; null for a chain's policy or its end, and for events. */
  index: number | null
  result: StepResult
  clauses: ClauseView[]
  /** What happened next in words: "jump to ISTIO_OUTPUT", "REDIRECT to 127.0.0.1:15001", "policy ACCEPT". */
  action: Bilingual
}

export interface LegView {
  title: Bilingual
  /** The packet of this leg in words: `tcp 10.10.13.113:40001 → 93.184.216.34:80, uid 1000`. */
  packet: string
  verdict: Bilingual
}

export interface SimulationView {
  verdict: Bilingual
  legs: LegView[]
  steps: TraceStepView[]
  /** Where the legs ended: listener ports (`15001`), DNAT addresses, or `app` / `leaves-pod`. */
  reached: string[]
  /** Rule packet counters this connection adds, keyed `table:chain:index`. */
  hits: Record<string, number>
  /** The simulation is only as exact as its model; anything it had to assume, in words. */
  notes: Bilingual[]
}

export interface ExplanationView {
  rule: RuleAddress
  text: string
  badge: number | null
  role: string | null
  /** A short name for the rule's role, e.g. "④ Envoy's own traffic leaves uncaptured". */
  title: string
  summary: string
  /** The rule in one generated sentence. */
  sentence: string
  clauses: { text: string; meaning: string; note?: string; understood: boolean }[]
  why: string[]
  /** Traffic that reaches the rule, with the simulator preset that replays it and the kernel evidence. */
  scenarios: { text: string; preset: string | null; evidence: string }[]
  pitfalls: string[]
  versions: string[]
  /** Parts of the rule the explainer could not read, verbatim. */
  unexplained: string[]
  /** Ports and addresses in the rule with what they are, for tooltips. */
  glossary: { term: string; meaning: string }[]
}
