import type { Family, TableName } from '../model/ruleset.ts'

/**
 * The netfilter chains of one family as a graph: one node per chain, its rules as rows, an edge from every
 * jumping rule row to the chain (or terminal) it sends packets to. Positions come from the layout step.
 */
export interface ChainGraph {
  family: Family
  nodes: GraphNode[]
  edges: GraphEdge[]
}

export type GraphNode = ChainNode | TerminalNode

export interface ChainNode {
  kind: 'chain'
  /** `chain-<table>-<CHAIN>`: stable across edits, used as the DOM test id too. */
  id: string
  table: TableName
  chain: string
  builtin: boolean
  policy: 'ACCEPT' | 'DROP' | null
  rows: RuleRow[]
}

export interface RuleRow {
  /** 1-based position in the chain. */
  index: number
  /** The rule's clauses without `-A CHAIN`, e.g. `-o lo -s 127.0.0.6/32 -j RETURN`. */
  text: string
  target: string | null
  /** Node the row's edge points to, if any. */
  to?: string
  packets?: number
  bytes?: number
}

export type TerminalRole = 'envoy-outbound' | 'envoy-inbound' | 'dns-proxy' | 'tunnel' | 'redirect' | 'tproxy' | 'dnat'

export interface TerminalNode {
  kind: 'terminal'
  id: string
  role: TerminalRole
  /** Port (or address:port) the packet is sent to. */
  port: string
  table: TableName
}

export interface GraphEdge {
  id: string
  source: string
  /** 1-based rule index in the source chain. */
  sourceRow: number
  target: string
  kind: 'jump' | 'goto' | 'terminal'
}

export function chainNodeId(table: TableName, chain: string): string {
  return `chain-${table}-${chain}`
}
