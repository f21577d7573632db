import type { Family, TableName } from '../model/ruleset.ts'

/**
 * What the graph view draws for one family: one node per chain with its rules as rows, the built-in chains grouped
 * by netfilter hook along the two paths a pod has, stage markers between hooks (routing, the local process), an edge
 * from every jumping row to the chain or terminal it sends packets to. Positions come from the layout step.
 */
export interface ChainGraph {
  family: Family
  nodes: GraphNode[]
  edges: GraphEdge[]
  /** What the view left out (big dumps): chains and rules not drawn. */
  hidden: { chains: number; rows: number }
  /** Whole-ruleset size, for the status line and the decision to collapse. */
  totals: { chains: number; rules: number }
  /** True when the ruleset was too big to draw whole and the view collapsed parts of it. */
  collapsed: boolean
}

export type GraphNode = ChainNode | TerminalNode | HookNode | StageNode

export type Hook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING'
export type Lane = 'arriving' | 'leaving' | 'forwarded'

export interface ChainNode {
  kind: 'chain'
  /** `chain-<table>-<CHAIN>`: stable across edits, used as the DOM test id too. */
  id: string
  table: TableName
  chain: string
  builtin: boolean
  policy: 'ACCEPT' | 'DROP' | null
  /** The hook group a built-in chain is drawn in. */
  parent?: string
  rows: RuleRow[]
  /** Rules in the chain; larger than rows.length when some rows are collapsed into gaps. */
  totalRows: number
  /** Jump targets of this chain's rows that are not drawn (big dumps). */
  hiddenTargets: number
  policyCounters?: { packets: number; bytes: number }
}

export interface RuleRow {
  /** 1-based position in the chain. */
  index: number
  /** The rule's clauses without `-A CHAIN`, e.g. `-o lo -s 127.0.0.6/32 -j RETURN`. */
  text: string
  target: string | null
  /** Node the row's edge points to, if any. */
  to?: string
  /** A jump target chain that exists but is not drawn (collapsed); the UI offers to show it. */
  hiddenTarget?: string
  /** Rows left out before this one (big chains): drawn as a gap marker. */
  gapBefore?: number
  packets?: number
  bytes?: number
  approximate?: boolean
  /** ①–⑨ for the nine canonical ISTIO_OUTPUT roles. */
  badge?: number
  /** Recognised Istio role id, if any. */
  role?: string
  /** First line of the rule in the input text (1-based), for editor ↔ graph linking. */
  line?: number
  /** Notes the paste attached to the rule (e.g. `#规则 9`). */
  notes?: string[]
}

export type TerminalRole =
  | 'envoy-outbound'
  | 'envoy-inbound'
  | 'dns-proxy'
  | 'tunnel'
  | 'redirect'
  | 'tproxy'
  | 'dnat'
  | 'app'
  | 'leaves-pod'

export interface TerminalNode {
  kind: 'terminal'
  id: string
  role: TerminalRole
  /** Port (or address:port) the packet is sent to; empty for app / leaves-pod. */
  port: string
  table?: TableName
}

/** A netfilter hook: the box holding its built-in chains in table-priority order. */
export interface HookNode {
  kind: 'hook'
  id: string
  hook: Hook
  lane: Lane
  /** Child chain node ids, top to bottom in the order the packet visits them. */
  chains: string[]
}

export type StageRole = 'from-network' | 'local-process' | 'routing'

/** A step of the packet path that is not a chain: where it starts, routing decisions. */
export interface StageNode {
  kind: 'stage'
  id: string
  role: StageRole
  lane: Lane
}

export interface GraphEdge {
  id: string
  source: string
  /** 1-based rule index in the source chain; absent for path edges between stages and hooks. */
  sourceRow?: number
  target: string
  kind: 'jump' | 'goto' | 'terminal' | 'path'
}

export function chainNodeId(table: TableName, chain: string): string {
  return `chain-${table}-${chain}`
}

export function rowKey(table: TableName, chain: string, index: number): string {
  return `${table}:${chain}:${index}`
}
