import type { Family, TableName } from '../../model/ruleset.ts'
import type { Words } from '../addr.ts'
import type { HookState, Iface, Pkt, Sock } from '../engine/packet.ts'

/**
 * A ruleset compiled once into predicates and actions, indexed for fast first-match lookup. Not plain data (it
 * holds closures): the worker keeps it, and only results cross to the UI.
 */
export const NO = 0
export const YES = 1
export const UNDECIDED = 2
export type Tri = 0 | 1 | 2

/** Per-connection services a clause may need besides the packet. */
export interface MatchEnv {
  /** XT_ADDRTYPE_* bits of an address in the pod's local routing table; `dev` restricts to one device. */
  addrType(w: Readonly<Words>, dev: Iface | null): number
  /** The socket xt_socket would find for the packet (established, then listener). */
  socketFor(p: Pkt, h: HookState): Sock | null
  /** Per-connection state of stateful matches (statistic nth, limit), keyed by clause id. */
  state: Map<number, number>
  /** A number derived from the connection, for the deterministic `statistic --mode random`. */
  connHash: number
}

export interface Clause {
  /** The clause as written: `! --dport 53`. */
  text: string
  module: string
  option: string
  negated: boolean
  expected: string
  test(p: Pkt, h: HookState, env: MatchEnv): Tri
  /** The packet's value for the report (only called when tracing). */
  actual(p: Pkt, h: HookState, env: MatchEnv): string
  /** Why it is undecidable when it always is (unknown module, host name). */
  reason?: string
  /** Evaluating it changes state (statistic nth, limit): later clauses are only evaluated when earlier ones pass. */
  stateful?: boolean
  /** A documented deterministic choice stands in for the kernel's randomness. */
  deterministic?: StandIn
}

/** What a deterministic stand-in does, in both languages the UI speaks. */
export interface StandIn {
  en: string
  zh: string
}

export type NatSpec =
  | { kind: 'redirect'; ports: { from: number; to: number } | null }
  | { kind: 'dnat'; addrs: { from: Words; to: Words } | null; ports: { from: number; to: number } | null }
  | { kind: 'snat'; addrs: { from: Words; to: Words } | null; ports: { from: number; to: number } | null }
  | { kind: 'masquerade'; ports: { from: number; to: number } | null }
  | { kind: 'netmap'; net: Words; mask: Words }

export type CompiledTarget =
  | { kind: 'none' }
  | { kind: 'accept' }
  | { kind: 'drop' }
  | { kind: 'return' }
  | { kind: 'queue'; bypass: boolean }
  | { kind: 'jump'; chain: CompiledChain; goto: boolean }
  | { kind: 'mark'; value: number; mask: number; text: string }
  | { kind: 'connmark'; mode: 'set' | 'save' | 'restore'; value: number; mask: number; nfmask: number; ctmask: number; text: string }
  | { kind: 'ct'; zone: number | null; notrack: boolean; text: string }
  | { kind: 'nat'; spec: NatSpec; text: string }
  | { kind: 'tproxy'; port: number; addr: Words | null; markValue: number; markMask: number; text: string }
  | { kind: 'reject'; with: string }
  | { kind: 'continue'; name: string }
  | { kind: 'undecidable'; name: string; reason: string }

export interface CompiledRule {
  /** Global id: index into counter arrays. */
  id: number
  table: TableName
  chain: string
  /** 1-based position in its chain. */
  index: number
  clauses: Clause[]
  target: CompiledTarget
  /** Exact destination host this rule requires (`-d a/32` or `/128`, not negated), for the chain index. */
  dstKey: number | string | null
  /** Exact destination port it requires (a single, non-negated tcp/udp `--dport`), for the chain index. */
  dport: number | null
  /** The note of a clause decided by a deterministic stand-in (statistic, limit), if any, and that clause's position. */
  deterministic: StandIn | null
  deterministicAt: number
}

export interface CompiledChain {
  id: number
  table: TableName
  name: string
  builtin: boolean
  policy: 'ACCEPT' | 'DROP'
  rules: CompiledRule[]
  /** nft creates a built-in chain only when the rules declare it; its policy counter exists only then. */
  exists: boolean
  /** Part of a jump/goto cycle (the kernel refuses such rulesets at load time). */
  inCycle: boolean
  /** For long chains: rules by exact destination, the rest in `generic`; both ascending by position. */
  index: ChainIndex | null
}

/**
 * A long chain's rules split by what they require: an exact destination host, else an exact destination port, else
 * nothing (generic). A packet can only match its host's and its port's rules and the generic ones, so only those
 * are evaluated, still in chain order: first-match semantics are unchanged.
 */
export interface ChainIndex {
  byDst: Map<number | string, CompiledRule[]>
  byDport: Map<number, CompiledRule[]>
  generic: CompiledRule[]
}

export interface CompiledTable {
  name: TableName
  chains: Map<string, CompiledChain>
}

export interface CompiledRuleset {
  family: Family
  tables: Partial<Record<TableName, CompiledTable>>
  rules: CompiledRule[]
  chains: CompiledChain[]
  /** Conntrack is active in the pod: a match or target that takes a conntrack reference exists (NAT targets do). */
  conntrack: boolean
  /** A nat table exists: NAT hooks (and null bindings) run at all four hooks. */
  nat: boolean
  /** Listener ports the oracle opens in the pod because the rules name them (REDIRECT, TPROXY, DNAT ports). */
  podPorts: number[]
  /** Ports it also opens on the remote side (DNAT `--to-destination …:port`). */
  remotePorts: number[]
  /**
   * The built-in chain each table has at each hook, when it exists: `hooks[hook][table]`, hooks in NF_INET order
   * (PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING), tables raw, mangle, nat, filter, security.
   */
  hooks: (CompiledChain | null)[][]
  /** Chain appearance order (name → first position), for the oracle's hit order of unreached chains. */
  chainOrder: Map<string, number>
  hasCycle: boolean
}
