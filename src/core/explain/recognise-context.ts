import type { Family, TableName } from '../model/ruleset.ts'
import type { ChainKind } from './chain-kinds.ts'
import type { IstioFacts } from './istio-facts.ts'

/** What the recogniser knows about a rule's surroundings. */
export interface RuleContext {
  family: Family
  table: TableName
  chain: string
  /** The kind of the chain holding the rule; null for built-in chains and for chains that are not Istio's. */
  chainKind: ChainKind | null
  /** The kind of the user chain the rule jumps to, if any. */
  targetKind: ChainKind | null
  /** Whether the ruleset holds any Istio chain: built-in chain rules are only read as Istio's when it does. */
  istio: boolean
  facts: IstioFacts
  /** The chain also holds `-d CIDR -j ISTIO_REDIRECT` rules (an include-CIDR list). */
  chainHasIncludeCidr: boolean
  /** Interfaces that built-in OUTPUT of the same table RETURNs with `-o` (the exclude-interface pairs). */
  outputExcludedInterfaces: readonly string[]
}
